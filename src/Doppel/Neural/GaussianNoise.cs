using System.Numerics.Tensors;
using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>
/// Standard normal float32 noise in bulk (the generator's input, TVAE's reparameterisation): Box–Muller on
/// 24-bit uniforms with the logarithm, square root and sine/cosine done by vectorised primitives, a few
/// times faster than drawing one double at a time. Deterministic: the values depend only on the generator's state.
/// </summary>
public static class GaussianNoise
{
    private const int Chunk = 256;

    /// <summary>Fills <paramref name="target"/> with independent N(0, 1) values.</summary>
    public static void Fill(Span<float> target, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<float> radius = stackalloc float[Chunk], angle = stackalloc float[Chunk], sine = stackalloc float[Chunk], cosine = stackalloc float[Chunk];
        const float unit = 1f / (1 << 24);
        while (!target.IsEmpty)
        {
            int pairs = Math.Min(Chunk, (target.Length + 1) / 2);
            for (int i = 0; i < pairs; i++)
            {
                ulong bits = rng.NextUInt64();
                radius[i] = ((uint)(bits >> 40) + 1) * unit;        // (0, 1]
                angle[i] = (uint)((bits >> 8) & 0xFFFFFF) * unit;   // [0, 1)
            }
            Span<float> r = radius[..pairs], a = angle[..pairs], s = sine[..pairs], c = cosine[..pairs];
            TensorPrimitives.Log(r, r);
            TensorPrimitives.Multiply(r, -2f, r);
            TensorPrimitives.Sqrt(r, r);
            TensorPrimitives.Multiply(a, 2 * MathF.PI, a);
            TensorPrimitives.SinCos(a, s, c);
            int first = Math.Min(pairs, target.Length);
            TensorPrimitives.Multiply(r[..first], c[..first], target[..first]);
            target = target[first..];
            int second = Math.Min(pairs, target.Length);
            TensorPrimitives.Multiply(r[..second], s[..second], target[..second]);
            target = target[second..];
        }
    }
}
