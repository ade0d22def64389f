namespace Doppel.Data;

/// <summary>A column of numbers; NaN marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    public NumericColumn(string name, double[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>The values; NaN is missing. Treat as read-only once the column is in a table.</summary>
    public double[] Values { get; }

    public override int Length => Values.Length;
    public override ColumnKind Kind => ColumnKind.Numeric;
    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var result = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) result[i] = Values[rows[i]];
        return new NumericColumn(Name, result);
    }

    public override Column Rename(string name) => new NumericColumn(name, Values);
}
