using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Doppel.Neural;

/// <summary>
/// Single-precision matrix multiply C = α·op(A)·op(B) + β·C on row-major arrays, written for the CPU, inside cache
/// blocks (256 deep, 96 rows of A, 1,024 columns of B) with a register tile of twelve FMA accumulators: 6×32 in
/// 512-bit registers where AVX-512 runs at full speed, else 6×16 in 256-bit ones (the wide tile measured 20–40 %
/// faster here on TVAE's and CTGAN's shapes and on 512³). Each element of C is the same chain of FMAs over the
/// depth in either tile, so both give the same bits.
/// Row-major operands are read in place: A six rows at a time, B in panels of one tile's columns (the hardware
/// prefetcher follows the row stride). Only what cannot be read that way is packed: a transposed A into panels of 6
/// rows, a transposed B, and a last partial panel of B, into panels of the tile's width (zero-padded). For the short, wide
/// multiplies of tabular networks, packing cost as much as the arithmetic: reading B in place measured 15–30 %
/// faster on TVAE's and CTGAN's shapes, and twice as fast on the critic's 50-pack forward pass. Threads split C by
/// whole panels of rows, or of columns where that evens their shares; every element of C is summed in the same order
/// whatever the thread count, so the result is bitwise the same on 1 or N threads.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int RowTile = 6;
    private const int NarrowColumns = 16;
    private const int WideColumns = 32;

    /// <summary>Whether the 6×32 tile of 512-bit registers is used by default: AVX-512 present and not throttled (.NET leaves <see cref="Vector512.IsHardwareAccelerated"/> off where it would slow the core down).</summary>
    public static bool WideTiles { get; } = Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
    private const int DepthBlock = 256;
    private const int RowBlock = 96;
    private const int ColumnBlock = 1024;
    /// <summary>Up to this many rows of C, B is read in place whatever its stride.</summary>
    private const int InPlaceRows = 2 * RowBlock;
    /// <summary>Below this many multiply-adds a second thread costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 18;

    [ThreadStatic] private static float[]? t_packedA;
    [ThreadStatic] private static float[]? t_packedB;
    [ThreadStatic] private static Block? t_block;

    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c, int maxThreads, bool wide) =>
        Multiply(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n, maxThreads, wide);

    /// <summary>
    /// The strided form: rows of A, B and C (as stored) start every <paramref name="lda"/>, <paramref name="ldb"/> and
    /// <paramref name="ldc"/> values, as in BLAS. <paramref name="wide"/> asks for the 512-bit tile (only where <see cref="WideTiles"/>).
    /// </summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int maxThreads, bool wide)
    {
        if (wide && !WideTiles) throw new PlatformNotSupportedException("The 6×32 tile needs AVX-512.");
        CheckOperands(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0)
        {
            for (int i = 0; i < m; i++) Scale(c.Slice(i * ldc, n), beta);
            return;
        }
        // Element (i, p) of op(A) is at i·rowStride + p·depthStride; likewise for op(B) with (p, j).
        var left = new Operand(transposeA ? 1 : lda, transposeA ? lda : 1);
        var right = new Operand(transposeB ? 1 : ldb, transposeB ? ldb : 1);
        int columnTile = wide ? WideColumns : NarrowColumns;
        int panels = Math.Max((m + RowTile - 1) / RowTile, (Math.Min(n, ColumnBlock) + columnTile - 1) / columnTile);
        int threads = (long)m * n * k < ParallelThreshold ? 1 : Math.Clamp(maxThreads, 1, panels);

        // The packed B block belongs to the calling thread (reused across calls); the workers only read it.
        int packedBLength = DepthBlock * ((Math.Min(n, ColumnBlock) + columnTile - 1) / columnTile * columnTile);
        float[] packedBuffer = t_packedB is { } existing && existing.Length >= packedBLength ? existing : (t_packedB = new float[packedBLength]);
        Block block = t_block ??= new Block();
        fixed (float* pa = a, pb = b, pc = c, packedB = packedBuffer)
        {
            var job = new Job(pa, pb, pc, packedB, m, n, k, ldc, alpha, beta, left, right, columnTile);
            for (int jc = 0; jc < n; jc += ColumnBlock)
            {
                int nc = Math.Min(ColumnBlock, n - jc);
                for (int pc0 = 0; pc0 < k; pc0 += DepthBlock)
                {
                    int kc = Math.Min(DepthBlock, k - pc0);
                    int columnPanels = (nc + columnTile - 1) / columnTile;
                    block.Set(job, jc, nc, pc0, kc, threads);
                    // A row-major B is read in place in whole panels; only a last, partial panel is packed.
                    if (job.InPlaceB) PackB(job, pc0, kc, jc, nc, nc / columnTile, columnPanels);
                    // Packing B is a plain copy; with few rows of A it costs as much as the arithmetic, so threads share it too.
                    else if (threads == 1 || (long)kc * nc < 1L << 16) PackB(job, pc0, kc, jc, nc, 0, columnPanels);
                    else WorkerTeam.Run(threads, block.Pack);
                    if (threads == 1) RunRows(job, 0, m, jc, nc, pc0, kc, pc0 == 0);
                    else WorkerTeam.Run(threads, block.Rows);
                }
            }
        }
    }

    /// <summary>
    /// One block of a multiply as the threads share it: the parts' delegates are made once per calling thread and
    /// read the block from here, so a multiply allocates no closures (a training step makes hundreds of multiplies).
    /// </summary>
    private sealed class Block
    {
        private Job _job;
        private int _jc, _nc, _pc0, _kc, _threads;

        public Block()
        {
            Pack = part =>
            {
                int panels = (_nc + _job.ColumnTile - 1) / _job.ColumnTile;
                PackB(_job, _pc0, _kc, _jc, _nc, panels * part / _threads, panels * (part + 1) / _threads);
            };
            Rows = part =>
            {
                int rowPanels = (_job.M + RowTile - 1) / RowTile, columnPanels = (_nc + _job.ColumnTile - 1) / _job.ColumnTile;
                // Threads split C by whole panels of rows, or of columns where that evens out their shares better
                // (the critic's 50-pack multiplies have 9 row panels but 8 or more column panels per thread).
                if (Imbalance(columnPanels, _threads) < Imbalance(rowPanels, _threads))
                {
                    RunRows(_job, 0, _job.M, _jc, _nc, _pc0, _kc, _pc0 == 0, columnPanels * part / _threads, columnPanels * (part + 1) / _threads);
                    return;
                }
                int start = (int)((long)rowPanels * part / _threads) * RowTile;
                int end = Math.Min(_job.M, (int)((long)rowPanels * (part + 1) / _threads) * RowTile);
                RunRows(_job, start, end, _jc, _nc, _pc0, _kc, _pc0 == 0);
            };
        }

        public Action<int> Pack { get; }
        public Action<int> Rows { get; }

        /// <summary>The largest share of <paramref name="panels"/> split over <paramref name="threads"/>, relative to an even share.</summary>
        private static double Imbalance(int panels, int threads) => (double)((panels + threads - 1) / threads) * threads / panels;

        public void Set(Job job, int jc, int nc, int pc0, int kc, int threads) => (_job, _jc, _nc, _pc0, _kc, _threads) = (job, jc, nc, pc0, kc, threads);
    }

    private readonly record struct Operand(int RowStride, int DepthStride);

    private readonly struct Job(float* a, float* b, float* c, float* packedB, int m, int n, int k, int ldc, float alpha, float beta, Operand left, Operand right, int columnTile)
    {
        public readonly float* A = a, B = b, C = c, PackedB = packedB;
        public readonly int M = m, N = n, K = k, Ldc = ldc;
        /// <summary>Columns of a register tile and of a panel of B: 32 (512-bit) or 16 (256-bit).</summary>
        public readonly int ColumnTile = columnTile;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly Operand Left = left, Right = right;

        /// <summary>
        /// Whether full panels of B are read in place: B must be row-major, and either few rows of C share each packed
        /// panel (packing would cost as much as the arithmetic) or B's row stride is not a multiple of 2 KB (such a
        /// stride maps a panel's rows onto a few L1 sets, and 512×512×512 ran 10–20 % slower in place).
        /// </summary>
        public readonly bool InPlaceB = right.DepthStride == 1 && (m <= InPlaceRows || right.RowStride % 512 != 0);
    }

    /// <summary>Rows [rowStart, rowEnd) × the block's column panels [panelStart, panelEnd) of C, over the block's depth.</summary>
    private static void RunRows(Job job, int rowStart, int rowEnd, int jc, int nc, int pc0, int kc, bool first, int panelStart = 0, int panelEnd = int.MaxValue)
    {
        if (rowStart >= rowEnd) return;
        int packedLength = DepthBlock * RowBlock;
        float[] buffer = t_packedA is { } existing && existing.Length >= packedLength ? existing : (t_packedA = new float[packedLength]);
        fixed (float* packedA = buffer)
        {
            // A stored row-major is read in place (six row pointers), saving the copy that packing costs; a transposed A is packed.
            bool direct = job.Left.DepthStride == 1;
            for (int ic = rowStart; ic < rowEnd; ic += RowBlock)
            {
                int mc = Math.Min(RowBlock, rowEnd - ic);
                if (!direct) PackA(job, ic, mc, pc0, kc, packedA);
                int columnTile = job.ColumnTile;
                for (int jr = panelStart * columnTile; jr < Math.Min(nc, (long)panelEnd * columnTile); jr += columnTile)
                {
                    int nr = Math.Min(columnTile, nc - jr);
                    bool inPlace = job.InPlaceB && jr + columnTile <= nc;
                    float* panelB = inPlace ? job.B + (long)pc0 * job.Right.RowStride + jc + jr : job.PackedB + jr * kc;
                    long panelStride = inPlace ? job.Right.RowStride : columnTile;
                    for (int ir = 0; ir < mc; ir += RowTile)
                    {
                        int mr = Math.Min(RowTile, mc - ir);
                        float* target = job.C + (long)(ic + ir) * job.Ldc + jc + jr;
                        float* panelA = direct ? job.A + (long)(ic + ir) * job.Left.RowStride + pc0 : packedA + ir * kc;
                        long aRowStride = direct ? job.Left.RowStride : 1;
                        int aDepthStride = direct ? 1 : RowTile;
                        float beta = first ? job.Beta : 1f;
                        if (columnTile == WideColumns) Tile<Wide, Vector512<float>>(kc, panelA, aRowStride, aDepthStride, panelB, panelStride, target, job.Ldc, job.Alpha, beta, mr, nr);
                        else Tile<Narrow, Vector256<float>>(kc, panelA, aRowStride, aDepthStride, panelB, panelStride, target, job.Ldc, job.Alpha, beta, mr, nr);
                    }
                }
            }
        }
    }

    /// <summary>Rows [ic, ic+mc) × depth [pc, pc+kc) of op(A) into panels of 6 rows, each stored depth-major, zero-padded.</summary>
    private static void PackA(Job job, int ic, int mc, int pc0, int kc, float* packed)
    {
        int rowStride = job.Left.RowStride, depthStride = job.Left.DepthStride;
        for (int ir = 0; ir < mc; ir += RowTile)
        {
            int mr = Math.Min(RowTile, mc - ir);
            float* panel = packed + ir * kc;
            if (rowStride == 1 && mr == RowTile)
            {
                // A stored transposed: a panel's six values at one depth are adjacent, so copy them depth by depth.
                float* column = job.A + ic + ir + (long)pc0 * depthStride;
                for (int p = 0; p < kc; p++, column += depthStride)
                {
                    float* target = panel + p * RowTile;
                    target[0] = column[0]; target[1] = column[1]; target[2] = column[2];
                    target[3] = column[3]; target[4] = column[4]; target[5] = column[5];
                }
                continue;
            }
            for (int i = 0; i < RowTile; i++)
            {
                if (i >= mr)
                {
                    for (int p = 0; p < kc; p++) panel[p * RowTile + i] = 0;
                    continue;
                }
                float* source = job.A + (long)(ic + ir + i) * rowStride + (long)pc0 * depthStride;
                if (depthStride == 1)
                    for (int p = 0; p < kc; p++) panel[p * RowTile + i] = source[p];
                else
                    for (int p = 0; p < kc; p++) panel[p * RowTile + i] = source[(long)p * depthStride];
            }
        }
    }

    /// <summary>Depth [pc, pc+kc) × columns [jc, jc+nc) of op(B), panels [firstPanel, endPanel) of one tile's columns, each stored depth-major, zero-padded.</summary>
    private static void PackB(Job job, int pc0, int kc, int jc, int nc, int firstPanel, int endPanel)
    {
        int columnTile = job.ColumnTile;
        int rowStride = job.Right.RowStride, columnStride = job.Right.DepthStride;
        for (int jr = firstPanel * columnTile; jr < Math.Min(nc, endPanel * columnTile); jr += columnTile)
        {
            int nr = Math.Min(columnTile, nc - jr);
            float* panel = job.PackedB + jr * kc;
            if (rowStride == 1)
            {
                // B stored transposed: each of the panel's columns is contiguous in depth. Eight columns at a time,
                // 8×8 blocks are transposed in registers; what is left goes value by value.
                int j = 0;
                if (Avx.IsSupported)
                    for (; j + 8 <= nr; j += 8)
                    {
                        float* source = job.B + pc0 + (long)(jc + jr + j) * columnStride;
                        int p = 0;
                        for (; p + 8 <= kc; p += 8) Transpose8(source + p, columnStride, panel + p * columnTile + j, columnTile);
                        for (; p < kc; p++)
                            for (int i = 0; i < 8; i++) panel[p * columnTile + j + i] = source[p + (long)i * columnStride];
                    }
                for (; j < columnTile; j++)
                {
                    float* target = panel + j;
                    if (j >= nr)
                    {
                        for (int p = 0; p < kc; p++) target[p * columnTile] = 0;
                        continue;
                    }
                    float* source = job.B + pc0 + (long)(jc + jr + j) * columnStride;
                    for (int p = 0; p < kc; p++) target[p * columnTile] = source[p];
                }
                continue;
            }
            for (int p = 0; p < kc; p++)
            {
                float* source = job.B + (long)(pc0 + p) * rowStride + (long)(jc + jr) * columnStride;
                float* row = panel + p * columnTile;
                if (columnStride == 1 && nr == columnTile)
                {
                    Unsafe.CopyBlockUnaligned(row, source, (uint)(columnTile * sizeof(float)));
                    continue;
                }
                int j = 0;
                for (; j < nr; j++) row[j] = source[(long)j * columnStride];
                for (; j < columnTile; j++) row[j] = 0;
            }
        }
    }

    /// <summary>Writes the transpose of the 8×8 block at <paramref name="source"/> (rows <paramref name="sourceStride"/> apart) to <paramref name="target"/> (rows <paramref name="targetStride"/> apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(float* source, long sourceStride, float* target, int targetStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source), r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + 2 * sourceStride), r3 = Avx.LoadVector256(source + 3 * sourceStride);
        Vector256<float> r4 = Avx.LoadVector256(source + 4 * sourceStride), r5 = Avx.LoadVector256(source + 5 * sourceStride);
        Vector256<float> r6 = Avx.LoadVector256(source + 6 * sourceStride), r7 = Avx.LoadVector256(source + 7 * sourceStride);
        // Pairs of rows interleaved, then quadruples, then the 128-bit halves swapped into place.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(target + 2 * targetStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(target + 3 * targetStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(target + 4 * targetStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(target + 5 * targetStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(target + 6 * targetStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(target + 7 * targetStride, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>
    /// One tile of 6 rows × two vectors: twelve accumulators over the depth, then C = α·acc + β·C (β = 0 never reads
    /// C). <typeparamref name="TVector"/> sets the vector (512-bit or 256-bit); the JIT compiles
    /// one copy per kind, so the loop is the same machine code as written out by hand. Row i of the A panel at depth p
    /// is <c>a[i·rowStride + p·depthStride]</c>: a packed panel (1, 6) or A in place (lda, 1). Rows past
    /// <paramref name="mr"/> repeat the last row (read but never stored), so in-place A is never overrun.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TVector, T>(int kc, float* a, long rowStride, int depthStride, float* b, long bStride, float* c, int ldc, float alpha, float beta, int mr, int nr)
        where TVector : struct, IVectorOps<T> where T : struct
    {
        int width = TVector.Count;
        T c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        T c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a, a1 = a + Math.Min(1, mr - 1) * rowStride, a2 = a + Math.Min(2, mr - 1) * rowStride;
        float* a3 = a + Math.Min(3, mr - 1) * rowStride, a4 = a + Math.Min(4, mr - 1) * rowStride, a5 = a + Math.Min(5, mr - 1) * rowStride;
        for (int p = 0, o = 0; p < kc; p++, o += depthStride)
        {
            T b0 = TVector.Load(b), b1 = TVector.Load(b + width);
            T x = TVector.Broadcast(a0[o]);
            c00 = TVector.MultiplyAdd(x, b0, c00); c01 = TVector.MultiplyAdd(x, b1, c01);
            x = TVector.Broadcast(a1[o]);
            c10 = TVector.MultiplyAdd(x, b0, c10); c11 = TVector.MultiplyAdd(x, b1, c11);
            x = TVector.Broadcast(a2[o]);
            c20 = TVector.MultiplyAdd(x, b0, c20); c21 = TVector.MultiplyAdd(x, b1, c21);
            x = TVector.Broadcast(a3[o]);
            c30 = TVector.MultiplyAdd(x, b0, c30); c31 = TVector.MultiplyAdd(x, b1, c31);
            x = TVector.Broadcast(a4[o]);
            c40 = TVector.MultiplyAdd(x, b0, c40); c41 = TVector.MultiplyAdd(x, b1, c41);
            x = TVector.Broadcast(a5[o]);
            c50 = TVector.MultiplyAdd(x, b0, c50); c51 = TVector.MultiplyAdd(x, b1, c51);
            b += bStride;
        }
        if (mr == RowTile && nr == 2 * width)
        {
            Store<TVector, T>(c, c00, c01, alpha, beta);
            Store<TVector, T>(c + ldc, c10, c11, alpha, beta);
            Store<TVector, T>(c + 2 * ldc, c20, c21, alpha, beta);
            Store<TVector, T>(c + 3 * ldc, c30, c31, alpha, beta);
            Store<TVector, T>(c + 4 * ldc, c40, c41, alpha, beta);
            Store<TVector, T>(c + 5 * ldc, c50, c51, alpha, beta);
            return;
        }
        int stride = 2 * width;
        float* tile = stackalloc float[RowTile * WideColumns];
        TVector.Store(c00, tile); TVector.Store(c01, tile + width);
        TVector.Store(c10, tile + stride); TVector.Store(c11, tile + stride + width);
        TVector.Store(c20, tile + 2 * stride); TVector.Store(c21, tile + 2 * stride + width);
        TVector.Store(c30, tile + 3 * stride); TVector.Store(c31, tile + 3 * stride + width);
        TVector.Store(c40, tile + 4 * stride); TVector.Store(c41, tile + 4 * stride + width);
        TVector.Store(c50, tile + 5 * stride); TVector.Store(c51, tile + 5 * stride + width);
        for (int i = 0; i < mr; i++)
        {
            float* row = c + (long)i * ldc;
            for (int j = 0; j < nr; j++)
                row[j] = beta == 0 ? alpha * tile[i * stride + j] : alpha * tile[i * stride + j] + beta * row[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVector, T>(float* c, T low, T high, float alpha, float beta) where TVector : struct, IVectorOps<T> where T : struct
    {
        int width = TVector.Count;
        if (beta == 0)
        {
            TVector.Store(TVector.Scale(low, alpha), c);
            TVector.Store(TVector.Scale(high, alpha), c + width);
            return;
        }
        TVector.Store(TVector.Blend(low, alpha, TVector.Load(c), beta), c);
        TVector.Store(TVector.Blend(high, alpha, TVector.Load(c + width), beta), c + width);
    }

    /// <summary>What the tile needs of a vector type <typeparamref name="T"/> of <see cref="Count"/> floats.</summary>
    private interface IVectorOps<T> where T : struct
    {
        static abstract int Count { get; }
        static abstract T Load(float* source);
        static abstract void Store(T value, float* target);
        static abstract T Broadcast(float value);
        /// <summary>acc + x·b, fused (one rounding) on every machine.</summary>
        static abstract T MultiplyAdd(T x, T b, T acc);
        /// <summary>value·scale.</summary>
        static abstract T Scale(T value, float scale);
        /// <summary>value·α + old·β (unfused, so every kind rounds alike).</summary>
        static abstract T Blend(T value, float alpha, T old, float beta);
    }

    /// <summary>512-bit registers (AVX-512F).</summary>
    private readonly struct Wide : IVectorOps<Vector512<float>>
    {
        public static int Count => 16;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* source) => Vector512.Load(source);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, float* target) => Vector512.Store(value, target);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> x, Vector512<float> b, Vector512<float> acc) => Vector512.FusedMultiplyAdd(x, b, acc);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Scale(Vector512<float> value, float scale) => value * Vector512.Create(scale);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Blend(Vector512<float> value, float alpha, Vector512<float> old, float beta) => value * Vector512.Create(alpha) + old * Vector512.Create(beta);
    }

    /// <summary>
    /// 256-bit registers: the FMA instruction on AVX2 machines; elsewhere .NET computes the same fused multiply-add
    /// lane by lane, slower but to the same bits, so a model trains alike on every machine.
    /// </summary>
    private readonly struct Narrow : IVectorOps<Vector256<float>>
    {
        public static int Count => 8;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* source) => Vector256.Load(source);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, float* target) => Vector256.Store(value, target);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> b, Vector256<float> acc) => Vector256.FusedMultiplyAdd(x, b, acc);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Scale(Vector256<float> value, float scale) => value * Vector256.Create(scale);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Blend(Vector256<float> value, float alpha, Vector256<float> old, float beta) => value * Vector256.Create(alpha) + old * Vector256.Create(beta);
    }

    /// <summary>Refuses negative sizes, strides below the widths and arrays too short for the strided multiply (shared by every kernel).</summary>
    internal static void CheckOperands(bool transposeA, bool transposeB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Check("a", aLength, transposeA ? k : m, transposeA ? m : k, lda, "A");
        Check("b", bLength, transposeB ? n : k, transposeB ? k : n, ldb, "B");
        Check("c", cLength, m, n, ldc, "C");
    }

    /// <summary>A stored rows×columns matrix with rows every <paramref name="stride"/> values must fit in <paramref name="length"/>.</summary>
    private static void Check(string parameter, int length, int rows, int columns, int stride, string name)
    {
        if (stride < Math.Max(1, columns)) throw new ArgumentOutOfRangeException(parameter, $"{name}'s row stride {stride} is below its {columns} columns.");
        if (rows > 0 && columns > 0 && (long)(rows - 1) * stride + columns > length)
            throw new ArgumentException($"{name} holds {length} values; {rows}×{columns} with rows every {stride} needs {(long)(rows - 1) * stride + columns}.", parameter);
    }

    private static void Scale(Span<float> c, float beta)
    {
        if (beta == 0) c.Clear();
        else if (beta != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(c, beta, c);
    }
}
