using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Tests.Neural;

public class GemmTests
{
    internal static float[] Random(int length, Rng rng)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>The managed kernels with each register tile this machine runs: the 256-bit one always, the 512-bit one where AVX-512 is on.</summary>
    private static IEnumerable<ManagedKernels> ManagedTiles(int threads) =>
        ManagedKernels.WideTilesSupported ? [new ManagedKernels(threads, wideTiles: false), new ManagedKernels(threads, wideTiles: true)] : [new ManagedKernels(threads, wideTiles: false)];

    /// <summary>Straightforward triple loop in double precision: the reference.</summary>
    private static double[] Naive(bool ta, bool tb, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                result[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        return result;
    }

    /// <summary>Shapes (m, n, k, A transposed, B transposed) that cross every tile and block edge: one element, partial tiles, depths past a block, a thousand columns, and one exact 6×32 tile a block deep.</summary>
    public static TheoryData<int, int, int, bool, bool> OddSizes => new()
    {
        { 1, 1, 1, false, false },
        { 7, 5, 3, false, false },
        { 13, 17, 19, true, false },
        { 31, 33, 300, false, true },
        { 97, 65, 257, true, true },
        { 101, 1030, 7, false, false },
        { 200, 37, 520, true, false },
        { 125, 157, 128, false, false },
        { 50, 70, 261, false, true },
        { 40, 333, 270, true, true },
        { 6, 32, 256, true, true },
    };

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void Multiply_matches_a_naive_reference_on_odd_sizes(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new Rng((ulong)(m * 1000 + n * 10 + k));
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = Random(m * n, rng);
        foreach (ManagedKernels kernels in ManagedTiles(2))
            foreach ((float alpha, float beta) in new[] { (1f, 0f), (0.5f, 1f), (-2f, 0.25f) })
            {
                double[] expected = Naive(ta, tb, m, n, k, alpha, a, b, beta, c);
                float[] actual = (float[])c.Clone();
                kernels.MatrixMultiply(ta, tb, m, n, k, alpha, a, b, beta, actual);
                for (int i = 0; i < expected.Length; i++)
                    Math.Abs(actual[i] - expected[i]).ShouldBeLessThan(1e-4 * Math.Sqrt(k) * Math.Max(1, Math.Abs(alpha)) + 1e-5, $"wide {kernels.WideTiles}, element {i}");
            }
    }

    [WideTileTheory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Both_register_tiles_give_the_same_bits(bool ta, bool tb)
    {
        // A model trained on an AVX-512 machine and on an AVX2 one must come out byte for byte the same.
        var rng = new Rng(17);
        const int m = 131, n = 173, k = 290;
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = Random(m * n, rng);
        float[] narrow = (float[])c.Clone(), wide = (float[])c.Clone();
        new ManagedKernels(2, wideTiles: false).MatrixMultiply(ta, tb, m, n, k, 0.5f, a, b, 0.25f, narrow);
        new ManagedKernels(2, wideTiles: true).MatrixMultiply(ta, tb, m, n, k, 0.5f, a, b, 0.25f, wide);
        wide.ShouldBe(narrow);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Strided_multiply_reads_and_writes_blocks_of_wider_matrices_in_place(bool ta, bool tb)
    {
        const int m = 29, n = 21, k = 40, pad = 7;
        var rng = new Rng(3);
        // Each operand as the leading columns of a matrix `pad` columns wider; C's padding must stay untouched.
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
        float[] wideA = Random((ta ? k : m) * lda, rng), wideB = Random((tb ? n : k) * ldb, rng), wideC = Random(m * ldc, rng);
        float[] a = Compact(wideA, ta ? k : m, ta ? m : k, lda), b = Compact(wideB, tb ? n : k, tb ? k : n, ldb), c = Compact(wideC, m, n, ldc);
        double[] expected = Naive(ta, tb, m, n, k, 0.5f, a, b, 1f, c);
        foreach (ITensorKernels kernels in ManagedTiles(2).Concat(new ITensorKernels?[] { OpenBlasKernels.TryCreate() }.OfType<ITensorKernels>()))
        {
            float[] actual = (float[])wideC.Clone();
            kernels.MatrixMultiply(ta, tb, m, n, k, 0.5f, wideA, lda, wideB, ldb, 1f, actual, ldc);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < ldc; j++)
                    if (j < n) ((double)actual[i * ldc + j]).ShouldBe(expected[i * n + j], 1e-4, $"{kernels.GetType().Name} ({i}, {j})");
                    else actual[i * ldc + j].ShouldBe(wideC[i * ldc + j]);
        }
        Should.Throw<ArgumentOutOfRangeException>(() => new ManagedKernels(1).MatrixMultiply(ta, tb, m, n, k, 1, wideA, 1, wideB, ldb, 0, new float[m * ldc], ldc));
    }

    private static float[] Compact(float[] wide, int rows, int columns, int stride)
    {
        var compact = new float[rows * columns];
        for (int r = 0; r < rows; r++) wide.AsSpan(r * stride, columns).CopyTo(compact.AsSpan(r * columns));
        return compact;
    }

    [OpenBlasTheory]
    [InlineData(37, 45, 301, false, false)]
    [InlineData(64, 33, 130, true, true)]
    public void OpenBlas_kernels_agree_with_the_managed_ones_where_installed(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new Rng(11);
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = Random(m * n, rng);
        float[] managed = (float[])c.Clone(), blas = (float[])c.Clone();
        new ManagedKernels(1).MatrixMultiply(ta, tb, m, n, k, 0.5f, a, b, 2f, managed);
        OpenBlasKernels.TryCreate()!.MatrixMultiply(ta, tb, m, n, k, 0.5f, a, b, 2f, blas);
        for (int i = 0; i < managed.Length; i++) blas[i].ShouldBe(managed[i], 1e-3f);
    }

    [Fact]
    public void Beta_zero_ignores_what_C_held()
    {
        float[] a = [1, 2], b = [3, 4];
        float[] c = [float.NaN];
        new ManagedKernels(1).MatrixMultiply(false, false, 1, 1, 2, 1, a, b, 0, c);
        c[0].ShouldBe(11f);
    }

    [Theory]
    [InlineData(211, 150, 300)]
    [InlineData(50, 300, 260)]
    public void Result_is_bitwise_the_same_on_one_and_two_threads(int m, int n, int k)
    {
        // The second shape has few rows and many columns: the threads split C by columns.
        var rng = new Rng(7);
        float[] a = Random(m * k, rng), b = Random(k * n, rng);
        foreach (bool wide in ManagedTiles(1).Select(kernels => kernels.WideTiles))
        {
            var one = new float[m * n];
            var two = new float[m * n];
            new ManagedKernels(1, wide).MatrixMultiply(false, false, m, n, k, 1, a, b, 0, one);
            new ManagedKernels(2, wide).MatrixMultiply(false, false, m, n, k, 1, a, b, 0, two);
            two.ShouldBe(one);
        }
    }

    [Fact]
    public void The_wide_tile_is_refused_where_the_machine_cannot_run_it()
    {
        if (ManagedKernels.WideTilesSupported) new ManagedKernels(1, wideTiles: true).WideTiles.ShouldBeTrue();
        else Should.Throw<PlatformNotSupportedException>(() => new ManagedKernels(1, wideTiles: true));
        new ManagedKernels(1).WideTiles.ShouldBe(ManagedKernels.WideTilesSupported);
    }

    [Fact]
    public void Too_short_arrays_are_refused()
    {
        Should.Throw<ArgumentException>(() => new ManagedKernels(1).MatrixMultiply(false, false, 2, 2, 2, 1, new float[3], new float[4], 0, new float[4]));
    }
}
