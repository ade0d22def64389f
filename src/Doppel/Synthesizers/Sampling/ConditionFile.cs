using System.Globalization;
using Doppel.IO;

namespace Doppel.Synthesizers.Sampling;

/// <summary>
/// Reads condition groups from a CSV or JSON Lines file: one row per group, a column with the number of rows
/// to sample (<c>num_rows</c>, else <c>rows</c>, else <c>count</c>, so a data column named count can still be
/// conditioned on), and one column per conditioned column.
/// A cell holds a value (equality) or a bound such as <c>&gt;=60</c> or <c>&lt;2.5</c>; an empty cell leaves
/// that column free in that group.
/// </summary>
public static class ConditionFile
{
    private static readonly string[] CountNames = ["num_rows", "rows", "count"];

    /// <summary>The groups of the file, in file order.</summary>
    public static IReadOnlyList<ConditionGroup> Read(string path)
    {
        RawTable raw = TableFileReader.Read(path);
        int countColumn = -1;
        foreach (string name in CountNames)
        {
            countColumn = raw.Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (countColumn >= 0) break;
        }
        if (countColumn < 0)
            throw new DataFormatException($"Conditions file '{path}' needs a column named num_rows, rows or count with the number of rows of each group; its columns are {string.Join(", ", raw.Names)}.");

        var groups = new List<ConditionGroup>(raw.RowCount);
        for (int r = 0; r < raw.RowCount; r++)
        {
            string? countText = raw.Columns[countColumn][r];
            if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count < 1)
                throw new DataFormatException($"Conditions file '{path}', line {raw.LineNumbers[r]}: count \"{countText}\" must be a whole number of at least 1.");
            var conditions = new List<Condition>();
            for (int c = 0; c < raw.Names.Count; c++)
            {
                if (c == countColumn || raw.Columns[c][r] is not { Length: > 0 } cell) continue;
                bool bound = cell[0] is '<' or '>';
                conditions.Add(Condition.Parse(raw.Names[c] + (bound ? "" : "=") + cell));
            }
            groups.Add(new ConditionGroup(new ConditionSet(conditions), count));
        }
        if (groups.Count == 0) throw new DataFormatException($"Conditions file '{path}' has a header but no groups.");
        return groups;
    }
}
