namespace Doppel.Data;

/// <summary>A columnar table: named, typed columns of equal length. Immutable in shape.</summary>
public sealed class Table
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _index;

    public Table(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        for (int i = 0; i < _columns.Length; i++)
        {
            Column column = _columns[i];
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows but column '{_columns[0].Name}' has {RowCount}; all columns of a table must have the same length.", nameof(columns));
            if (!_index.TryAdd(column.Name, i))
                throw new ArgumentException($"Column name '{column.Name}' appears twice; column names must be unique.", nameof(columns));
        }
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>Column names, in order.</summary>
    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    /// <summary>The column with this name; throws with the list of names when absent.</summary>
    public Column this[string name] => TryGetColumn(name, out Column? column)
        ? column
        : throw new KeyNotFoundException($"The table has no column '{name}'. Columns: {string.Join(", ", ColumnNames)}.");

    /// <summary>Looks a column up by name.</summary>
    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Column? column)
    {
        if (_index.TryGetValue(name, out int i))
        {
            column = _columns[i];
            return true;
        }
        column = null;
        return false;
    }

    /// <summary>A new table with the given rows of every column.</summary>
    public Table SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new Column[_columns.Length];
        for (int i = 0; i < _columns.Length; i++) selected[i] = _columns[i].Select(rows);
        return new Table(selected);
    }
}
