using System.Numerics.Tensors;
using Doppel.Neural;
using Doppel.Randomness;
using Tensor = Doppel.Neural.Tensor;

namespace Doppel.Tests.Neural;

/// <summary>
/// The per-batch work around the multiplies (column sums, sparse inputs, the optimiser's clearing, buffers reused
/// across batch sizes): each must give the bits the plain row-by-row loop gives, on one thread or two.
/// </summary>
public class BatchWorkTests
{
    private static readonly ManagedKernels OneThread = new(1), TwoThreads = new(2);

    // 600 rows × 75 columns: two blocks of 32 columns and a remainder of 11, enough values to split across threads.
    [Theory]
    [InlineData(600, 75)]
    [InlineData(7, 75)]
    [InlineData(33, 5)]
    public void Column_sums_equal_adding_the_rows_one_after_another(int rows, int columns)
    {
        var rng = new Rng(40);
        Tensor x = GradientCheck.RandomTensor(rows, columns, rng), dy = GradientCheck.RandomTensor(rows, columns, rng);
        float[] start = [.. GradientCheck.RandomTensor(1, columns, rng).Data];
        float[] mean = [.. GradientCheck.RandomTensor(1, columns, rng).Data];

        float[] sums = (float[])start.Clone(), squares = (float[])start.Clone(), gradientSums = (float[])start.Clone(), products = (float[])start.Clone();
        var centered = new Tensor(rows, columns);
        var row = new float[columns];
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, x.Row(r), sums);
            TensorPrimitives.Subtract(x.Row(r), mean, centered.Row(r));
            TensorPrimitives.MultiplyAdd(centered.Row(r), centered.Row(r), squares, squares);
            TensorPrimitives.Add(gradientSums, dy.Row(r), gradientSums);
            TensorPrimitives.MultiplyAdd(dy.Row(r), x.Row(r), products, products);
        }

        foreach (ManagedKernels kernels in new[] { OneThread, TwoThreads })
        {
            float[] actualSums = (float[])start.Clone(), actualSquares = (float[])start.Clone(), actualGradientSums = (float[])start.Clone(), actualProducts = (float[])start.Clone();
            var actualCentered = new Tensor(rows, columns);
            ColumnSums.Add(x, actualSums, kernels);
            ColumnSums.CenterAndSquare(x, mean, actualCentered, actualSquares, kernels);
            ColumnSums.AddWithProducts(dy, x, actualGradientSums, actualProducts, kernels);
            actualSums.ShouldBe(sums);
            actualSquares.ShouldBe(squares);
            actualCentered.Data.ShouldBe(centered.Data);
            actualGradientSums.ShouldBe(gradientSums);
            actualProducts.ShouldBe(products);
        }
        Should.Throw<ArgumentException>(() => ColumnSums.Add(x, new float[columns + 1], OneThread));
        Should.Throw<ArgumentException>(() => ColumnSums.CenterAndSquare(x, mean, new Tensor(rows + 1, columns), new float[columns], OneThread));
        Should.Throw<ArgumentException>(() => ColumnSums.AddWithProducts(dy, new Tensor(rows + 1, columns), new float[columns], new float[columns], OneThread));
    }

    [Fact]
    public void Sparse_columns_gathered_and_multiplied_in_ranges_equal_the_whole_batch()
    {
        var rng = new Rng(41);
        const int rows = 9, dense = 3, width = 20, outputs = 43;
        Tensor input = GradientCheck.RandomTensor(rows, dense + width, rng);
        for (int r = 0; r < rows; r++)
        {
            input.Row(r)[dense..].Clear();
            for (int k = 0; k < r % 4; k++) input.Row(r)[dense + rng.NextInt(width)] = (float)rng.NextGaussian();
        }
        float[] weights = [.. GradientCheck.RandomTensor(width, outputs, rng).Data];
        Tensor gradient = GradientCheck.RandomTensor(rows, outputs, rng);

        var whole = new SparseColumns();
        whole.Gather(input, dense);
        var expected = new Tensor(rows, outputs);
        whole.MultiplyAdd(weights, outputs, expected);
        var expectedGradient = new float[width * outputs];
        whole.AddOuterProducts(gradient, expectedGradient, outputs);
        // The weight gradient's definition, row after row, each entry fused: the products give these bits exactly.
        var byRows = new float[width * outputs];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++)
                if (input.Row(r)[dense + j] is var x and not 0)
                    for (int o = 0; o < outputs; o++) byRows[j * outputs + o] = MathF.FusedMultiplyAdd(x, gradient.Row(r)[o], byRows[j * outputs + o]);
        expectedGradient.ShouldBe(byRows);

        var ranges = new SparseColumns();
        ranges.Prepare(input, dense);
        ranges.Gather(input, dense, 5, 4);
        ranges.Gather(input, dense, 0, 5);
        ranges.Count.ShouldBe(whole.Count);
        var actual = new Tensor(rows, outputs);
        ranges.MultiplyAdd(weights, outputs, actual, 4, 5);
        ranges.MultiplyAdd(weights, outputs, actual, 0, 4);
        actual.Data.ShouldBe(expected.Data);
        // Outputs split inside a vector of eight: the single-value path sums the same way.
        var actualGradient = new float[width * outputs];
        Should.Throw<InvalidOperationException>(() => ranges.AddOuterProducts(gradient, actualGradient, outputs, 0, outputs));
        ranges.IndexColumns();
        ranges.AddOuterProducts(gradient, actualGradient, outputs, 13, outputs);
        ranges.AddOuterProducts(gradient, actualGradient, outputs, 0, 13);
        actualGradient.ShouldBe(expectedGradient);

        ranges.InRanges.ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() => ranges.Gather(input, dense, 8, 2));
        Should.Throw<ArgumentOutOfRangeException>(() => ranges.AddOuterProducts(gradient, actualGradient, outputs, 40, 44));
        Should.Throw<ArgumentException>(() => ranges.Gather(GradientCheck.RandomTensor(rows + 1, dense + width, rng), dense, 0, 1));
    }

    [Fact]
    public void A_batch_too_wide_for_a_slot_per_row_is_gathered_whole_into_just_its_nonzeros()
    {
        // 3 rows × 400,000 one-hot columns: 1.2 M values, past the slots' budget.
        const int rows = 3, width = 400_000, outputs = 5;
        var input = new Tensor(rows, width);
        int[] hot = [7, 399_999, 123_456];
        for (int r = 0; r < rows; r++) input.Row(r)[hot[r]] = r + 1;
        input.Row(1)[3] = -2;
        var weights = new float[width * outputs];
        for (int i = 0; i < weights.Length; i++) weights[i] = i % 11 - 5;

        var sparse = new SparseColumns();
        sparse.Prepare(input, 0);
        sparse.InRanges.ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => sparse.Gather(input, 0, 0, 1));
        sparse.Gather(input, 0, 0, rows);
        sparse.Count.ShouldBe(4);
        var output = new Tensor(rows, outputs);
        sparse.MultiplyAdd(weights, outputs, output);
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outputs; o++)
            {
                float expected = (r + 1) * weights[hot[r] * outputs + o] + (r == 1 ? -2 * weights[3 * outputs + o] : 0);
                output.Row(r)[o].ShouldBe(expected);
            }
    }

    [Fact]
    public void A_sparse_linear_layer_gives_the_same_bits_on_one_thread_and_two()
    {
        // CTGAN's critic shape in small: dense inputs, then one-hot conditions, over enough rows to split.
        var rng = new Rng(42);
        const int rows = 120, dense = 30, sparse = 60, outputs = 70;
        Tensor input = GradientCheck.RandomTensor(rows, dense + sparse, rng);
        for (int r = 0; r < rows; r++)
        {
            input.Row(r)[dense..].Clear();
            input.Row(r)[dense + rng.NextInt(sparse)] = 1;
        }
        Tensor upstream = GradientCheck.RandomTensor(rows, outputs, rng);
        (float[] Output, float[] Weight, float[] Bias) Run(ManagedKernels kernels)
        {
            var layer = new Linear(dense + sparse, outputs, new Rng(7), kernels) { SparseInputsFrom = dense };
            float[] output = [.. layer.Forward(input, training: true).Data];
            layer.Backward(upstream);
            return (output, layer.Weight.Gradient, layer.Bias.Gradient);
        }
        var one = Run(OneThread);
        var two = Run(TwoThreads);
        two.Output.ShouldBe(one.Output);
        two.Weight.ShouldBe(one.Weight);
        two.Bias.ShouldBe(one.Bias);
    }

    [Fact]
    public void Adam_that_clears_gradients_takes_the_same_steps_and_leaves_them_zero()
    {
        var rng = new Rng(43);
        // Two parameters, the larger over the threshold at which an update is split across threads.
        Parameter[] Make() => [new Parameter("w", 70_001), new Parameter("b", 9)];
        Parameter[] plain = Make(), clearing = Make();
        var reference = new Adam(plain, 0.01f, 0.5f, 0.9f, weightDecay: 1e-4f) { MaxThreads = 2 };
        var adam = new Adam(clearing, 0.01f, 0.5f, 0.9f, weightDecay: 1e-4f) { MaxThreads = 2, ClearsGradients = true };
        for (int step = 0; step < 3; step++)
        {
            reference.ZeroGradients();
            for (int p = 0; p < plain.Length; p++)
                for (int i = 0; i < plain[p].Gradient.Length; i++)
                    plain[p].Gradient[i] = clearing[p].Gradient[i] = (float)rng.NextGaussian();
            reference.Step();
            adam.Step();
            for (int p = 0; p < plain.Length; p++)
            {
                clearing[p].Value.ShouldBe(plain[p].Value);
                clearing[p].Gradient.ShouldAllBe(g => g == 0);
            }
        }
    }

    [Fact]
    public void Buffers_reused_across_two_batch_sizes_keep_each_shape_and_its_zeros()
    {
        Tensor? current = null, spare = null;
        Tensor large = Tensor.Reuse(ref current, ref spare, 4, 3);
        Tensor small = Tensor.Reuse(ref current, ref spare, 2, 3);
        Tensor.Reuse(ref current, ref spare, 4, 3).ShouldBeSameAs(large);
        Tensor.Reuse(ref current, ref spare, 2, 3).ShouldBeSameAs(small);
        Tensor.Reuse(ref current, ref spare, 2, 3).ShouldBeSameAs(small);
        Tensor.Reuse(ref current, ref spare, 3, 3).ShouldNotBeSameAs(large);

        // A layer that computes only some input-gradient columns relies on the rest staying zero in every buffer.
        var rng = new Rng(44);
        var layer = new Linear(6, 4, rng.Fork("init"), TwoThreads) { InputGradientColumns = 2 };
        foreach (int rows in new[] { 5, 3, 5, 3 })
        {
            layer.Forward(GradientCheck.RandomTensor(rows, 6, rng), training: true);
            Tensor gradient = layer.BackwardToInput(GradientCheck.RandomTensor(rows, 4, rng));
            gradient.Rows.ShouldBe(rows);
            for (int r = 0; r < rows; r++) gradient.Row(r)[2..].ToArray().ShouldAllBe(g => g == 0);
        }
    }
}
