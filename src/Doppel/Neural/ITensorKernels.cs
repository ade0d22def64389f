namespace Doppel.Neural;

/// <summary>
/// The compute kernels the neural engine runs on: the seam where another backend (OpenBLAS, a GPU)
/// could replace the managed SIMD one. Matrices are dense, row-major float32 arrays.
/// </summary>
public interface ITensorKernels
{
    /// <summary>C = α·op(A)·op(B) + β·C where op(A) is m×k and op(B) is k×n; A is stored k×m when transposed, B n×k. β = 0 never reads C.</summary>
    void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c) =>
        MatrixMultiply(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);

    /// <summary>The strided form (BLAS's): rows of A, B and C as stored start every <paramref name="lda"/>, <paramref name="ldb"/> and <paramref name="ldc"/> values, so a block of columns of a wider matrix can be read or written in place.</summary>
    void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    /// <summary>
    /// C = α·op(A)·op(W) + β·C for a weight matrix W (<see cref="WeightMatrix"/>): op(W) is W's first k rows (n = its
    /// columns) or, transposed, W's first n rows read as columns (k = its columns). A is strided as above. Kernels
    /// that pack B may keep W packed between its updates; the default multiplies W's values as any B.
    /// </summary>
    void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, WeightMatrix w, float beta, Span<float> c, int ldc)
    {
        WeightOperand.Check(transposeB, n, k, w);
        MatrixMultiply(transposeA, transposeB, m, n, k, alpha, a, lda, w.Parameter.Value, w.Columns, beta, c, ldc);
    }

    /// <summary>
    /// Runs element-wise work on a batch of <paramref name="rows"/> × <paramref name="columns"/> values as
    /// <paramref name="body"/>(first row, row count) over ranges of rows, perhaps side by side; each call must write
    /// only its own rows, so the result does not depend on how the rows are split. The default runs one range.
    /// </summary>
    void ForRows(int rows, int columns, Action<int, int> body) => body(0, rows);
}

/// <summary>The shape rules of a multiply by a <see cref="WeightMatrix"/>.</summary>
internal static class WeightOperand
{
    public static void Check(bool transposeB, int n, int k, WeightMatrix w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (transposeB ? k != w.Columns || n > w.Rows : n != w.Columns || k > w.Rows)
            throw new ArgumentException(transposeB
                ? $"A transposed {w.Rows} × {w.Columns} weight matrix is multiplied with depth {w.Columns} into at most {w.Rows} columns, not depth {k} into {n}."
                : $"A {w.Rows} × {w.Columns} weight matrix is multiplied with depth at most {w.Rows} into {w.Columns} columns, not depth {k} into {n}.", nameof(w));
    }
}
