using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>Inverted dropout: in training each value is zeroed with probability p (to 1/65,536) and the rest scaled by 1/(1−p); identity otherwise. Masks come from its own seeded generator.</summary>
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
        // Four 16-bit uniforms per 64 random bits: p is met to 1/65,536.
        float keep = 1f / (1 - Probability);
        uint threshold = (uint)Math.Round(Probability * 65536);
        for (int i = 0; i < length; i += 4)
        {
            ulong bits = _rng.NextUInt64();
            for (int k = 0; k < 4 && i + k < length; k++, bits >>= 16) _mask[i + k] = (bits & 0xFFFF) >= threshold ? keep : 0;
        }
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
