namespace Doppel.Neural;

/// <summary>
/// The portable default kernels: a cache-blocked, register-tiled AVX2/FMA matrix multiply written in C#,
/// on up to <see cref="MaxThreads"/> threads. Results are bitwise identical for any thread count.
/// </summary>
public sealed class ManagedKernels : ITensorKernels
{
    /// <summary>Kernels on every core.</summary>
    public static ManagedKernels Default { get; } = new(Environment.ProcessorCount);

    public ManagedKernels(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        MaxThreads = maxThreads;
    }

    /// <summary>The most threads one multiply uses.</summary>
    public int MaxThreads { get; }

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c) =>
        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c, MaxThreads);

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, MaxThreads);
}
