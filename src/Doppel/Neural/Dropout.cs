using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>Inverted dropout: in training each value is zeroed with probability p and the rest scaled by 1/(1−p); identity otherwise. Masks come from its own seeded generator.</summary>
public sealed class Dropout : ILayer
{
    private readonly Rng _rng;
    private float[] _mask = [];
    private Tensor? _output, _inputGradient;
    private bool _trained;

    public Dropout(float probability, Rng rng)
    {
        if (!(probability >= 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");
        ArgumentNullException.ThrowIfNull(rng);
        Probability = probability;
        _rng = rng;
    }

    public float Probability { get; }
    public IReadOnlyList<Parameter> Parameters => [];

    /// <summary>The mask of the last training pass (1/(1−p) or 0 per value).</summary>
    internal ReadOnlySpan<float> Mask => _mask;

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _trained = training && Probability > 0;
        if (!_trained) return input;
        int length = input.Data.Length;
        if (_mask.Length != length) _mask = new float[length];
        float keep = 1f / (1 - Probability);
        for (int i = 0; i < length; i++) _mask[i] = _rng.NextDouble() >= Probability ? keep : 0;
        _output = Tensor.Reuse(_output, input.Rows, input.Columns);
        System.Numerics.Tensors.TensorPrimitives.Multiply(input.Data, _mask, _output.Data);
        return _output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!_trained) return outputGradient;
        _inputGradient = Tensor.Reuse(_inputGradient, outputGradient.Rows, outputGradient.Columns);
        System.Numerics.Tensors.TensorPrimitives.Multiply(outputGradient.Data, _mask, _inputGradient.Data);
        return _inputGradient;
    }
}
