using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Tests.Neural;

public class LayerGradientTests
{
    private static readonly ManagedKernels Kernels = new(2);

    [Fact]
    public void Linear_backward_matches_finite_differences()
    {
        var rng = new Rng(1);
        GradientCheck.Check(new Linear(5, 3, rng.Fork("init"), Kernels), GradientCheck.RandomTensor(4, 5, rng), rng);
    }

    /// <summary>Rows of 4 dense values then a one-hot group of 5 (some rows without a one), as encoded tables and conditions are.</summary>
    private static Tensor DenseThenOneHot(Rng rng)
    {
        Tensor input = GradientCheck.RandomTensor(6, 9, rng);
        for (int r = 0; r < input.Rows; r++)
        {
            input.Row(r)[4..].Clear();
            if (r % 3 != 2) input.Row(r)[4 + rng.NextInt(5)] = r % 2 == 0 ? 1f : -0.5f;
        }
        return input;
    }

    [Fact]
    public void Linear_with_sparse_inputs_matches_finite_differences_and_the_dense_layer()
    {
        var rng = new Rng(21);
        Tensor input = DenseThenOneHot(rng);
        // 43 outputs: a block of 32, one of 8 and three single columns in the sparse kernels.
        var sparse = new Linear(9, 43, rng.Fork("init"), Kernels) { SparseInputsFrom = 4 };
        GradientCheck.Check(sparse, input, rng);
        var dense = new Linear(9, 43, rng.Fork("init"), Kernels);
        var allSparse = new Linear(9, 43, rng.Fork("init"), Kernels) { SparseInputsFrom = 0 };
        Tensor upstream = GradientCheck.RandomTensor(6, 43, rng);
        float[] expected = (float[])dense.Forward(input, training: true).Data.Clone();
        dense.Backward(upstream);
        foreach (Linear layer in new[] { sparse, allSparse })
        {
            layer.Weight.ClearGradient();
            layer.Bias.ClearGradient();
            float[] actual = layer.Forward(input, training: true).Data;
            for (int i = 0; i < expected.Length; i++) actual[i].ShouldBe(expected[i], 1e-5f);
            layer.Backward(upstream);
            for (int i = 0; i < dense.Weight.Gradient.Length; i++) layer.Weight.Gradient[i].ShouldBe(dense.Weight.Gradient[i], 1e-5f);
        }
    }

