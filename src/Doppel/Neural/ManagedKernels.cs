namespace Doppel.Neural;

/// <summary>
/// The portable default kernels: a cache-blocked, register-tiled AVX-512 or AVX2/FMA matrix multiply written in C#,
/// on up to <see cref="MaxThreads"/> threads. Results are bitwise identical for any thread count and either tile.
/// </summary>
public sealed class ManagedKernels : ITensorKernels
{
    /// <summary>Kernels on every core.</summary>
    public static ManagedKernels Default { get; } = new(Environment.ProcessorCount);

    /// <summary>Kernels on the calling thread only: what a layer built without kernels does its element-wise work with.</summary>
    internal static ManagedKernels OneThread { get; } = new(1);

    public ManagedKernels(int maxThreads) : this(maxThreads, ManagedGemm.WideTiles) { }

    /// <summary>
    /// Kernels with the 6×32 tile of 512-bit registers (<paramref name="wideTiles"/>; only where <see cref="WideTilesSupported"/>)
    /// or the 6×16 tile of 256-bit ones, whatever the machine prefers. Both give the same bits; the choice is speed only.
    /// </summary>
    public ManagedKernels(int maxThreads, bool wideTiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        if (wideTiles && !WideTilesSupported) throw new PlatformNotSupportedException("The 512-bit register tile needs AVX-512 running at full speed; this machine has not got it.");
        MaxThreads = maxThreads;
        WideTiles = wideTiles;
    }

    /// <summary>Whether this machine runs the 512-bit tile (AVX-512 present and not throttled); the default where it does.</summary>
    public static bool WideTilesSupported => ManagedGemm.WideTiles;

    /// <summary>Batches of at least this many values are split into ranges of rows when two threads are allowed.</summary>
    private const long SplitValues = 1 << 15;
    private const int RowChunks = 8;

    /// <summary>Eight fixed ranges of the rows shared by the worker team (see <see cref="WorkerTeam.RunChunks"/>) when two threads are allowed and the batch is large enough to pay for the hand-off.</summary>
    public void ForRows(int rows, int columns, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (MaxThreads < 2 || rows < 2 || (long)rows * columns < SplitValues)
        {
            body(0, rows);
            return;
        }
        // Fixed chunks (the same ones on any thread count), taken by whichever thread is free.
        int chunks = Math.Min(rows, RowChunks);
        WorkerTeam.RunChunks(2, chunks, chunk =>
        {
            int start = (int)((long)rows * chunk / chunks), end = (int)((long)rows * (chunk + 1) / chunks);
            body(start, end - start);
        });
    }

    /// <summary>Whether multiplies use the 6×32 tile of 512-bit registers.</summary>
    public bool WideTiles { get; }

    /// <summary>The most threads one multiply uses.</summary>
    public int MaxThreads { get; }

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c) =>
        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, b, beta, c, MaxThreads, WideTiles);

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, MaxThreads, WideTiles);
}
