using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>Adam (Kingma and Ba) with PyTorch's L2 weight decay (decay·θ added to the gradient) and bias correction.</summary>
public sealed class Adam
{
    private readonly Parameter[] _parameters;
    private readonly float[][] _first, _second;
    private readonly float[] _scratch;
    private int _step;

    public Adam(IEnumerable<Parameter> parameters, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float weightDecay = 0, float epsilon = 1e-8f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        _parameters = [.. parameters];
        _first = [.. _parameters.Select(p => new float[p.Value.Length])];
        _second = [.. _parameters.Select(p => new float[p.Value.Length])];
        _scratch = new float[_parameters.Length == 0 ? 0 : _parameters.Max(p => p.Value.Length)];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        WeightDecay = weightDecay;
        Epsilon = epsilon;
    }

    public float LearningRate { get; }
    public float Beta1 { get; }
    public float Beta2 { get; }
    public float WeightDecay { get; }
    public float Epsilon { get; }

    /// <summary>Clears every gradient before a new backward pass.</summary>
    public void ZeroGradients()
    {
        foreach (Parameter p in _parameters) p.ClearGradient();
    }

    /// <summary>One update from the accumulated gradients.</summary>
    public void Step()
    {
        _step++;
        float correction1 = 1 - MathF.Pow(Beta1, _step);
        float correction2 = 1 - MathF.Pow(Beta2, _step);
        float stepSize = LearningRate / correction1;
        float rootCorrection2 = MathF.Sqrt(correction2);
        for (int i = 0; i < _parameters.Length; i++)
        {
            Span<float> value = _parameters[i].Value, gradient = _parameters[i].Gradient, m = _first[i], v = _second[i];
            Span<float> scratch = _scratch.AsSpan(0, value.Length);
            if (WeightDecay != 0) TensorPrimitives.MultiplyAdd(value, WeightDecay, gradient, gradient);
            // m = β1·m + (1−β1)·g ; v = β2·v + (1−β2)·g²
            TensorPrimitives.Multiply(m, Beta1, m);
            TensorPrimitives.MultiplyAdd(gradient, 1 - Beta1, m, m);
            TensorPrimitives.Multiply(v, Beta2, v);
            TensorPrimitives.Multiply(gradient, gradient, scratch);
            TensorPrimitives.MultiplyAdd(scratch, 1 - Beta2, v, v);
            // θ −= lr/c1 · m / (√v/√c2 + ε)
            TensorPrimitives.Sqrt(v, scratch);
            TensorPrimitives.Multiply(scratch, 1 / rootCorrection2, scratch);
            TensorPrimitives.Add(scratch, Epsilon, scratch);
            TensorPrimitives.Divide(m, scratch, scratch);
            TensorPrimitives.MultiplyAdd(scratch, -stepSize, value, value);
        }
    }
}
