using Doppel.Data;

namespace Doppel.IO;

/// <summary>
/// One block of rows converted for a database: per column, 64-bit integers (<see cref="DatabaseValueKind.Integer"/>,
/// booleans as 0/1, dates and timestamps as <see cref="DateTime.Ticks"/>), doubles (<see cref="DatabaseValueKind.Real"/>)
/// or text, with values rounded exactly as the CSV writer rounds them, so a database holds the values a CSV file of
/// the same seed holds. Built on any thread; immutable once built.
/// </summary>
public sealed class DatabaseBlock
{
    /// <summary>The integer value that marks a missing entry (the same sentinel as <see cref="DateTimeColumn.Missing"/>).</summary>
    public const long MissingInteger = long.MinValue;

    // Whole numbers at or past this size do not fit a 64-bit integer after rounding (the CSV writer's limit too).
    private const double IntegerLimit = 9e18;

    private static readonly (string True, string False)[] BooleanPairs =
        [("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"), ("1", "0"), ("on", "off")];

    private readonly long[]?[] _integers;
    private readonly double[]?[] _reals;
    private readonly string?[]?[] _texts;

    private DatabaseBlock(IReadOnlyList<DatabaseColumn> columns, int rowCount)
    {
        Columns = columns;
        RowCount = rowCount;
        _integers = new long[]?[columns.Count];
        _reals = new double[]?[columns.Count];
        _texts = new string?[]?[columns.Count];
    }

    /// <summary>The columns, in table order.</summary>
    public IReadOnlyList<DatabaseColumn> Columns { get; }

    /// <summary>Rows in the block.</summary>
    public int RowCount { get; }

    /// <summary>Per column: the values of an Integer, Boolean, Date, Timestamp or TimestampUtc column (<see cref="MissingInteger"/> when missing), else null.</summary>
    public IReadOnlyList<long[]?> IntegerColumns => _integers;

    /// <summary>Per column: the values of a Real column (NaN when missing), else null.</summary>
    public IReadOnlyList<double[]?> RealColumns => _reals;

    /// <summary>Per column: the values of a Text column (null when missing), else null.</summary>
    public IReadOnlyList<string?[]?> TextColumns => _texts;

    /// <summary>Converts the rows of <paramref name="block"/> (which holds every column named in <paramref name="columns"/>).</summary>
    public static DatabaseBlock From(Table block, IReadOnlyList<DatabaseColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(columns);
        var result = new DatabaseBlock(columns, block.RowCount);
        for (int c = 0; c < columns.Count; c++)
        {
            DatabaseColumn column = columns[c];
            if (!block.TryGetColumn(column.Name, out Column? data))
                throw new ArgumentException($"The block has no column '{column.Name}'. Block columns: {string.Join(", ", block.ColumnNames)}.", nameof(block));
            switch (column.Kind)
            {
                case DatabaseValueKind.Integer: result._integers[c] = WholeNumbers(data, column); break;
                case DatabaseValueKind.Real: result._reals[c] = Reals(data, column); break;
                case DatabaseValueKind.Boolean: result._integers[c] = Booleans(data, column); break;
                case DatabaseValueKind.Date or DatabaseValueKind.Timestamp or DatabaseValueKind.TimestampUtc:
                    result._integers[c] = Truncate(As<DateTimeColumn>(data, column).Ticks, column.Resolution);
                    break;
                default:
                    result._texts[c] = column.TextFormat is { } format
                        ? FormatDates(Truncate(As<DateTimeColumn>(data, column).Ticks, column.Resolution), format)
                        : ValueFormatter.FormatColumn(data, column.Metadata);
                    break;
            }
        }
        return result;
    }

    /// <summary>True or false for a boolean column's category text, per the pairs true/false, yes/no, y/n, t/f, 1/0, on/off (any case).</summary>
    public static bool? ParseBoolean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> value = text.AsSpan().Trim();
        foreach ((string yes, string no) in BooleanPairs)
        {
            if (value.Equals(yes, StringComparison.OrdinalIgnoreCase)) return true;
            if (value.Equals(no, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return null;
    }

    private static long[] WholeNumbers(Column data, DatabaseColumn column)
    {
        double[] values = As<NumericColumn>(data, column).Values;
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (double.IsNaN(value)) { result[i] = MissingInteger; continue; }
            value = Math.Round(value, MidpointRounding.AwayFromZero);
            if (!(Math.Abs(value) < IntegerLimit))
                throw new DataFormatException($"Column '{column.Name}' is an integer column, but a value ({values[i]}) does not fit in a 64-bit integer. Declare the column as float in the metadata.");
            result[i] = (long)value;
        }
        return result;
    }

    private static double[] Reals(Column data, DatabaseColumn column)
    {
        double[] values = As<NumericColumn>(data, column).Values;
        if (column.Metadata.Decimals is not int decimals) return CheckFinite(values, column);
        decimals = Math.Clamp(decimals, 0, MetadataValidator.MaxDecimals);
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double value = Math.Round(values[i], decimals, MidpointRounding.AwayFromZero);
            result[i] = value == 0 ? 0 : value; // no -0, as in CSV
        }
        return CheckFinite(result, column);
    }

    private static double[] CheckFinite(double[] values, DatabaseColumn column)
    {
        foreach (double value in values)
            if (double.IsInfinity(value))
                throw new DataFormatException($"Column '{column.Name}' holds an infinite value, which no output may hold.");
        return values;
    }

    private static long[] Booleans(Column data, DatabaseColumn column)
    {
        var categorical = As<CategoricalColumn>(data, column);
        var meaning = new long[categorical.Categories.Length];
        for (int k = 0; k < meaning.Length; k++)
        {
            bool? parsed = ParseBoolean(categorical.Categories[k]);
            meaning[k] = parsed switch
            {
                true => 1,
                false => 0,
                null => throw new DataFormatException(
                    $"Column '{column.Name}' is boolean but holds \"{categorical.Categories[k]}\", which is not one of true/false, yes/no, y/n, t/f, 1/0, on/off. " +
                    "Declare the column categorical in the metadata to keep its text."),
            };
        }
        int[] codes = categorical.Codes;
        var result = new long[codes.Length];
        for (int i = 0; i < codes.Length; i++)
            result[i] = (uint)codes[i] < (uint)meaning.Length ? meaning[codes[i]] : MissingInteger;
        return result;
    }

    private static long[] Truncate(long[] ticks, long unit)
    {
        if (unit == 1) return ticks;
        var result = new long[ticks.Length];
        for (int i = 0; i < ticks.Length; i++)
        {
            long value = ticks[i];
            long remainder = value % unit;
            result[i] = value == DateTimeColumn.Missing ? value : value - (remainder < 0 ? remainder + unit : remainder);
        }
        return result;
    }

    private static string?[] FormatDates(long[] ticks, string format)
    {
        var result = new string?[ticks.Length];
        for (int i = 0; i < ticks.Length; i++)
            if (ticks[i] != DateTimeColumn.Missing) result[i] = new DateTime(ticks[i]).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private static T As<T>(Column data, DatabaseColumn column) where T : Column => data as T
        ?? throw new ArgumentException($"Column '{column.Name}' is stored as {data.Kind}, which cannot be written as {column.Kind}.", nameof(data));

}
