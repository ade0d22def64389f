using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Tests.Neural;

/// <summary>Weight matrices kept packed between updates (<see cref="WeightMatrix"/>): the same bits as packing every time, and never stale after an update.</summary>
public class KeptWeightsTests
{
    /// <summary>op(W)'s depth and columns for the cases a layer multiplies: all of W, a shorter depth (a sparse layer's dense rows), a few columns (an input gradient's first columns).</summary>
    public static TheoryData<bool, int, int> Uses => new()
    {
        { false, 523, 70 }, { false, 300, 70 }, { false, 257, 70 }, { false, 2, 70 },
        { true, 70, 523 }, { true, 70, 300 }, { true, 70, 33 }, { true, 70, 1 },
    };

    [Bf16Theory]
    [MemberData(nameof(Uses))]
    public void A_kept_weight_matrix_multiplies_to_the_same_bits_as_its_values(bool transposed, int k, int n)
    {
        var rng = new Rng(11);
        var weight = new Parameter("w", 523 * 70);
        GemmTests.Random(weight.Value.Length, rng).CopyTo(weight.Value, 0);
        var kept = new WeightMatrix(weight, 523, 70, keepsPrepared: true);
        foreach (int threads in new[] { 1, 2 })
            foreach (int m in new[] { 1, 50, 131 })
                foreach (bool ta in new[] { false, true })
                {
                    ITensorKernels kernels = Bf16Kernels.Create(threads);
                    int lda = (ta ? m : k) + 2;
                    float[] a = GemmTests.Random((ta ? k : m) * lda, rng), c = GemmTests.Random(m * (n + 1), rng);
                    float[] expected = (float[])c.Clone(), actual = (float[])c.Clone();
                    kernels.MatrixMultiply(ta, transposed, m, n, k, 0.5f, a, lda, weight.Value, 70, 1, expected, n + 1);
                    kernels.MatrixMultiply(ta, transposed, m, n, k, 0.5f, a, lda, kept, 1, actual, n + 1);
                    actual.ShouldBe(expected, $"{threads} threads, m {m}, A transposed {ta}");
                }
    }

    [Bf16Fact]
    public void A_kept_copy_is_packed_again_once_the_optimiser_has_changed_the_weights()
    {
        var rng = new Rng(5);
        var weight = new Parameter("w", 300 * 40);
        GemmTests.Random(weight.Value.Length, rng).CopyTo(weight.Value, 0);
        var kept = new WeightMatrix(weight, 300, 40, keepsPrepared: true);
        var adam = new Adam([weight], 0.1f);
        ITensorKernels kernels = Bf16Kernels.Create(2);
        float[] a = GemmTests.Random(20 * 300, rng), g = GemmTests.Random(20 * 40, rng);
        for (int step = 0; step < 3; step++)
        {
            float[] expected = new float[20 * 40], actual = new float[20 * 40], back = new float[20 * 300], backExpected = new float[20 * 300];
            kernels.MatrixMultiply(false, false, 20, 40, 300, 1, a, 300, kept, 0, actual, 40);
            kernels.MatrixMultiply(false, false, 20, 40, 300, 1, a, 300, weight.Value, 40, 0, expected, 40);
            kernels.MatrixMultiply(false, true, 20, 300, 40, 1, g, 40, kept, 0, back, 300);
            kernels.MatrixMultiply(false, true, 20, 300, 40, 1, g, 40, weight.Value, 40, 0, backExpected, 300);
            actual.ShouldBe(expected, $"step {step}");
            back.ShouldBe(backExpected, $"step {step}, transposed");
            GemmTests.Random(weight.Gradient.Length, rng).CopyTo(weight.Gradient, 0);
            int before = weight.Version;
            adam.Step();
            weight.Version.ShouldNotBe(before);
        }
    }

