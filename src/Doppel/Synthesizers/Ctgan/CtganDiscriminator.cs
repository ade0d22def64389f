using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Doppel.Neural;
using Doppel.Randomness;
using Tensor = Doppel.Neural.Tensor;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>
/// CTGAN's critic: per hidden size Linear → LeakyReLU(0.2) → Dropout(0.5), then Linear to one score, over packs
/// of <c>pac</c> rows. Besides forward/backward it computes the WGAN-GP penalty λ·mean((‖∇ₓD‖ − 1)²) and its
/// parameter gradient by hand: with piecewise-linear activations and fixed dropout masks, ∇ₓD is linear in each
/// weight matrix, so the second-order terms reduce to a few matrix products.
/// </summary>
internal sealed class CtganDiscriminator
{
    private readonly Linear[] _linears;
    private readonly Activation[] _activations;
    private readonly Dropout[] _dropouts;
    private readonly Sequential _network;
    private readonly ITensorKernels _kernels;
    // The penalty's buffers, per hidden layer, reused across steps (the first layer's are packs × inputs, large).
    private readonly Tensor?[] _masks, _slopes, _upstream, _downstream;
    private Tensor? _lastWeights, _penaltyGradient;
    private double[] _rowNorms = [];

    /// <summary>
    /// A critic of <paramref name="inputs"/> per pack. Inputs from <paramref name="sparseInputsFrom"/> on are mostly zero
    /// (one-hot conditions): the first layer multiplies their nonzeros only, and the generator's step gets no gradient
    /// for them (see <see cref="Linear.SparseInputsFrom"/>, <see cref="Linear.InputGradientColumns"/>).
    /// </summary>
    public CtganDiscriminator(int inputs, IReadOnlyList<int> hidden, Rng rng, ITensorKernels kernels, float dropout = 0.5f, int? sparseInputsFrom = null)
    {
        _kernels = kernels;
        var layers = new List<ILayer>();
        var linears = new List<Linear>();
        var activations = new List<Activation>();
        var dropouts = new List<Dropout>();
        int width = inputs;
        for (int i = 0; i < hidden.Count; i++)
        {
            // The critic's own steps never need the gradient for its input; the generator's step asks for it through BackwardToInput.
            var linear = new Linear(width, hidden[i], rng.Fork($"critic.{i}"), kernels, $"critic.{i}")
            {
                PropagatesToInput = i > 0,
                SparseInputsFrom = i == 0 ? sparseInputsFrom : null,
                InputGradientColumns = i == 0 ? sparseInputsFrom : null,
                // Read by six multiplies a step between two updates (the first layer's 2.6 MB on Adult): packed once.
                KeepsPackedWeights = true,
            };
            var activation = new Activation(ActivationKind.LeakyRelu, 0.2f, kernels);
            var dropoutLayer = new Dropout(dropout, rng.Fork($"critic.dropout.{i}"), kernels);
            layers.AddRange([linear, activation, dropoutLayer]);
            linears.Add(linear);
            activations.Add(activation);
            dropouts.Add(dropoutLayer);
            width = hidden[i];
        }
        var output = new Linear(width, 1, rng.Fork("critic.out"), kernels, "critic.out") { KeepsPackedWeights = true };
        layers.Add(output);
        linears.Add(output);
        _linears = [.. linears];
        _activations = [.. activations];
        _dropouts = [.. dropouts];
        _network = new Sequential(layers);
        _masks = new Tensor?[hidden.Count];
        _slopes = new Tensor?[hidden.Count];
        _upstream = new Tensor?[hidden.Count];
        _downstream = new Tensor?[hidden.Count];
    }

    public IReadOnlyList<Parameter> Parameters => _network.Parameters;

    public Tensor Forward(Tensor packs) => _network.Forward(packs, training: true);

    /// <summary>Adds the parameter gradients of the last forward pass (the input's gradient is not computed).</summary>
    public void Backward(Tensor gradient) => _network.Backward(gradient);

    /// <summary>The gradient with respect to the last forward pass's input, leaving the critic's parameter gradients untouched (the generator's step).</summary>
    public Tensor BackwardToInput(Tensor gradient)
    {
        IReadOnlyList<ILayer> layers = _network.Layers;
        for (int i = layers.Count - 1; i >= 0; i--)
            gradient = layers[i] is Linear linear ? linear.BackwardToInput(gradient) : layers[i].Backward(gradient);
        return gradient;
    }

    /// <summary>Adds each pack's squared parameter-gradient norm of the last backward pass.</summary>
    public void AddSquaredNorms(Span<float> norms)
    {
        foreach (Linear linear in _linears) linear.AddSquaredNorms(norms);
    }

