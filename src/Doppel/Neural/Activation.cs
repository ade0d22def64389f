using System.Numerics;
using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>The element-wise activations a network can use.</summary>
public enum ActivationKind
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>x for x &gt; 0, else 0.2·x (CTGAN's discriminator slope).</summary>
    LeakyRelu,
    /// <summary>tanh(x).</summary>
    Tanh,
}

/// <summary>An element-wise activation layer (no parameters); <paramref name="kernels"/>, when given, may split a batch's rows across threads.</summary>
public sealed class Activation(ActivationKind kind, float negativeSlope = 0.2f, ITensorKernels? kernels = null) : ILayer
{
    private readonly ITensorKernels _rows = kernels ?? ManagedKernels.OneThread;
    private Tensor? _input, _output, _inputGradient, _spareOutput, _spareInputGradient;

    public ActivationKind Kind { get; } = kind;

    /// <summary>The input of the last forward pass.</summary>
    internal ReadOnlySpan<float> LastInput => _input is null ? default : _input.Data;
    public IReadOnlyList<Parameter> Parameters => [];

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        Tensor output = Tensor.Reuse(ref _output, ref _spareOutput, input.Rows, input.Columns);
        int columns = input.Columns;
        _rows.ForRows(input.Rows, columns, (start, count) =>
        {
            Span<float> y = output.Data.AsSpan(start * columns, count * columns);
            ReadOnlySpan<float> x = input.Data.AsSpan(start * columns, count * columns);
            switch (Kind)
            {
                case ActivationKind.Relu: TensorPrimitives.Max(x, 0f, y); break;
                case ActivationKind.Tanh: TensorPrimitives.Tanh(x, y); break;
                default: Leaky(x, x, y, negativeSlope); break;
            }
        });
        return output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        Tensor inputGradient = Tensor.Reuse(ref _inputGradient, ref _spareInputGradient, input.Rows, input.Columns);
        Tensor output = _output!;
        int columns = input.Columns;
        _rows.ForRows(input.Rows, columns, (start, count) =>
        {
            Range rows = (start * columns)..((start + count) * columns);
            Span<float> dx = inputGradient.Data.AsSpan(rows);
            ReadOnlySpan<float> dy = outputGradient.Data.AsSpan(rows), x = input.Data.AsSpan(rows), y = output.Data.AsSpan(rows);
            switch (Kind)
            {
                case ActivationKind.Relu: Leaky(x, dy, dx, 0f); break;
                case ActivationKind.Tanh:
                    for (int i = 0; i < dx.Length; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
                    break;
                default: Leaky(x, dy, dx, negativeSlope); break;
            }
        });
        return inputGradient;
    }

    /// <summary>target = value where sign &gt; 0, else slope·value (slope 0 gives 0): ReLU's and leaky ReLU's forward and backward, vectorised.</summary>
    private static void Leaky(ReadOnlySpan<float> sign, ReadOnlySpan<float> value, Span<float> target, float slope)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<float>.Zero;
            var factor = new Vector<float>(slope);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(value[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(sign[i..]), zero), v, v * factor).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++) target[i] = sign[i] > 0 ? value[i] : slope * value[i];
    }
}
