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
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        if ((long)m * k > a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
            throw new ArgumentException($"Arrays too short for a {m}×{k} by {k}×{n} multiply.");
        if (m == 0 || n == 0) return;
        if (beta == 0) c[..(m * n)].Clear(); // BLAS may read C when β = 0; cleared so NaN there cannot leak
        fixed (float* pa = a, pb = b, pc = c)
            _sgemm(RowMajor, transposeA ? Transpose : NoTranspose, transposeB ? Transpose : NoTranspose, m, n, k, alpha,
                pa, transposeA ? m : k, pb, transposeB ? k : n, beta, pc, n);
    }
}
