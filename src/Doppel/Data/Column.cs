namespace Doppel.Data;

/// <summary>The storage kind of a column: how its values are held in memory.</summary>
public enum ColumnKind
{
    /// <summary>double values; NaN is missing.</summary>
    Numeric,
    /// <summary>int codes into a category list; -1 is missing.</summary>
    Categorical,
    /// <summary>long ticks; <see cref="DateTimeColumn.Missing"/> is missing.</summary>
    DateTime,
    /// <summary>strings; null is missing.</summary>
    Text,
}

/// <summary>One named, typed column of a <see cref="Table"/>. Values live in typed arrays, never boxed.</summary>
public abstract class Column
{
    protected Column(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The column's header name.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>How the values are stored.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>True when row <paramref name="row"/> holds no value.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>Number of missing rows.</summary>
    public int MissingCount()
    {
        int count = 0;
        for (int i = 0; i < Length; i++)
            if (IsMissing(i)) count++;
        return count;
    }

    /// <summary>A copy of this column with only the given rows, in the given order.</summary>
    public abstract Column Select(ReadOnlySpan<int> rows);

    /// <summary>A copy of this column under another name.</summary>
    public abstract Column Rename(string name);
}