    /// <summary>
    /// Runs the critic on <paramref name="interpolates"/> (packs), returns the penalty λ·mean((‖∇ₓD‖ − 1)²) over the
    /// packs and adds its gradient to the parameters. With <paramref name="packNorms"/>, first adds each pack's squared
    /// gradient norm and clips each pack's contribution to <paramref name="clip"/> (DP-SGD). <paramref name="averaged"/>
    /// divides the gradient by the packs (else each pack counts fully, for DP-SGD's sum); the value returned is the mean either way.
    /// </summary>
    public double GradientPenalty(Tensor interpolates, float lambda, bool averaged, Span<float> packNorms = default, double clip = 0)
    {
        Forward(interpolates);
        int rows = interpolates.Rows, layers = _activations.Length;
        // u[l] = ∂D/∂(output of linear l) per row; g[l] = ∂D/∂(input of linear l).
        var u = new Tensor[layers];
        var masks = new Tensor[layers];
        float[] last = _linears[layers].Weight.Value;
        Tensor upstream = _lastWeights = Tensor.Reuse(_lastWeights, rows, last.Length);
        Tensor lastRows = upstream;
        _kernels.ForRows(rows, last.Length, (start, count) =>
        {
            for (int r = start; r < start + count; r++) last.CopyTo(lastRows.Row(r));
        });
        for (int l = layers - 1; l >= 0; l--)
        {
            masks[l] = _masks[l] = Mask(l, rows, _masks[l]);
            u[l] = _slopes[l] = Tensor.Reuse(_slopes[l], rows, masks[l].Columns);
            Multiply(upstream, masks[l], u[l]);
            Linear linear = _linears[l];
            upstream = _upstream[l] = Tensor.Reuse(_upstream[l], rows, linear.Inputs);
            _kernels.MatrixMultiply(false, true, rows, linear.Inputs, linear.Outputs, 1, u[l].Data, linear.Outputs, linear.WeightMatrix, 0, upstream.Data, linear.Inputs);
        }
        Tensor inputGradient = upstream;
        // dP/dg per row: λ/N · 2(‖g‖ − 1)·g/‖g‖.
        Tensor g = _penaltyGradient = Tensor.Reuse(_penaltyGradient, rows, inputGradient.Columns);
        if (_rowNorms.Length < rows) _rowNorms = new double[rows];
        double[] rowNorms = _rowNorms;
        _kernels.ForRows(rows, inputGradient.Columns, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
            {
                Span<float> row = inputGradient.Row(r);
                double norm = rowNorms[r] = Math.Sqrt(TensorPrimitives.SumOfSquares(row)) + 1e-12;
                TensorPrimitives.Multiply(row, (float)((averaged ? lambda / rows : lambda) * 2 * (norm - 1) / norm), g.Row(r));
            }
        });
        // Summed in row order, whatever the split.
        double penalty = 0;
        for (int r = 0; r < rows; r++) penalty += (rowNorms[r] - 1) * (rowNorms[r] - 1);
        // Back through the linear maps g = u·Wᵀ: dW += dgᵀ·u, du = dg·W, then through the masks.
        var deltas = new Tensor[layers];
        Tensor dg = g;
        for (int l = 0; l < layers; l++)
        {
            Linear linear = _linears[l];
            Tensor du = _downstream[l] = Tensor.Reuse(_downstream[l], rows, linear.Outputs);
            _kernels.MatrixMultiply(false, false, rows, linear.Outputs, linear.Inputs, 1, dg.Data, linear.Inputs, linear.WeightMatrix, 0, du.Data, linear.Outputs);
            deltas[l] = dg;
            Multiply(du, masks[l], du);
            dg = du;
        }
        if (!packNorms.IsEmpty)
        {
            var norms = new float[rows];
            for (int r = 0; r < rows; r++)
            {
                double sum = TensorPrimitives.SumOfSquares(dg.Row(r));
                for (int l = 0; l < layers; l++) sum += (double)TensorPrimitives.SumOfSquares(deltas[l].Row(r)) * TensorPrimitives.SumOfSquares(u[l].Row(r));
                norms[r] = (float)sum;
                packNorms[r] += norms[r];
            }
            DpSgd.ClipFactors(norms, clip);
            for (int l = 0; l < layers; l++) DpSgd.ScaleRows(deltas[l], norms);
            DpSgd.ScaleRows(dg, norms);
        }
        for (int l = 0; l < layers; l++)
        {
            Linear linear = _linears[l];
            _kernels.MatrixMultiply(true, false, linear.Inputs, linear.Outputs, rows, 1, deltas[l].Data, u[l].Data, 1, linear.Weight.Gradient);
        }
        // The last weight vector w: u[last] = w ∘ mask, so dw = Σ_rows dg ∘ mask (dg already masked above).
        ColumnSums.Add(dg, _linears[layers].Weight.Gradient, _kernels);
        return lambda * penalty / rows;
    }

    /// <summary>target = a ∘ b, element by element, split by rows.</summary>
    private void Multiply(Tensor a, Tensor b, Tensor target)
    {
        int columns = target.Columns;
        _kernels.ForRows(target.Rows, columns, (start, count) =>
        {
            Range range = (start * columns)..((start + count) * columns);
            TensorPrimitives.Multiply(a.Data.AsSpan(range), b.Data.AsSpan(range), target.Data.AsSpan(range));
        });
    }

    /// <summary>∂(dropout(leaky(a)))/∂a of hidden layer l for the last forward pass: slope (1 or 0.2) times the dropout mask.</summary>
    private Tensor Mask(int layer, int rows, Tensor? reuse)
    {
        Linear linear = _linears[layer];
        Tensor mask = Tensor.Reuse(reuse, rows, linear.Outputs);
        Dropout dropoutLayer = _dropouts[layer];
        Activation activation = _activations[layer];
        int columns = linear.Outputs;
        _kernels.ForRows(rows, columns, (start, count) =>
        {
            ReadOnlySpan<float> dropout = dropoutLayer.Mask, preActivation = activation.LastInput;
            int i = start * columns, end = (start + count) * columns;
            if (!dropout.IsEmpty)
                for (; i + 8 <= end; i += 8)
                {
                    Vector256<float> slope = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Create(preActivation.Slice(i, 8)), Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(0.2f));
                    (slope * Vector256.Create(dropout.Slice(i, 8))).CopyTo(mask.Data.AsSpan(i, 8));
                }
            for (; i < end; i++) mask.Data[i] = (preActivation[i] > 0 ? 1f : 0.2f) * (dropout.IsEmpty ? 1f : dropout[i]);
        });
        return mask;
    }
}
