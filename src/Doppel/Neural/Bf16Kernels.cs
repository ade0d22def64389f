using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Doppel.Neural;

/// <summary>
/// Mixed-precision kernels: matrix multiplies whose factors are rounded to bfloat16 (8 bits of mantissa, ties to even)
/// and whose products are summed in float32, by the native AVX-512 BF16 kernel in <c>libdoppel_bf16.so</c>
/// (Neural/Native/doppel_bf16.c, built with the library wherever a C compiler is found). Its dot-product instruction
/// does twice the multiply-adds of a float32 FMA per cycle. Training with these kernels is PyTorch's bfloat16 autocast
/// in effect; <see cref="ManagedKernels"/> stays the portable, full-precision default.
/// Results are bitwise the same for any thread count (each element of C is summed in the same order however C is
/// split), but not the same as the float32 kernels'.
/// </summary>
public sealed unsafe class Bf16Kernels : ITensorKernels
{
    /// <summary>The native library's file name, next to Doppel.Core.dll.</summary>
    public const string LibraryName = "libdoppel_bf16.so";

    /// <summary>Below this many multiply-adds a second thread costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 18;
    /// <summary>Columns of the native kernel's register tile: threads split C on whole tiles.</summary>
    private const int ColumnTile = 32;
    private const int RowTile = 6;

    private static readonly Lazy<(nint Function, string? Missing)> Native = new(Load);

    private readonly delegate* unmanaged<int, int, int, int, int, float, float*, int, float*, int, float, float*, int, int> _gemm;
    private readonly ManagedKernels _rows;

    [ThreadStatic] private static Split? t_split;

    private Bf16Kernels(nint function, int maxThreads)
    {
        _gemm = (delegate* unmanaged<int, int, int, int, int, float, float*, int, float*, int, float, float*, int, int>)function;
        _rows = new ManagedKernels(maxThreads);
        MaxThreads = maxThreads;
    }

    /// <summary>The most threads one multiply uses.</summary>
    public int MaxThreads { get; }

    /// <summary>Why these kernels cannot run here (the platform, the CPU or the native library), or null when they can.</summary>
    public static string? Unavailable => Native.Value.Missing;

    /// <summary>The kernels on up to <paramref name="maxThreads"/> threads; throws, saying why, where they cannot run.</summary>
    public static Bf16Kernels Create(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        var (function, missing) = Native.Value;
        if (missing is not null) throw new PlatformNotSupportedException(missing);
        return new Bf16Kernels(function, maxThreads);
    }

    private static (nint, string?) Load()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return (0, "bfloat16 multiplies run on x64 Linux only (the native kernel is built there); train in float32 here.");
        // AVX-512 BF16 is CPUID leaf 7, sub-leaf 1, EAX bit 5; .NET has no flag of its own for it.
        if (!Avx512BW.IsSupported || !Avx512F.VL.IsSupported || (X86Base.CpuId(7, 1).Eax & (1 << 5)) == 0)
            return (0, "bfloat16 multiplies need a CPU with AVX-512 BF16 (AMD Zen 4 or later, Intel Cooper Lake or Sapphire Rapids or later); this one has not got it.");
        string path = Path.Combine(AppContext.BaseDirectory, LibraryName);
        if (!NativeLibrary.TryLoad(path, out nint library) && !NativeLibrary.TryLoad(LibraryName, typeof(Bf16Kernels).Assembly, null, out library))
            return (0, $"bfloat16 multiplies need the native kernel {LibraryName}, which is built with Doppel only where a C compiler (cc) is installed; it is not next to {AppContext.BaseDirectory}. Install gcc and build again.");
        if (!NativeLibrary.TryGetExport(library, "doppel_bf16_gemm", out nint function))
            return (0, $"{LibraryName} does not export doppel_bf16_gemm; rebuild Doppel.");
        return (function, null);
    }

    public void ForRows(int rows, int columns, Action<int, int> body) => _rows.ForRows(rows, columns, body);

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ManagedGemm.CheckOperands(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        int columnTiles = (n + ColumnTile - 1) / ColumnTile, rowTiles = (m + RowTile - 1) / RowTile;
        // Splitting by columns packs each thread its own share of B and all of A (m × k); by rows, all of B (k × n) and
        // its share of A. The smaller duplicate, the fewer of m and n, wins, as long as each thread gets a tile.
        bool byColumns = m <= n ? columnTiles >= 2 : rowTiles < 2;
        int threads = (long)m * n * k < ParallelThreshold ? 1 : Math.Clamp(MaxThreads, 1, byColumns ? columnTiles : rowTiles);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var job = new Job(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (threads == 1)
            {
                Run(job, 0, m, 0, n);
                return;
            }
            Split split = t_split ??= new Split();
            split.Set(this, job, threads, byColumns, byColumns ? columnTiles : rowTiles);
            WorkerTeam.Run(threads, split.Part);
        }
    }

    private void Run(in Job job, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        if (rowStart >= rowEnd || columnStart >= columnEnd) return;
        float* a = job.A + (job.TransposeA ? rowStart : (long)rowStart * job.Lda);
        float* b = job.B + (job.TransposeB ? (long)columnStart * job.Ldb : columnStart);
        float* c = job.C + (long)rowStart * job.Ldc + columnStart;
        int status = _gemm(job.TransposeA ? 1 : 0, job.TransposeB ? 1 : 0, rowEnd - rowStart, columnEnd - columnStart, job.K,
            job.Alpha, a, job.Lda, b, job.Ldb, job.Beta, c, job.Ldc);
        if (status != 0) throw new OutOfMemoryException($"{LibraryName} could not allocate its packing buffers (status {status}).");
    }

    private readonly struct Job(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        public readonly bool TransposeA = transposeA, TransposeB = transposeB;
        public readonly int M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly float* A = a, B = b, C = c;
    }

    /// <summary>A multiply as the threads share it; the part's delegate is made once per calling thread, so a multiply allocates nothing.</summary>
    private sealed class Split
    {
        private Bf16Kernels? _kernels;
        private Job _job;
        private int _threads, _tiles;
        private bool _byColumns;

        public Split() =>
            Part = part =>
            {
                int start = (int)((long)_tiles * part / _threads), end = (int)((long)_tiles * (part + 1) / _threads);
                if (_byColumns) _kernels!.Run(_job, 0, _job.M, start * ColumnTile, Math.Min(_job.N, end * ColumnTile));
                else _kernels!.Run(_job, start * RowTile, Math.Min(_job.M, end * RowTile), 0, _job.N);
            };

        public Action<int> Part { get; }

        public void Set(Bf16Kernels kernels, in Job job, int threads, bool byColumns, int tiles) =>
            (_kernels, _job, _threads, _byColumns, _tiles) = (kernels, job, threads, byColumns, tiles);
    }
}
