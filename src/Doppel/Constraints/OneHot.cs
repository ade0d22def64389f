using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// Exactly one of a set of 0/1 numerical or boolean columns is 1 (true) in every row, the others 0 (false), none
/// missing. Learned as one categorical column naming the hot column, so every sampled row has exactly one.
/// Sampled boolean members are written <c>true</c>/<c>false</c>.
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

    /// <summary>Which member is hot in a row, or null when the row does not have exactly one.</summary>
    internal string? HotColumn(Table table, int row) => Holds(table, row) ? Of.First(name => State(table[name], row) == true) : null;

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
