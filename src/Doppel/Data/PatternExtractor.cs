using System.Text;

namespace Doppel.Data;

/// <summary>
/// The common shape of a column's values in the <see cref="ColumnMetadata.Pattern"/> language:
/// '#' a digit, 'A' an upper-case letter, 'a' a lower-case letter, any other character literal.
/// </summary>
internal static class PatternExtractor
{
    /// <summary>Share of values one shape must cover to be the column's pattern.</summary>
    public const double Coverage = 0.9;

    /// <summary>Longer shapes are free text, not a format worth keeping.</summary>
    public const int MaxLength = 40;

    // A letter shared by every value of the shape stays literal ("C####"), but only when that many distinct
    // values share it: then it describes the column, not one person's value.
    private const int MinDistinctForLiterals = 10;

    /// <summary>The shape of one value: "(555) 123-4567" → "(###) ###-####".</summary>
    public static string Shape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
            builder.Append(Class(c));
        return builder.ToString();
    }

    /// <summary>The shape covering at least 90 % of the values, with letters all of them share kept literal; null when there is none.</summary>
    public static string? CommonPattern(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            if (value.Length > MaxLength) continue;
            string shape = Shape(value);
            counts[shape] = counts.GetValueOrDefault(shape) + 1;
        }
        if (counts.Count == 0) return null;
        KeyValuePair<string, int> best = counts.MaxBy(pair => pair.Value);
        if (best.Value < Coverage * values.Count) return null;
        return KeepSharedLetters(best.Key, values);
    }

    private static string KeepSharedLetters(string shape, IReadOnlyList<string> values)
    {
        char[] shared = shape.ToCharArray();
        bool[] varies = new bool[shape.Length];
        char[]? firstSeen = null;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            if (value.Length != shape.Length || Shape(value) != shape) continue;
            distinct.Add(value);
            if (firstSeen is null)
            {
                firstSeen = value.ToCharArray();
                continue;
            }
            for (int i = 0; i < value.Length; i++)
                if (value[i] != firstSeen[i]) varies[i] = true;
        }
        if (firstSeen is null || distinct.Count < MinDistinctForLiterals) return shape;
        for (int i = 0; i < shared.Length; i++)
        {
            // 'A' and 'a' stay classes: as literals they would read as "any letter".
            if (!varies[i] && char.IsLetter(firstSeen[i]) && firstSeen[i] is not ('A' or 'a')) shared[i] = firstSeen[i];
        }
        return new string(shared);
    }

    private static char Class(char c) => c switch
    {
        >= '0' and <= '9' => '#',
        _ when char.IsUpper(c) => 'A',
        _ when char.IsLower(c) => 'a',
        _ => c,
    };
}