    [Bf16Fact]
    public void Both_layouts_packed_in_one_pass_give_the_same_bits_as_each_packed_alone()
    {
        var rng = new Rng(23);
        // Five blocks of rows (the last partial) on two threads; the critic's first layer has eleven.
        var weight = new Parameter("w", 1100 * 70);
        var kept = new WeightMatrix(weight, 1100, 70, keepsPrepared: true);
        ITensorKernels kernels = Bf16Kernels.Create(2);
        float[] a = GemmTests.Random(30 * 1100, rng), g = GemmTests.Random(30 * 70, rng);
        for (int change = 0; change < 3; change++)
        {
            GemmTests.Random(weight.Value.Length, rng).CopyTo(weight.Value, 0);
            weight.MarkChanged();
            // The first change packs each layout alone; after that both exist, and either multiply packs both.
            foreach (bool transposedFirst in change == 1 ? new[] { true, false } : new[] { false, true })
            {
                float[] actual = transposedFirst ? new float[30 * 1100] : new float[30 * 70], expected = (float[])actual.Clone();
                if (transposedFirst)
                {
                    kernels.MatrixMultiply(false, true, 30, 1100, 70, 1, g, 70, kept, 0, actual, 1100);
                    kernels.MatrixMultiply(false, true, 30, 1100, 70, 1, g, 70, weight.Value, 70, 0, expected, 1100);
                }
                else
                {
                    kernels.MatrixMultiply(false, false, 30, 70, 1100, 1, a, 1100, kept, 0, actual, 70);
                    kernels.MatrixMultiply(false, false, 30, 70, 1100, 1, a, 1100, weight.Value, 70, 0, expected, 70);
                }
                actual.ShouldBe(expected, $"change {change}, transposed {transposedFirst}");
            }
        }
    }

    [Fact]
    public void Kernels_that_do_not_pack_multiply_a_weight_matrix_as_its_values_and_every_kernel_checks_its_shape()
    {
        var rng = new Rng(2);
        var weight = new Parameter("w", 30 * 7);
        GemmTests.Random(weight.Value.Length, rng).CopyTo(weight.Value, 0);
        var matrix = new WeightMatrix(weight, 30, 7, keepsPrepared: true);
        ITensorKernels kernels = new ManagedKernels(2);
        float[] a = GemmTests.Random(4 * 30, rng), expected = new float[4 * 7], actual = new float[4 * 7];
        kernels.MatrixMultiply(false, false, 4, 7, 30, 1, a, weight.Value, 0, expected);
        kernels.MatrixMultiply(false, false, 4, 7, 30, 1, a, 30, matrix, 0, actual, 7);
        actual.ShouldBe(expected);
        List<ITensorKernels> all = [kernels];
        if (Bf16Kernels.Unavailable is null) all.Add(Bf16Kernels.Create(2));
        foreach (ITensorKernels any in all)
        {
            // Deeper than W's rows, columns other than W's, and transposed: depth other than W's columns, more columns than its rows.
            Should.Throw<ArgumentException>(() => any.MatrixMultiply(false, false, 4, 7, 31, 1, new float[4 * 31], 31, matrix, 0, new float[28], 7));
            Should.Throw<ArgumentException>(() => any.MatrixMultiply(false, false, 4, 6, 30, 1, a, 30, matrix, 0, new float[24], 6));
            Should.Throw<ArgumentException>(() => any.MatrixMultiply(false, true, 4, 30, 6, 1, new float[24], 6, matrix, 0, new float[120], 30));
            Should.Throw<ArgumentException>(() => any.MatrixMultiply(false, true, 4, 31, 7, 1, new float[28], 7, matrix, 0, new float[124], 31));
        }
        Should.Throw<ArgumentException>(() => new WeightMatrix(weight, 31, 7, keepsPrepared: false));
    }

    [Bf16Fact]
    public void A_critic_layer_keeping_its_weights_packed_trains_to_the_same_bits()
    {
        (float[] Weights, float[] InputGradients) Train(bool keeps)
        {
            var inputGradients = new List<float>();
            var rng = new Rng(8);
            ITensorKernels kernels = Bf16Kernels.Create(2);
            var layer = new Linear(90, 33, new Rng(3), kernels) { KeepsPackedWeights = keeps, SparseInputsFrom = 64, InputGradientColumns = 64 };
            var adam = new Adam(layer.Parameters, 0.01f, 0.5f, 0.9f) { ClearsGradients = true };
            for (int step = 0; step < 4; step++)
            {
                var input = new Tensor(25, 90);
                GemmTests.Random(25 * 64, rng).CopyTo(input.Data, 0);
                for (int r = 0; r < 25; r++) input.Data[r * 90 + 64 + r % 26] = 1;
                Tensor output = layer.Forward(input, training: true);
                inputGradients.AddRange(layer.Backward(output).Data);
                adam.Step();
            }
            return (layer.Weight.Value, [.. inputGradients]);
        }

        var (keptWeights, keptGradients) = Train(keeps: true);
        var (weights, gradients) = Train(keeps: false);
        keptWeights.ShouldBe(weights);
        keptGradients.ShouldBe(gradients);
    }
}