    [Fact]
    public void Linear_computes_only_the_input_gradient_columns_asked_for()
    {
        var rng = new Rng(22);
        Tensor input = DenseThenOneHot(rng);
        var full = new Linear(9, 5, rng.Fork("init"), Kernels);
        var partial = new Linear(9, 5, rng.Fork("init"), Kernels) { InputGradientColumns = 3 };
        Tensor upstream = GradientCheck.RandomTensor(6, 5, rng);
        full.Forward(input, training: true);
        partial.Forward(input, training: true);
        float[] expected = (float[])full.Backward(upstream).Data.Clone();
        Tensor actual = partial.Backward(upstream);
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 9; c++)
                actual.Row(r)[c].ShouldBe(c < 3 ? expected[r * 9 + c] : 0f);
        partial.Weight.Gradient.ShouldBe(full.Weight.Gradient);
        Should.Throw<ArgumentOutOfRangeException>(() => new Linear(9, 5, rng, Kernels) { InputGradientColumns = 10 });
        Should.Throw<ArgumentOutOfRangeException>(() => new Linear(9, 5, rng, Kernels) { SparseInputsFrom = -1 });
    }

    [Theory]
    [InlineData(ActivationKind.Relu)]
    [InlineData(ActivationKind.LeakyRelu)]
    [InlineData(ActivationKind.Tanh)]
    public void Activations_backward_match_finite_differences(ActivationKind kind)
    {
        var rng = new Rng(2);
        GradientCheck.Check(new Activation(kind), GradientCheck.RandomTensor(4, 6, rng, awayFromZero: 0.05), rng, step: 1e-3f);
    }

    [Fact]
    public void BatchNorm_backward_matches_finite_differences_through_the_batch_statistics()
    {
        var rng = new Rng(3);
        var layer = new BatchNorm(3);
        for (int i = 0; i < 3; i++) { layer.Scale.Value[i] = 0.5f + i; layer.Shift.Value[i] = i - 1; }
        GradientCheck.Check(layer, GradientCheck.RandomTensor(6, 3, rng), rng, step: 1e-2f, tolerance: 3e-2);
    }

    [Fact]
    public void BatchNorm_standardises_in_training_and_uses_running_statistics_otherwise()
    {
        var layer = new BatchNorm(1);
        var x = new Tensor(4, 1, [1, 2, 3, 4]);
        float[] y = (float[])layer.Forward(x, training: true).Data.Clone();
        // mean 2.5, biased variance 1.25
        y[0].ShouldBe(-1.5f / MathF.Sqrt(1.25f + 1e-5f), 1e-5f);
        layer.RunningMean.Value[0].ShouldBe(0.25f, 1e-6f);
        layer.RunningVariance.Value[0].ShouldBe(0.9f + 0.1f * 5f / 3f, 1e-6f);
        layer.Forward(new Tensor(1, 1, [0.25f]), training: false).Data[0].ShouldBe(0, 1e-6f);
    }

    [Fact]
    public void Residual_backward_matches_finite_differences()
    {
        var rng = new Rng(4);
        GradientCheck.Check(new Residual(3, 4, rng.Fork("init"), Kernels), GradientCheck.RandomTensor(5, 3, rng), rng, tolerance: 3e-2);
    }

    [Fact]
    public void Softmax_and_tanh_output_spans_backward_match_finite_differences()
    {
        var rng = new Rng(5);
        OutputSpan[] spans = [new(0, 1, SpanKind.Tanh), new(1, 3, SpanKind.Softmax), new(4, 2, SpanKind.Softmax)];
        GradientCheck.Check(new OutputActivation(spans, 0.2f, gumbelNoise: false, rng), GradientCheck.RandomTensor(3, 6, rng), rng, step: 1e-3f);
    }

    [Fact]
    public void Output_spans_done_block_by_block_equal_the_span_by_span_definition()
    {
        var rng = new Rng(8);
        OutputSpan[] spans = [new(0, 1, SpanKind.Tanh), new(1, 5, SpanKind.Softmax), new(6, 1, SpanKind.Tanh), new(7, 2, SpanKind.Softmax), new(9, 17, SpanKind.Softmax)];
        Tensor x = GradientCheck.RandomTensor(7, 26, rng);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] *= 30;
        Tensor y = new OutputActivation(spans, 0.2f, gumbelNoise: false, rng, maxThreads: 2).Forward(x, training: true);
        var expected = new float[26];
        for (int r = 0; r < x.Rows; r++)
        {
            foreach (OutputSpan span in spans)
            {
                Span<float> source = x.Row(r).Slice(span.Start, span.Length), target = expected.AsSpan(span.Start, span.Length);
                if (span.Kind == SpanKind.Tanh) { target[0] = MathF.Tanh(source[0]); continue; }
                for (int j = 0; j < source.Length; j++) target[j] = source[j] / 0.2f;
                StableSoftmax.Apply(target, target);
            }
            y.Row(r).ToArray().ShouldBe(expected, 1e-6f);
        }
    }

    [Fact]
    public void Gumbel_softmax_spans_are_distributions_and_follow_the_logits()
    {
        var rng = new Rng(6);
        var layer = new OutputActivation([new(0, 3, SpanKind.Softmax)], 0.2f, gumbelNoise: true, rng);
        var logits = new Tensor(4000, 3);
        for (int r = 0; r < logits.Rows; r++) { logits.Row(r)[0] = MathF.Log(0.6f); logits.Row(r)[1] = MathF.Log(0.3f); logits.Row(r)[2] = MathF.Log(0.1f); }
        Tensor y = layer.Forward(logits, training: true);
        var wins = new int[3];
        for (int r = 0; r < y.Rows; r++)
        {
            Span<float> row = y.Row(r);
            (row[0] + row[1] + row[2]).ShouldBe(1f, 1e-5f);
            int best = row[0] >= row[1] && row[0] >= row[2] ? 0 : row[1] >= row[2] ? 1 : 2;
            wins[best]++;
        }
        // The argmax of Gumbel-perturbed logits is an exact draw from softmax(logits).
        (wins[0] / 4000.0).ShouldBe(0.6, 0.03);
        (wins[2] / 4000.0).ShouldBe(0.1, 0.02);
    }

    [Fact]
    public void Dropout_zeroes_with_its_probability_scales_the_rest_and_backpropagates_through_the_mask()
    {
        var layer = new Dropout(0.5f, new Rng(7));
        var x = new Tensor(100, 100);
        Array.Fill(x.Data, 1f);
        float[] y = (float[])layer.Forward(x, training: true).Data.Clone();
        y.Count(v => v == 0).ShouldBeInRange(4700, 5300);
        y.Where(v => v != 0).ShouldAllBe(v => v == 2f);
        var dy = new Tensor(100, 100);
        Array.Fill(dy.Data, 3f);
        float[] dx = layer.Backward(dy).Data;
        for (int i = 0; i < dx.Length; i++) dx[i].ShouldBe(y[i] * 3f);
        layer.Forward(x, training: false).Data.ShouldAllBe(v => v == 1f);
    }

    [Theory]
    [InlineData(0.5f, 1001)]
    [InlineData(0.2f, 8)]
    [InlineData(0.9f, 3)]
    public void Dropout_masks_equal_the_one_value_at_a_time_definition(float probability, int length)
    {
        // Four 16-bit uniforms per 64 random bits, lowest first; kept when the uniform is at least p·65,536.
        var rng = new Rng(21);
        var expected = new float[length];
        uint threshold = (uint)Math.Round(probability * 65536);
        for (int i = 0; i < length; i += 4)
        {
            ulong bits = rng.NextUInt64();
            for (int k = 0; k < 4 && i + k < length; k++, bits >>= 16) expected[i + k] = (bits & 0xFFFF) >= threshold ? 1f / (1 - probability) : 0;
        }
        var mask = new float[length];
        ulong[] buffer = [];
        Dropout.FillMask(mask, new Rng(21), probability, ref buffer);
        mask.ShouldBe(expected);
    }

    [Fact]
    public void Linear_per_example_norms_equal_the_norms_of_single_example_gradients()
    {
        var rng = new Rng(8);
        var layer = new Linear(4, 3, rng.Fork("init"), Kernels);
        Tensor x = GradientCheck.RandomTensor(5, 4, rng), dy = GradientCheck.RandomTensor(5, 3, rng);
        layer.Forward(x, true);
        layer.Backward(dy);
        var norms = new float[5];
        layer.AddSquaredNorms(norms);
        for (int i = 0; i < 5; i++)
        {
            layer.Weight.ClearGradient();
            layer.Bias.ClearGradient();
            layer.Forward(new Tensor(1, 4, x.Row(i).ToArray()), true);
            layer.Backward(new Tensor(1, 3, dy.Row(i).ToArray()));
            double expected = layer.Weight.Gradient.Sum(g => (double)g * g) + layer.Bias.Gradient.Sum(g => (double)g * g);
            norms[i].ShouldBe((float)expected, (float)(1e-4 * expected + 1e-6));
        }
    }

    [Fact]
    public void Adam_takes_the_published_first_step_and_minimises_a_quadratic()
    {
        var p = new Parameter("p", 2);
        p.Value[0] = 1; p.Value[1] = -2;
        var adam = new Adam([p], learningRate: 0.1f);
        p.Gradient[0] = 5; p.Gradient[1] = -0.001f;
        adam.Step();
        // Bias-corrected first step is lr·sign(g) (up to ε) whatever the gradient's size.
        p.Value[0].ShouldBe(0.9f, 1e-5f);
        p.Value[1].ShouldBe(-1.9f, 1e-4f);
        for (int i = 0; i < 500; i++)
        {
            adam.ZeroGradients();
            p.Gradient[0] = 2 * (p.Value[0] - 3);
            p.Gradient[1] = 2 * (p.Value[1] + 1);
            adam.Step();
        }
        p.Value[0].ShouldBe(3f, 0.05f);
        p.Value[1].ShouldBe(-1f, 0.05f);
    }

    [Fact]
    public void Adam_with_dp_noise_variance_takes_it_out_of_the_second_moment_down_to_a_floor()
    {
        var p = new Parameter("p", 3);
        var adam = new Adam([p], learningRate: 0.1f, epsilon: 0) { NoiseVariance = 1 };
        p.Gradient[0] = 2; p.Gradient[1] = 0.5f; p.Gradient[2] = -3;
        adam.Step();
        // First step: m̂ = g, v̂ = g², so the step is lr·g / √max(g² − 1, 1/400).
        p.Value[0].ShouldBe(-0.1f * 2 / MathF.Sqrt(3), 1e-6f);
        p.Value[1].ShouldBe(-0.1f * 0.5f / 0.05f, 1e-5f);
        p.Value[2].ShouldBe(0.1f * 3 / MathF.Sqrt(8), 1e-6f);
        Should.Throw<ArgumentOutOfRangeException>(() => new Adam([p], 0.1f) { NoiseVariance = -1 });
    }
}
