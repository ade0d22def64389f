using Doppel.Randomness;

namespace Doppel.Privacy;

/// <summary>
/// The Laplace mechanism of pure ε-differential privacy: a query of L1 sensitivity Δ answered with noise
/// Lap(Δ/ε) is ε-DP. The noise has mean 0 and variance 2(Δ/ε)².
/// </summary>
public static class LaplaceMechanism
{
    /// <summary>The noise scale b = Δ/ε for a query of L1 sensitivity <paramref name="sensitivity"/> spending <paramref name="epsilon"/>.</summary>
    public static double Scale(double sensitivity, double epsilon)
    {
        if (!(sensitivity > 0) || double.IsInfinity(sensitivity)) throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "must be a positive number.");
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "must be a positive number.");
        return sensitivity / epsilon;
    }

    /// <summary>One draw of Laplace(0, <paramref name="scale"/>) by inversion of its CDF.</summary>
    public static double Noise(Rng rng, double scale)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double u = rng.NextOpenDouble() - 0.5;
        return -scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }

    /// <summary>Adds independent Laplace(0, <paramref name="scale"/>) noise to every count, in place.</summary>
    public static void AddNoise(Span<double> counts, double scale, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < counts.Length; i++) counts[i] += Noise(rng, scale);
    }
}
