using System.Runtime.CompilerServices;
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
    /// <summary>Depth of the native kernel's blocks: a weight matrix's rows are packed in both layouts this many at a time.</summary>
    private const int Depth = 256;

    /// <summary>Below this many values a weight matrix is packed on one thread.</summary>
    private const long ParallelPackThreshold = 1L << 15;

    private static readonly Lazy<(Exports Exports, string? Missing)> Native = new(Load);

    private readonly Exports _native;
    private readonly ManagedKernels _rows;

    [ThreadStatic] private static Split? t_split;
    [ThreadStatic] private static PackSplit? t_packSplit;

    private Bf16Kernels(Exports exports, int maxThreads)
    {
        _native = exports;
        _rows = new ManagedKernels(maxThreads);
        MaxThreads = maxThreads;
    }

    /// <summary>The native library's entry points (see doppel_bf16.c).</summary>
    private readonly struct Exports(nint gemm, nint packedWords, nint pack, nint gemmKept, nint packBoth)
    {
        public readonly delegate* unmanaged<int, int, int, int, int, float, float*, int, float*, int, float, float*, int, int> Gemm =
            (delegate* unmanaged<int, int, int, int, int, float, float*, int, float*, int, float, float*, int, int>)gemm;
        public readonly delegate* unmanaged<int, int, long> PackedWords = (delegate* unmanaged<int, int, long>)packedWords;
        public readonly delegate* unmanaged<int, int, int, float*, int, int, int, uint*, void> Pack =
            (delegate* unmanaged<int, int, int, float*, int, int, int, uint*, void>)pack;
        public readonly delegate* unmanaged<int, int, int, int, float, float*, int, uint*, int, int, int, float, float*, int, int> GemmKept =
            (delegate* unmanaged<int, int, int, int, float, float*, int, uint*, int, int, int, float, float*, int, int>)gemmKept;
        public readonly delegate* unmanaged<int, int, float*, int, int, int, uint*, uint*, void> PackBoth =
            (delegate* unmanaged<int, int, float*, int, int, int, uint*, uint*, void>)packBoth;
    }

    /// <summary>The most threads one multiply uses.</summary>
    public int MaxThreads { get; }

    /// <summary>Why these kernels cannot run here (the platform, the CPU or the native library), or null when they can.</summary>
    public static string? Unavailable => Native.Value.Missing;

    /// <summary>The kernels on up to <paramref name="maxThreads"/> threads; throws, saying why, where they cannot run.</summary>
    public static Bf16Kernels Create(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        var (exports, missing) = Native.Value;
        if (missing is not null) throw new PlatformNotSupportedException(missing);
        return new Bf16Kernels(exports, maxThreads);
    }

    private static (Exports, string?) Load()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return (default, "bfloat16 multiplies run on x64 Linux only (the native kernel is built there); train in float32 here.");
        // AVX-512 BF16 is CPUID leaf 7, sub-leaf 1, EAX bit 5; .NET has no flag of its own for it.
        if (!Avx512BW.IsSupported || !Avx512F.VL.IsSupported || (X86Base.CpuId(7, 1).Eax & (1 << 5)) == 0)
            return (default, "bfloat16 multiplies need a CPU with AVX-512 BF16 (AMD Zen 4 or later, Intel Cooper Lake or Sapphire Rapids or later); this one has not got it.");
        string path = Path.Combine(AppContext.BaseDirectory, LibraryName);
        if (!NativeLibrary.TryLoad(path, out nint library) && !NativeLibrary.TryLoad(LibraryName, typeof(Bf16Kernels).Assembly, null, out library))
            return (default, $"bfloat16 multiplies need the native kernel {LibraryName}, which is built with Doppel only where a C compiler (cc) is installed; it is not next to {AppContext.BaseDirectory}. Install gcc and build again.");
        string[] names = ["doppel_bf16_gemm", "doppel_bf16_packed_words", "doppel_bf16_pack", "doppel_bf16_gemm_kept", "doppel_bf16_pack_both"];
        nint[] functions = new nint[names.Length];
        for (int i = 0; i < names.Length; i++)
            if (!NativeLibrary.TryGetExport(library, names[i], out functions[i]))
                return (default, $"{LibraryName} does not export {names[i]}; rebuild Doppel.");
        return (new Exports(functions[0], functions[1], functions[2], functions[3], functions[4]), null);
    }

    public void ForRows(int rows, int columns, Action<int, int> body) => _rows.ForRows(rows, columns, body);

    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ManagedGemm.CheckOperands(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
            Run(new Job(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, null, 0, 0));
    }

    /// <summary>
    /// The multiply by a weight matrix: when it <see cref="WeightMatrix.KeepsPrepared"/>, its packed form (op(W) whole)
    /// is made at the first multiply after each change of its version and read in place by the multiplies until the
    /// next one. A depth shorter than W's and odd falls back to packing (its last pair would hold a value of the next row).
    /// Not for two callers multiplying by the same weight matrix at once.
    /// </summary>
    public void MatrixMultiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, WeightMatrix w, float beta, Span<float> c, int ldc)
    {
        WeightOperand.Check(transposeB, n, k, w);
        int fullDepth = transposeB ? w.Columns : w.Rows, fullColumns = transposeB ? w.Rows : w.Columns;
        if (!w.KeepsPrepared || (k < fullDepth && k % 2 != 0))
        {
            MatrixMultiply(transposeA, transposeB, m, n, k, alpha, a, lda, w.Parameter.Value, w.Columns, beta, c, ldc);
            return;
        }
        ManagedGemm.CheckOperands(transposeA, transposeB, m, n, k, a.Length, lda, w.Parameter.Value.Length, w.Columns, c.Length, ldc);
        if (m == 0 || n == 0) return;
        PackedWeights packed = Packed(w, transposeB, fullDepth, fullColumns);
        fixed (float* pa = a, pc = c)
            Run(new Job(transposeA, transposeB, m, n, k, alpha, pa, lda, null, 0, beta, pc, ldc, packed.Words, fullDepth, fullColumns));
        GC.KeepAlive(packed);
    }

    /// <summary>
    /// W's packed form in one layout, packed again if W changed since (with the other layout, once that has been used):
    /// the panels, or the blocks of rows when both are packed, shared among the threads.
    /// </summary>
    private PackedWeights Packed(WeightMatrix w, bool transposed, int depth, int columns)
    {
        int slot = transposed ? 1 : 0;
        var packed = w.Prepared[slot] as PackedWeights;
        if (packed is not null && packed.Version == w.Parameter.Version) return packed;
        packed ??= (PackedWeights)(w.Prepared[slot] = new PackedWeights(_native.PackedWords(depth, columns)));
        // Once both layouts have been asked for (a critic's layers multiply by W and by Wᵀ every step), both are packed
        // in one pass, block of rows by block: the second packing finds the rows in cache instead of reading W again.
        var other = w.Prepared[1 - slot] as PackedWeights;
        PackedWeights? asStored = transposed ? other : packed, asTransposed = transposed ? packed : other;
        bool both = other is not null;
        int parts = both ? (w.Rows + Depth - 1) / Depth : (columns + ColumnTile - 1) / ColumnTile;
        int threads = (long)w.Rows * w.Columns < ParallelPackThreshold ? 1 : Math.Clamp(MaxThreads, 1, parts);
        fixed (float* b = w.Parameter.Value)
        {
            var job = new PackJob(w.Rows, w.Columns, b, transposed, both, (both ? asStored! : packed).Words, both ? asTransposed!.Words : null, parts);
            if (threads == 1) Pack(job, 0, 1);
            else
            {
                PackSplit split = t_packSplit ??= new PackSplit();
                split.Set(this, job, threads);
                WorkerTeam.Run(threads, split.Part);
            }
        }
        packed.Version = w.Parameter.Version;
        if (both) other!.Version = w.Parameter.Version;
        return packed;
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/>: a share of the panels of one layout, or of the blocks of rows of both.</summary>
    private void Pack(in PackJob job, int part, int parts)
    {
        int first = (int)((long)job.Parts * part / parts), end = (int)((long)job.Parts * (part + 1) / parts);
        if (first >= end) return;
        if (job.Both) _native.PackBoth(job.Rows, job.Columns, job.W, job.Columns, first, end, job.AsStored, job.Transposed);
        else if (job.OnlyTransposed) _native.Pack(1, job.Columns, job.Rows, job.W, job.Columns, first, end, job.AsStored);
        else _native.Pack(0, job.Rows, job.Columns, job.W, job.Columns, first, end, job.AsStored);
    }

    /// <summary>Splits C among the threads, by columns or by rows, and multiplies.</summary>
    private void Run(in Job job)
    {
        int m = job.M, n = job.N;
        int columnTiles = (n + ColumnTile - 1) / ColumnTile, rowTiles = (m + RowTile - 1) / RowTile;
        // Splitting by columns packs each thread its own share of B and all of A (m × k); by rows, all of B (k × n) and
        // its share of A. The smaller duplicate, the fewer of m and n, wins, as long as each thread gets a tile.
        bool byColumns = m <= n ? columnTiles >= 2 : rowTiles < 2;
        int threads = (long)m * n * job.K < ParallelThreshold ? 1 : Math.Clamp(MaxThreads, 1, byColumns ? columnTiles : rowTiles);
        if (threads == 1)
        {
            Run(job, 0, m, 0, n);
            return;
        }
        Split split = t_split ??= new Split();
        split.Set(this, job, threads, byColumns, byColumns ? columnTiles : rowTiles);
        WorkerTeam.Run(threads, split.Part);
    }

    private void Run(in Job job, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        if (rowStart >= rowEnd || columnStart >= columnEnd) return;
        float* a = job.A + (job.TransposeA ? rowStart : (long)rowStart * job.Lda);
        float* c = job.C + (long)rowStart * job.Ldc + columnStart;
        int status = job.Packed is not null
            ? _native.GemmKept(job.TransposeA ? 1 : 0, rowEnd - rowStart, columnEnd - columnStart, job.K, job.Alpha, a, job.Lda,
                job.Packed, job.PackedDepth, job.PackedColumns, columnStart, job.Beta, c, job.Ldc)
            : _native.Gemm(job.TransposeA ? 1 : 0, job.TransposeB ? 1 : 0, rowEnd - rowStart, columnEnd - columnStart, job.K,
                job.Alpha, a, job.Lda, job.B + (job.TransposeB ? (long)columnStart * job.Ldb : columnStart), job.Ldb, job.Beta, c, job.Ldc);
        if (status == -1) throw new OutOfMemoryException($"{LibraryName} could not allocate its packing buffers.");
        if (status != 0) throw new InvalidOperationException($"{LibraryName} refused a multiply by a kept weight matrix (status {status}): its shape does not fit the packed copy.");
    }

    /// <summary>A multiply: B as stored, or (<see cref="Packed"/> not null) the panels of a whole packed op(B) of <see cref="PackedDepth"/> × <see cref="PackedColumns"/>.</summary>
    private readonly struct Job(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, uint* packed, int packedDepth, int packedColumns)
    {
        public readonly bool TransposeA = transposeA, TransposeB = transposeB;
        public readonly int M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc, PackedDepth = packedDepth, PackedColumns = packedColumns;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly float* A = a, B = b, C = c;
        public readonly uint* Packed = packed;
    }

    /// <summary>
    /// Packing a rows × columns weight matrix W: both layouts (<see cref="AsStored"/> and <see cref="Transposed"/>, by
    /// blocks of rows), or one (into <see cref="AsStored"/>, by panels of op(W), W transposed when <see cref="OnlyTransposed"/>).
    /// </summary>
    private readonly struct PackJob(int rows, int columns, float* w, bool onlyTransposed, bool both, uint* asStored, uint* transposed, int parts)
    {
        public readonly int Rows = rows, Columns = columns, Parts = parts;
        public readonly bool OnlyTransposed = onlyTransposed && !both, Both = both;
        public readonly float* W = w;
        public readonly uint* AsStored = asStored, Transposed = transposed;
    }

    /// <summary>A weight matrix's packing as the threads share it (by panels, or by blocks of rows for both layouts), allocation-free like <see cref="Split"/>.</summary>
    private sealed class PackSplit
    {
        private Bf16Kernels? _kernels;
        private PackJob _job;
        private int _threads;

        public PackSplit() => Part = part => _kernels!.Pack(_job, part, _threads);

        public Action<int> Part { get; }

        public void Set(Bf16Kernels kernels, in PackJob job, int threads) => (_kernels, _job, _threads) = (kernels, job, threads);
    }

    /// <summary>
    /// One layout of a weight matrix packed whole, in a pinned array (it never moves, so the native kernel can keep
    /// reading it between calls) aligned to 64 bytes as the kernel's loads need.
    /// </summary>
    private sealed class PackedWeights
    {
        private readonly uint[] _buffer;

        public PackedWeights(long words)
        {
            _buffer = GC.AllocateUninitializedArray<uint>(checked((int)words + 16), pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
            Words = (uint*)((start + 63) & ~(nint)63);
        }

        /// <summary>The version of the weights packed; none before the first packing.</summary>
        public int? Version { get; set; }

        public uint* Words { get; }
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
