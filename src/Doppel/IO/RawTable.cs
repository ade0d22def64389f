namespace Doppel.IO;

/// <summary>
/// A table as read from a file, before any type is decided: one string array per column
/// (null = missing) and, for error messages, the file line on which each row starts.
/// </summary>
public sealed class RawTable
{
    public RawTable(string source, IReadOnlyList<string> names, string?[][] columns, int[] lineNumbers)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(lineNumbers);
        if (names.Count != columns.Length)
            throw new ArgumentException($"{names.Count} names for {columns.Length} columns.", nameof(columns));
        Source = source;
        Names = names;
        Columns = columns;
        LineNumbers = lineNumbers;
        RowCount = lineNumbers.Length;
    }

    /// <summary>Where the data came from (a file path), for messages.</summary>
    public string Source { get; }

    /// <summary>Header names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Per column, per row: the value, or null when missing (empty or a null token).</summary>
    public string?[][] Columns { get; }

    /// <summary>Per row: the 1-based file line on which the row starts.</summary>
    public int[] LineNumbers { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The index of a column by name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
            if (Names[i] == name) return i;
        return -1;
    }
}
