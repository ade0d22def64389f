namespace Doppel.Data;

/// <summary>A column of instants as <see cref="DateTime.Ticks"/> (UTC for values with an offset); <see cref="Missing"/> marks a missing value.</summary>
public sealed class DateTimeColumn : Column
{
    /// <summary>The tick value of a missing entry.</summary>
    public const long Missing = long.MinValue;

    public DateTimeColumn(string name, long[] ticks) : base(name)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        Ticks = ticks;
    }

    /// <summary>Per-row ticks, or <see cref="Missing"/>.</summary>
    public long[] Ticks { get; }

    public override int Length => Ticks.Length;
    public override ColumnKind Kind => ColumnKind.DateTime;
    public override bool IsMissing(int row) => Ticks[row] == Missing;

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var result = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++) result[i] = Ticks[rows[i]];
        return new DateTimeColumn(Name, result);
    }

    public override Column Rename(string name) => new DateTimeColumn(name, Ticks);
}
