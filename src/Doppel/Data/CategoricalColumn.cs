namespace Doppel.Data;

/// <summary>A column of category codes into <see cref="Categories"/>; -1 marks a missing value.</summary>
public sealed class CategoricalColumn : Column
{
    /// <summary>The code of a missing value.</summary>
    public const int Missing = -1;

    public CategoricalColumn(string name, int[] codes, string[] categories) : base(name)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(categories);
        Codes = codes;
        Categories = categories;
    }

    /// <summary>Per-row code: an index into <see cref="Categories"/>, or -1 when missing.</summary>
    public int[] Codes { get; }

    /// <summary>The distinct values, as they appear in the data.</summary>
    public string[] Categories { get; }

    public override int Length => Codes.Length;
    public override ColumnKind Kind => ColumnKind.Categorical;
    public override bool IsMissing(int row) => Codes[row] < 0;

    /// <summary>The value at a row, or null when missing.</summary>
    public string? this[int row] => Codes[row] < 0 ? null : Categories[Codes[row]];

    /// <summary>
    /// For each of this column's categories, its position in <paramref name="names"/> (the first, if listed twice), or
    /// −1 when it is not there: how this column's codes map onto another list of categories, such as a model's or a
    /// declared one.
    /// </summary>
    public int[] PositionsIn(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var byName = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) byName.TryAdd(names[i], i);
        return [.. Categories.Select(name => byName.GetValueOrDefault(name, -1))];
    }

    /// <summary>Builds a column from strings, assigning codes in order of first appearance.</summary>
    public static CategoricalColumn FromValues(string name, IReadOnlyList<string?> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            string? value = values[i];
            if (value is null)
            {
                codes[i] = Missing;
                continue;
            }
            if (!index.TryGetValue(value, out int code))
            {
                code = categories.Count;
                index.Add(value, code);
                categories.Add(value);
            }
            codes[i] = code;
        }
        return new CategoricalColumn(name, codes, [.. categories]);
    }

    public override Column Select(ReadOnlySpan<int> rows)
    {
        var result = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) result[i] = Codes[rows[i]];
        return new CategoricalColumn(Name, result, Categories);
    }

    public override Column Rename(string name) => new CategoricalColumn(name, Codes, Categories);
}
