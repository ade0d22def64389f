using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Tests.Neural;

public class Bf16KernelTests
{
    /// <summary>The nearest bfloat16 (ties to even), as a float: what the kernel multiplies.</summary>
    private static double Bf16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        bits += 0x7FFFu + ((bits >> 16) & 1);
        return BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000u);
    }

    [Bf16Theory]
    [MemberData(nameof(GemmTests.OddSizes), MemberType = typeof(GemmTests))]
    public void Multiply_is_the_exact_product_of_bfloat16_factors_summed_in_float32(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new Rng((ulong)(m * 1000 + n * 10 + k));
        // Strided operands: each stored row has three spare values, which must be neither read into C nor written.
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 3, ldc = n + 3;
        float[] a = GemmTests.Random((ta ? k : m) * lda, rng), b = GemmTests.Random((tb ? n : k) * ldb, rng), c = GemmTests.Random(m * ldc, rng);
        foreach (int threads in new[] { 1, 2 })
            foreach ((float alpha, float beta) in new[] { (1f, 0f), (0.5f, 1f), (-2f, 0.25f) })
            {
                float[] actual = (float[])c.Clone();
                if (beta == 0) for (int i = 0; i < m; i++) actual[i * ldc] = float.NaN; // β = 0 never reads C
                Bf16Kernels.Create(threads).MatrixMultiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double sum = 0, size = 0;
                        for (int p = 0; p < k; p++)
                        {
                            double term = Bf16(ta ? a[p * lda + i] : a[i * lda + p]) * Bf16(tb ? b[j * ldb + p] : b[p * ldb + j]);
                            sum += term;
                            size += Math.Abs(term);
                        }
                        double expected = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j]);
                        // Products of two bfloat16 values are exact in float32; only the float32 sums round.
                        Math.Abs(actual[i * ldc + j] - expected).ShouldBeLessThan(1e-6 * (Math.Abs(alpha) * size + Math.Abs(beta)) + 1e-30, $"{threads} threads, α {alpha}, ({i}, {j})");
                    }
                    for (int j = n; j < ldc; j++) actual[i * ldc + j].ShouldBe(c[i * ldc + j], "a spare value of C");
                }
            }
    }

    [Bf16Fact]
    public void Factors_round_to_the_nearest_bfloat16_with_ties_to_even()
    {
        // bfloat16 keeps 7 bits after the point: 1 + 2^-8 is halfway between 1 and 1 + 2^-7 and goes to the even 1;
        // 1 + 3·2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6 and goes to the even 1 + 2^-6; 1 + 2^-8 + 2^-20 rounds up.
        float[] values = [1 + 1f / 256, 1 + 3f / 256, 1 + 1f / 256 + 1f / (1 << 20)];
        float[] expected = [1, 1 + 1f / 64, 1 + 1f / 128];
        ITensorKernels kernels = Bf16Kernels.Create(1);
        for (int i = 0; i < values.Length; i++)
        {
            float[] c = [0];
            kernels.MatrixMultiply(false, false, 1, 1, 1, 1, [values[i]], [1f], 0, c);
            c[0].ShouldBe(expected[i], $"value {i}");
        }
    }

    [Bf16Fact]
    public void Results_are_the_same_bits_on_one_or_two_threads_however_C_is_split()
    {
        var rng = new Rng(3);
        // Short and wide (split by columns) and tall and narrow (split by rows), each transposed both ways.
        foreach ((int m, int n, int k) in new[] { (50, 700, 300), (700, 40, 300), (500, 256, 520) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    float[] a = GemmTests.Random(m * k, rng), b = GemmTests.Random(k * n, rng);
                    float[] one = new float[m * n], two = new float[m * n];
                    ((ITensorKernels)Bf16Kernels.Create(1)).MatrixMultiply(ta, tb, m, n, k, 1, a, b, 0, one);
                    ((ITensorKernels)Bf16Kernels.Create(2)).MatrixMultiply(ta, tb, m, n, k, 1, a, b, 0, two);
                    two.ShouldBe(one, $"{m}×{n}×{k} {ta} {tb}");
                }
    }

    [Bf16Fact]
    public void No_depth_or_a_zero_alpha_leaves_beta_times_C()
    {
        // A fresh thread, so the kernel's packing buffers have not been allocated by an earlier multiply.
        float[] zeroed = [1, 2, 3, 4], scaled = [1, 2, 3, 4];
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                ITensorKernels kernels = Bf16Kernels.Create(1);
                kernels.MatrixMultiply(false, false, 2, 2, 0, 1, new float[2], 1, new float[2], 2, 0, zeroed, 2);
                kernels.MatrixMultiply(false, false, 2, 2, 1, 0, [1f, 1f], [1f, 1f], 0.5f, scaled);
            }
            catch (Exception e) { failure = e; }
        });
        worker.Start();
        worker.Join();
        failure.ShouldBeNull();
        zeroed.ShouldBe([0f, 0f, 0f, 0f]);
        scaled.ShouldBe([0.5f, 1f, 1.5f, 2f]);
    }

    [Bf16Fact]
    public void Operands_too_short_for_their_shape_are_refused()
    {
        ITensorKernels kernels = Bf16Kernels.Create(1);
        Should.Throw<ArgumentException>(() => kernels.MatrixMultiply(false, false, 3, 3, 3, 1, new float[8], new float[9], 0, new float[9]));
        Should.Throw<ArgumentException>(() => kernels.MatrixMultiply(false, false, 3, 3, 3, 1, new float[9], new float[9], 0, new float[8]));
    }

    [Fact]
    public void Float32_is_the_default_and_bfloat16_runs_only_where_the_machine_can()
    {
        PrecisionKernels.Create(Precision.Float32, 2).ShouldBeOfType<ManagedKernels>();
        if (Bf16Kernels.Unavailable is { } reason)
            Should.Throw<PlatformNotSupportedException>(() => PrecisionKernels.Create(Precision.BFloat16, 2)).Message.ShouldBe(reason);
        else
            PrecisionKernels.Create(Precision.BFloat16, 2).ShouldBeOfType<Bf16Kernels>();
        Should.Throw<ArgumentOutOfRangeException>(() => PrecisionKernels.Create((Precision)7, 1));
        foreach (Precision precision in Enum.GetValues<Precision>())
        {
            PrecisionKernels.TryParse(PrecisionKernels.Name(precision).ToUpperInvariant(), out Precision parsed).ShouldBeTrue();
            parsed.ShouldBe(precision);
        }
        PrecisionKernels.TryParse("bf16", out _).ShouldBeFalse();
    }
}
