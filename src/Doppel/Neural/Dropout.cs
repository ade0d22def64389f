using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>Inverted dropout: in training each value is zeroed with probability p (to 1/65,536) and the rest scaled by 1/(1−p); identity otherwise. Masks come from its own seeded generator.</summary>
public sealed class Dropout : ILayer
{
    private readonly Rng _rng;
    private readonly ITensorKernels _kernels;
    private float[] _mask = [], _spareMask = [];
    private ulong[] _bits = [];
    private Tensor? _output, _inputGradient, _spareOutput, _spareInputGradient;
    private bool _trained;

    /// <summary>A dropout layer drawing its masks from <paramref name="rng"/>; <paramref name="kernels"/>, when given, may split the masking of a batch's rows across threads.</summary>
    public Dropout(float probability, Rng rng, ITensorKernels? kernels = null)
    {
        _kernels = kernels ?? ManagedKernels.OneThread;
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
        if (_mask.Length != length) (_mask, _spareMask) = (_spareMask.Length == length ? _spareMask : new float[length], _mask);
        FillMask(_mask, _rng, Probability, ref _bits);
        Tensor output = Tensor.Reuse(ref _output, ref _spareOutput, input.Rows, input.Columns);
        ApplyMask(input, output);
        return output;
    }

    /// <summary>
    /// Four 16-bit uniforms per 64 random bits, lowest first: value i is kept (1/(1−p)) when its uniform is at least
    /// p·65,536, so p is met to 1/65,536. The comparisons run eight at a time; the draws are the same as one by one.
    /// </summary>
    internal static void FillMask(Span<float> mask, Rng rng, float probability, ref ulong[] bits)
    {
        int words = (mask.Length + 3) / 4;
        if (bits.Length < words) bits = new ulong[words];
        rng.Fill(bits.AsSpan(0, words));
        // On a little-endian machine the 16-bit halves of each word come lowest first, as the shifts would take them.
        ReadOnlySpan<ushort> uniforms = BitConverter.IsLittleEndian ? MemoryMarshal.Cast<ulong, ushort>(bits.AsSpan(0, words)) : Unpacked(bits.AsSpan(0, words));
        float keep = 1f / (1 - probability);
        int threshold = (int)Math.Round(probability * 65536);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<int> limit = Vector256.Create(threshold);
            Vector256<float> kept = Vector256.Create(keep);
            for (; i <= mask.Length - 8; i += 8)
            {
                Vector256<int> u = Vector256.WidenLower(Vector256.Create(Vector128.Create(uniforms.Slice(i, 8)), Vector128<ushort>.Zero)).AsInt32();
                (Vector256.GreaterThanOrEqual(u, limit).AsSingle() & kept).CopyTo(mask.Slice(i, 8));
            }
        }
        for (; i < mask.Length; i++) mask[i] = uniforms[i] >= threshold ? keep : 0;
    }

    private static ushort[] Unpacked(ReadOnlySpan<ulong> words)
    {
        var uniforms = new ushort[words.Length * 4];
        for (int w = 0; w < words.Length; w++)
            for (int k = 0; k < 4; k++) uniforms[4 * w + k] = (ushort)(words[w] >> (16 * k));
        return uniforms;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!_trained) return outputGradient;
        Tensor inputGradient = Tensor.Reuse(ref _inputGradient, ref _spareInputGradient, outputGradient.Rows, outputGradient.Columns);
        ApplyMask(outputGradient, inputGradient);
        return inputGradient;
    }

    /// <summary>target = source ∘ mask, split by rows where the kernels allow.</summary>
    private void ApplyMask(Tensor source, Tensor target)
    {
        int columns = source.Columns;
        float[] mask = _mask;
        void Rows(int start, int count)
        {
            Range range = (start * columns)..((start + count) * columns);
            System.Numerics.Tensors.TensorPrimitives.Multiply(source.Data.AsSpan(range), mask.AsSpan(range), target.Data.AsSpan(range));
        }
        _kernels.ForRows(source.Rows, columns, Rows);
    }
}
