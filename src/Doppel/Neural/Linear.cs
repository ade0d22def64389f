using System.Numerics.Tensors;
using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>A fully connected layer y = x·W + b, W stored inputs×outputs; initialised uniform in ±1/√inputs as PyTorch does.</summary>
public sealed class Linear : ILayer, IPerExampleGradient
{
    private readonly ITensorKernels _kernels;
    private Tensor? _input, _output, _inputGradient, _outputGradient, _spareOutput, _spareInputGradient;
    private SparseColumns? _sparse;

    public Linear(int inputs, int outputs, Rng rng, ITensorKernels kernels, string name = "linear")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(kernels);
        Inputs = inputs;
        Outputs = outputs;
        _kernels = kernels;
        Weight = new Parameter(name + ".weight", inputs * outputs);
        Bias = new Parameter(name + ".bias", outputs);
        float bound = 1f / MathF.Sqrt(inputs);
        for (int i = 0; i < Weight.Value.Length; i++) Weight.Value[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
        for (int i = 0; i < outputs; i++) Bias.Value[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
        Parameters = [Weight, Bias];
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// False for a network's first layer when its input is data or noise: <see cref="Backward"/> then skips the
    /// input gradient (a third of the layer's backward arithmetic) and returns an empty tensor.
    /// </summary>
    public bool PropagatesToInput { get; init; } = true;

    /// <summary>
    /// Inputs at or past this column are mostly zero (one-hot codes, conditional vectors): they are multiplied by
    /// their nonzero entries only, in the forward pass and in the weight gradient. Null: every input is dense.
    /// </summary>
    public int? SparseInputsFrom
    {
        get;
        init
        {
            if (value is { } from) ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)from, (uint)Inputs, nameof(SparseInputsFrom));
            field = value;
        }
    }

    /// <summary>
    /// Only the first this many columns of the input gradient are computed; the rest are returned as zeros. For
    /// inputs whose gradient nobody uses, such as the noise and condition that CTGAN's generator carries along in
    /// every block. Null: all of them.
    /// </summary>
    public int? InputGradientColumns
    {
        get;
        init
        {
            if (value is { } columns) ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)columns, (uint)Inputs, nameof(InputGradientColumns));
            field = value;
        }
    }

    /// <summary>
    /// Whether kernels that pack their operands may keep this layer's weights packed between updates (see
    /// <see cref="WeightMatrix.KeepsPrepared"/>): for layers trained by <see cref="Adam"/> whose weights several
    /// multiplies read per step, such as a critic's. The results are the same bits either way.
    /// </summary>
    public bool KeepsPackedWeights { get; init; }

    /// <summary>The weights as the B operand of a multiply (inputs × outputs).</summary>
    public WeightMatrix WeightMatrix => field ??= new WeightMatrix(Weight, Inputs, Outputs, KeepsPackedWeights);

    private int DenseInputs => SparseInputsFrom ?? Inputs;

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != Inputs) throw new ArgumentException($"Linear layer expects {Inputs} inputs, got {input.Columns}.", nameof(input));
        _input = input;
        Tensor output = Tensor.Reuse(ref _output, ref _spareOutput, input.Rows, Outputs);
        int dense = DenseInputs;
        if (dense > 0) _kernels.MatrixMultiply(false, false, input.Rows, Outputs, dense, 1, input.Data, Inputs, WeightMatrix, 0, output.Data, Outputs);
        else Array.Clear(output.Data);
        _kernels.ForRows(input.Rows, Outputs, (start, count) =>
        {
            for (int r = start; r < start + count; r++) TensorPrimitives.Add(output.Row(r), Bias.Value, output.Row(r));
        });
        if (dense < Inputs)
        {
            SparseColumns sparse = _sparse ??= new SparseColumns();
            sparse.Prepare(input, dense);
            if (!sparse.InRanges) sparse.Gather(input, dense, 0, input.Rows);
            // Each range gathers its rows' nonzeros (unless the batch was too wide to), then multiplies them: the work
            // per row is the scan of the sparse columns plus the outputs, so the split pays on batches of a few dozen rows.
            _kernels.ForRows(input.Rows, Inputs - dense + Outputs, (start, count) =>
            {
                if (sparse.InRanges) sparse.Gather(input, dense, start, count);
                sparse.MultiplyAdd(Weight.Value.AsSpan(dense * Outputs), Outputs, output, start, count);
            });
        }
        return output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int rows = input.Rows;
        _outputGradient = outputGradient;
        int dense = DenseInputs;
        if (dense > 0) _kernels.MatrixMultiply(true, false, dense, Outputs, rows, 1, input.Data, Inputs, outputGradient.Data, Outputs, 1, Weight.Gradient, Outputs);
        if (dense < Inputs)
        {
            // Split by blocks of 32 outputs: each block's sums run over the rows in order, whatever the split.
            SparseColumns sparse = _sparse!;
            sparse.IndexColumns();
            _kernels.ForRows((Outputs + 31) / 32, 32 * Math.Max(sparse.Count, rows), (start, count) =>
                sparse.AddOuterProducts(outputGradient, Weight.Gradient.AsSpan(dense * Outputs), Outputs, 32 * start, Math.Min(Outputs, 32 * (start + count))));
        }
        ColumnSums.Add(outputGradient, Bias.Gradient, _kernels);
        return PropagatesToInput ? BackwardToInput(outputGradient) : Empty(rows);
    }

    /// <summary>The gradient with respect to the last forward pass's input only, leaving the parameter gradients untouched (backpropagating through a network that is not being trained).</summary>
    public Tensor BackwardToInput(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        int rows = outputGradient.Rows;
        Tensor inputGradient = Tensor.Reuse(ref _inputGradient, ref _spareInputGradient, rows, Inputs);
        int columns = InputGradientColumns ?? Inputs;
        // Columns past InputGradientColumns are never written: zero since the buffer was allocated.
        if (columns > 0) _kernels.MatrixMultiply(false, true, rows, columns, Outputs, 1, outputGradient.Data, Outputs, WeightMatrix, 0, inputGradient.Data, Inputs);
        return inputGradient;
    }

    /// <summary>What a layer that does not propagate to its input returns from its backward pass.</summary>
    internal static Tensor Empty(int rows) => new(rows, 0);

    /// <summary>Example i's weight gradient is the outer product xᵢ⊗dyᵢ, so its squared norm is ‖xᵢ‖²‖dyᵢ‖² (+‖dyᵢ‖² for the bias).</summary>
    public void AddSquaredNorms(Span<float> squaredNorms)
    {
        Tensor input = _input ?? throw new InvalidOperationException("No backward pass yet.");
        Tensor gradient = _outputGradient ?? throw new InvalidOperationException("No backward pass yet.");
        for (int r = 0; r < input.Rows; r++)
        {
            float x = TensorPrimitives.SumOfSquares(input.Row(r));
            float g = TensorPrimitives.SumOfSquares(gradient.Row(r));
            squaredNorms[r] += (x + 1) * g;
        }
    }
}
