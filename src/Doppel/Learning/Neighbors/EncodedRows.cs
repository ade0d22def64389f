namespace Doppel.Learning.Neighbors;

/// <summary>Rows of a table encoded by a <see cref="GowerSpace"/>: dense floats, row after row, ready for distance search.</summary>
public sealed class EncodedRows
{
    internal EncodedRows(float[] values, int count, int dimensions, int categoricalDimensions)
    {
        Values = values;
        Count = count;
        Dimensions = dimensions;
        CategoricalDimensions = categoricalDimensions;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Number of columns of every row.</summary>
    public int Dimensions { get; }

    internal float[] Values { get; }

    /// <summary>The leading dimensions that hold category codes (their difference is 0 or 1, a cheaper test in the kernel).</summary>
    internal int CategoricalDimensions { get; }

    /// <summary>The encoded values of one row.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return Values.AsSpan(row * Dimensions, Dimensions);
    }

    /// <summary>The given rows, in the given order (e.g. a seeded subsample).</summary>
    public EncodedRows Select(ReadOnlySpan<int> rows)
    {
        var values = new float[(long)rows.Length * Dimensions];
        for (int i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(values.AsSpan(i * Dimensions, Dimensions));
        return new EncodedRows(values, rows.Length, Dimensions, CategoricalDimensions);
    }
}
