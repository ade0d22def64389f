namespace Doppel.Data;

/// <summary>A column of free strings (ids, PII, text); null marks a missing value.</summary>
public sealed class TextColumn : Column
{
    public TextColumn(string name, string?[] values) : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>Per-row strings; null is missing.</summary>
    public string?[] Values { get; }

    public override int Length => Values.Length;
    public override ColumnKind Kind => ColumnKind.Text;
    public override bool IsMissing(int row) => Values[row] is null;

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var result = new string?[rows.Length];
        for (int i = 0; i < rows.Length; i++) result[i] = Values[rows[i]];
        return new TextColumn(Name, result);
    }

    public override Column Rename(string name) => new TextColumn(name, Values);
}
