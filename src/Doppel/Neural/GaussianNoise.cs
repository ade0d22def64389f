using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>
/// Standard normal float32 noise in bulk (the generator's input, TVAE's reparameterisation), by Marsaglia's polar
/// method: one logarithm per pair of values and no trigonometry. Deterministic: the values depend only on the
/// generator's state.
/// </summary>
public static class GaussianNoise
{
    /// <summary>Fills <paramref name="target"/> with independent N(0, 1) values.</summary>
    public static void Fill(Span<float> target, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        const double unit = 2.0 / (1UL << 53);
        int i = 0;
        while (i < target.Length)
        {
            double u = (rng.NextUInt64() >> 11) * unit - 1, v = (rng.NextUInt64() >> 11) * unit - 1;
            double s = u * u + v * v;
            if (s >= 1 || s == 0) continue;
            double factor = Math.Sqrt(-2 * Math.Log(s) / s);
            target[i++] = (float)(u * factor);
            if (i < target.Length) target[i++] = (float)(v * factor);
        }
    }
}
