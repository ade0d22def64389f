namespace Doppel.IO;

/// <summary>The argument checks the block encoders share.</summary>
internal static class BlockArguments
{
    public static void Check(IReadOnlyList<string> names, IReadOnlyList<string?[]> columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (names.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(names));
        if (columns.Count != names.Count)
            throw new ArgumentException($"{names.Count} names were given for {columns.Count} columns; give one name per column.", nameof(columns));
        for (int c = 0; c < columns.Count; c++)
        {
            if (names[c] is null) throw new ArgumentException($"The name of column {c + 1} is null.", nameof(names));
            if (columns[c] is null) throw new ArgumentException($"Column '{names[c]}' is null.", nameof(columns));
            if (columns[c].Length < rowCount)
                throw new ArgumentException($"Column '{names[c]}' has {columns[c].Length} cells, fewer than the {rowCount} rows to write.", nameof(columns));
        }
    }
}
