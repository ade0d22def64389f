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
}
