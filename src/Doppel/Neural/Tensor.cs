namespace Doppel.Neural;

/// <summary>A dense row-major float32 matrix: one row per example, one column per feature.</summary>
public sealed class Tensor
{
    public Tensor(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        Data = new float[checked(rows * columns)];
    }

    public Tensor(int rows, int columns, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != checked(rows * columns)) throw new ArgumentException($"A {rows}×{columns} tensor needs {rows * columns} values, not {data.Length}.", nameof(data));
        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>Rows (examples).</summary>
    public int Rows { get; }

    /// <summary>Columns (features).</summary>
    public int Columns { get; }

    /// <summary>The values, row after row.</summary>
    public float[] Data { get; }

    /// <summary>One row.</summary>
    public Span<float> Row(int row) => Data.AsSpan(row * Columns, Columns);

    /// <summary>This tensor when it already has the shape, else a new one: how layers reuse their buffers across batches.</summary>
    public static Tensor Reuse(Tensor? existing, int rows, int columns) =>
        existing is not null && existing.Rows == rows && existing.Columns == columns ? existing : new Tensor(rows, columns);

    /// <summary>
    /// <see cref="Reuse(Tensor?, int, int)"/> for a buffer whose batches alternate between two shapes (CTGAN's critic
    /// sees 100 packs, then 50, every step): the other shape's tensor waits in <paramref name="spare"/> instead of being
    /// dropped and allocated again (half a megabyte or more a step, on the large-object heap). Returns the tensor now in
    /// <paramref name="current"/>; a new one starts zeroed, a reused one holds what its last use left.
    /// </summary>
    public static Tensor Reuse(ref Tensor? current, ref Tensor? spare, int rows, int columns)
    {
        if (current is { } now && now.Rows == rows && now.Columns == columns) return now;
        if (spare is { } other && other.Rows == rows && other.Columns == columns) (current, spare) = (other, current);
        else (current, spare) = (new Tensor(rows, columns), current);
        return current;
    }
}
