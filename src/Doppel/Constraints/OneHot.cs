using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// Exactly one of a set of 0/1 numerical or boolean columns is 1 (true) in every row, the others 0 (false), none
/// missing. Learned as one categorical column of the rows' patterns (which, in data that meets the rule, all have
/// exactly one hot member), so every sampled row has exactly one, spelled as in the data.
/// </summary>
public sealed record OneHot(IReadOnlyList<string> Of) : Constraint
{
    public override string Type => "oneHot";
    public override IReadOnlyList<string> Columns => Of;

    public override bool Holds(Table table, int row)
    {
        int hot = 0;
        foreach (string name in Of)
        {
            switch (State(table[name], row))
            {
                case true: hot++; break;
                case null: return false;
            }
        }
        return hot == 1;
    }

    /// <summary>True for 1 or a true-like boolean, false for 0 or a false-like one, null for anything else (missing included).</summary>
    internal static bool? State(Column column, int row)
    {
        switch (column)
        {
            case NumericColumn numeric:
                double x = numeric.Values[row];
                return x == 1 ? true : x == 0 ? false : null;
            case CategoricalColumn categorical:
                string? text = categorical[row]?.Trim();
                if (text is null) return null;
                if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase)) return true;
                if (FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase)) return false;
                return null;
            default:
                return null;
        }
    }

    private static readonly string[] TrueWords = ["true", "1", "yes", "y", "t"];
    private static readonly string[] FalseWords = ["false", "0", "no", "n", "f"];

    public override string Describe() => $"exactly one of {string.Join(", ", Of)} is 1";

    public bool Equals(OneHot? other) => other is not null && Of.SequenceEqual(other.Of);

    public override int GetHashCode() => Of.Count == 0 ? 0 : Of[0].GetHashCode(StringComparison.Ordinal);
}
