using Doppel.Data;

namespace Doppel.IO;

/// <summary>One column of a database table written from a <see cref="Table"/>: its name, how its values are stored, and its metadata.</summary>
public sealed record DatabaseColumn
{
    /// <summary>The format of <see cref="DatabaseValueKind.Date"/> values written as text (ISO 8601).</summary>
    public const string DateText = "yyyy-MM-dd";

    /// <summary>The format of <see cref="DatabaseValueKind.Timestamp"/> values written as text (ISO 8601, fraction only when not zero).</summary>
    public const string TimestampText = "yyyy-MM-ddTHH:mm:ss.FFFFFFF";

    /// <summary>The format of <see cref="DatabaseValueKind.TimestampUtc"/> values written as text (ISO 8601 in UTC).</summary>
    public const string TimestampUtcText = "yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'";

    // A time of day with every field set, so a format that keeps any of them is seen to keep the time.
    private static readonly long ProbeTicks = new DateTime(2001, 2, 3, 4, 5, 6, 789).AddTicks(1234).Ticks;

    public DatabaseColumn(ColumnMetadata metadata, DatabaseValueKind kind, string? textFormat = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (textFormat is not null && (kind != DatabaseValueKind.Text || metadata.Type != ColumnType.DateTime))
            throw new ArgumentException("A text format applies only to datetime columns stored as text.", nameof(textFormat));
        Metadata = metadata;
        Kind = kind;
        TextFormat = textFormat;
        Resolution = metadata.Type == ColumnType.DateTime ? ResolutionOf(metadata.DateTimeFormat ?? ValueFormatter.DefaultDateTimeFormat) : 1;
    }

    /// <summary>The column's metadata.</summary>
    public ColumnMetadata Metadata { get; }

    /// <summary>The column name.</summary>
    public string Name => Metadata.Name;

    /// <summary>How values are stored.</summary>
    public DatabaseValueKind Kind { get; }

    /// <summary>For a datetime column stored as text: the format of the text (one of the ISO 8601 constants here).</summary>
    public string? TextFormat { get; }

    /// <summary>
    /// For a datetime column: the ticks of the finest field its format writes (a day for dates, a second for
    /// "HH:mm:ss", a millisecond for ".fff"). Values are cut to it, so the database holds the very instants a CSV
    /// file in the column's format holds.
    /// </summary>
    public long Resolution { get; }

    /// <summary>The natural storage of every metadata column, for databases with boolean, date and timestamp types.</summary>
    public static DatabaseColumn[] Map(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return [.. metadata.Columns.Select(c => new DatabaseColumn(c, KindOf(c)))];
    }

    /// <summary>
    /// The storage for databases whose only types are integer, real and text (SQLite): booleans keep their
    /// category text, datetimes become ISO 8601 text (<see cref="DateText"/>, <see cref="TimestampText"/> or
    /// <see cref="TimestampUtcText"/>), which sorts in time order and which SQLite's date functions read.
    /// </summary>
    public static DatabaseColumn[] MapToBasicTypes(Metadata metadata) =>
        [.. Map(metadata).Select(c => c.Kind switch
        {
            DatabaseValueKind.Boolean => new DatabaseColumn(c.Metadata, DatabaseValueKind.Text),
            DatabaseValueKind.Date => new DatabaseColumn(c.Metadata, DatabaseValueKind.Text, DateText),
            DatabaseValueKind.Timestamp => new DatabaseColumn(c.Metadata, DatabaseValueKind.Text, TimestampText),
            DatabaseValueKind.TimestampUtc => new DatabaseColumn(c.Metadata, DatabaseValueKind.Text, TimestampUtcText),
            _ => c,
        })];

    private static DatabaseValueKind KindOf(ColumnMetadata column) => column.Type switch
    {
        ColumnType.Numerical => column.Subtype == NumericalSubtype.Integer ? DatabaseValueKind.Integer : DatabaseValueKind.Real,
        ColumnType.Boolean => DatabaseValueKind.Boolean,
        ColumnType.DateTime => DateTimeKind(column.DateTimeFormat ?? Data.ValueFormatter.DefaultDateTimeFormat),
        _ => DatabaseValueKind.Text,
    };

    private static long ResolutionOf(string format)
    {
        if (!DateTimeFormats.TryParse(DateTimeFormats.Format(ProbeTicks, format), format, out long back)) return 1;
        foreach (long unit in (ReadOnlySpan<long>)[1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour, TimeSpan.TicksPerDay])
            if (ProbeTicks - ProbeTicks % unit == back) return unit;
        return 1;
    }

    private static DatabaseValueKind DateTimeKind(string format)
    {
        if (DateTimeFormats.HasOffset(format)
            || format.Equals(DateTimeFormats.UnixSeconds, StringComparison.OrdinalIgnoreCase)
            || format.Equals(DateTimeFormats.UnixMilliseconds, StringComparison.OrdinalIgnoreCase))
            return DatabaseValueKind.TimestampUtc;
        // A format whose written values read back at midnight keeps no time of day: a date.
        bool keepsTime = DateTimeFormats.TryParse(DateTimeFormats.Format(ProbeTicks, format), format, out long back) && back % TimeSpan.TicksPerDay != 0;
        return keepsTime ? DatabaseValueKind.Timestamp : DatabaseValueKind.Date;
    }
}
