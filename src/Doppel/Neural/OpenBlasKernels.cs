using System.Runtime.InteropServices;

namespace Doppel.Neural;

/// <summary>
/// Optional kernels calling Debian's OpenBLAS (<c>cblas_sgemm</c> in <c>libopenblas.so.0</c>, package libopenblas0)
/// where it is installed. <see cref="ManagedKernels"/> stays the portable default: OpenBLAS may sum in another
/// order, so its results need not be bitwise identical across thread counts or machines.
/// </summary>
public sealed unsafe class OpenBlasKernels : ITensorKernels
{
    private const int RowMajor = 101, NoTranspose = 111, Transpose = 112;
    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;

    private OpenBlasKernels(nint function) =>
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)function;

    /// <summary>OpenBLAS kernels, or null when libopenblas.so.0 cannot be loaded here.</summary>
    public static OpenBlasKernels? TryCreate()
    {
        foreach (string name in new[] { "libopenblas.so.0", "libopenblas.so", "libopenblas" })
            if (NativeLibrary.TryLoad(name, out nint library) && NativeLibrary.TryGetExport(library, "cblas_sgemm", out nint function))
                return new OpenBlasKernels(function);
        return null;
    }

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c) =>
        MatrixMultiply(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ManagedGemm.CheckOperands(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        // BLAS may read C when β = 0; cleared so NaN there cannot leak.
        if (beta == 0) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
        fixed (float* pa = a, pb = b, pc = c)
            _sgemm(RowMajor, transposeA ? Transpose : NoTranspose, transposeB ? Transpose : NoTranspose, m, n, k, alpha,
                pa, lda, pb, ldb, beta, pc, ldc);
    }
}
