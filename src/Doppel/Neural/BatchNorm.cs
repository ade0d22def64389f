using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>
/// Batch normalisation over the batch (PyTorch's BatchNorm1d): in training, each feature is standardised by the
/// batch mean and biased variance and running estimates are updated (momentum 0.1, unbiased variance); otherwise
/// the running estimates are used. Then scaled by γ and shifted by β. The sums over the batch run in row order
/// (<see cref="ColumnSums"/>); both they and the per-row work may be split across threads by the kernels' <see cref="ITensorKernels.ForRows"/>.
/// </summary>
public sealed class BatchNorm : ILayer
{
    private readonly ITensorKernels _kernels;
    private const float Epsilon = 1e-5f;
    private const float Momentum = 0.1f;
    private readonly int _features;
    private readonly float[] _mean, _inverseDeviation, _sumGradient, _sumGradientNormalized, _scaleOverDeviation;
    private Tensor? _normalized, _output, _inputGradient;

    public BatchNorm(int features, string name = "batchnorm", ITensorKernels? kernels = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        _features = features;
        _kernels = kernels ?? ManagedKernels.OneThread;
        Scale = new Parameter(name + ".weight", features);
        Shift = new Parameter(name + ".bias", features);
        RunningMean = new Parameter(name + ".running_mean", features);
        RunningVariance = new Parameter(name + ".running_var", features);
        Array.Fill(Scale.Value, 1f);
        Array.Fill(RunningVariance.Value, 1f);
        _mean = new float[features];
        _inverseDeviation = new float[features];
        _sumGradient = new float[features];
        _sumGradientNormalized = new float[features];
        _scaleOverDeviation = new float[features];
        Parameters = [Scale, Shift];
        State = [RunningMean, RunningVariance];
    }

    public Parameter Scale { get; }
    public Parameter Shift { get; }
    public Parameter RunningMean { get; }
    public Parameter RunningVariance { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    public IReadOnlyList<Parameter> State { get; }

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != _features) throw new ArgumentException($"Batch norm expects {_features} features, got {input.Columns}.", nameof(input));
        int rows = input.Rows;
        Tensor normalized = _normalized = Tensor.Reuse(_normalized, rows, _features);
        Tensor output = _output = Tensor.Reuse(_output, rows, _features);
        if (training)
        {
            if (rows < 2) throw new ArgumentException("Batch norm needs at least 2 rows to train.", nameof(input));
            Array.Clear(_mean);
            ColumnSums.Add(input, _mean, _kernels);
            TensorPrimitives.Multiply(_mean, 1f / rows, _mean);
            float[] variance = _inverseDeviation;
            Array.Clear(variance);
            ColumnSums.CenterAndSquare(input, _mean, normalized, variance, _kernels);
            TensorPrimitives.Multiply(variance, 1f / rows, variance);
            for (int j = 0; j < _features; j++)
            {
                RunningMean.Value[j] = (1 - Momentum) * RunningMean.Value[j] + Momentum * _mean[j];
                RunningVariance.Value[j] = (1 - Momentum) * RunningVariance.Value[j] + Momentum * variance[j] * rows / (rows - 1);
                _inverseDeviation[j] = 1f / MathF.Sqrt(variance[j] + Epsilon);
            }
        }
        else
        {
            for (int j = 0; j < _features; j++) _inverseDeviation[j] = 1f / MathF.Sqrt(RunningVariance.Value[j] + Epsilon);
        }
        // Training has the centred values in place already; evaluation centres on the running mean here.
        _kernels.ForRows(rows, _features, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
            {
                if (!training) TensorPrimitives.Subtract(input.Row(r), RunningMean.Value, normalized.Row(r));
                TensorPrimitives.Multiply(normalized.Row(r), _inverseDeviation, normalized.Row(r));
                TensorPrimitives.FusedMultiplyAdd(normalized.Row(r), Scale.Value, Shift.Value, output.Row(r));
            }
        });
        return output;
    }

    /// <summary>dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)), the gradient through the batch statistics.</summary>
    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor normalized = _normalized ?? throw new InvalidOperationException("Backward before Forward.");
        int rows = normalized.Rows;
        Array.Clear(_sumGradient);
        Array.Clear(_sumGradientNormalized);
        ColumnSums.AddWithProducts(outputGradient, normalized, _sumGradient, _sumGradientNormalized, _kernels);
        TensorPrimitives.Add(Shift.Gradient, _sumGradient, Shift.Gradient);
        TensorPrimitives.Add(Scale.Gradient, _sumGradientNormalized, Scale.Gradient);
        Tensor inputGradient = _inputGradient = Tensor.Reuse(_inputGradient, rows, _features);
        float[] scale = _scaleOverDeviation;
        TensorPrimitives.Multiply(Scale.Value, _inverseDeviation, scale);
        TensorPrimitives.Multiply(_sumGradient, 1f / rows, _sumGradient);
        TensorPrimitives.Multiply(_sumGradientNormalized, 1f / rows, _sumGradientNormalized);
        _kernels.ForRows(rows, _features, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
            {
                Span<float> dx = inputGradient.Row(r);
                TensorPrimitives.Multiply(normalized.Row(r), _sumGradientNormalized, dx);
                TensorPrimitives.Subtract(outputGradient.Row(r), dx, dx);
                TensorPrimitives.Subtract(dx, _sumGradient, dx);
                TensorPrimitives.Multiply(dx, scale, dx);
            }
        });
        return inputGradient;
    }
}
