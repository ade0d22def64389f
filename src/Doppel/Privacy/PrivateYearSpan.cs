using Doppel.Randomness;

namespace Doppel.Privacy;

/// <summary>
/// A differentially private span for a datetime column, which metadata cannot bound: a noisy histogram of the values'
/// years over the public span 1900–2100 (values outside count in the end years), then from the first to the end of the
/// last year whose noisy count clears a threshold (post-processing, so the span costs only the histogram's noise); the
/// whole public span when no year does. Adding or removing a row changes one count.
/// </summary>
internal static class PrivateYearSpan
{
    private const int FirstYear = 1900, Years = 200;

    /// <summary>
    /// With Laplace noise spending <paramref name="epsilon"/> (ε-DP; a changed row moves two counts, so the scale is 2/ε).
    /// The threshold b·ln(years/0.05) keeps the chance that any empty year's noise alone clears it under 5 %.
    /// </summary>
    public static (double Low, double High) Laplace(double[] seconds, double epsilon, Rng rng)
    {
        double scale = LaplaceMechanism.Scale(2, epsilon);
        return Find(seconds, counts => LaplaceMechanism.AddNoise(counts, scale, rng), scale * Math.Log(Years / 0.05));
    }

    /// <summary>With Gaussian noise of standard deviation <paramref name="noiseStd"/> (accounted by the caller), years clearing 3σ.</summary>
    public static (double Low, double High) Gaussian(double[] seconds, double noiseStd, Rng rng) =>
        Find(seconds, counts => { for (int i = 0; i < counts.Length; i++) counts[i] += noiseStd * rng.NextGaussian(); }, 3 * noiseStd);

    private static (double Low, double High) Find(double[] seconds, Action<double[]> addNoise, double threshold)
    {
        var counts = new double[Years];
        foreach (double s in seconds)
        {
            if (double.IsNaN(s)) continue;
            long ticks = (long)Math.Clamp(s * TimeSpan.TicksPerSecond, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            counts[Math.Clamp(new DateTime(ticks).Year - FirstYear, 0, Years - 1)]++;
        }
        addNoise(counts);
        int first = Array.FindIndex(counts, c => c > threshold), last = Array.FindLastIndex(counts, c => c > threshold);
        if (first < 0) (first, last) = (0, Years - 1);
        return (Seconds(FirstYear + first), Seconds(FirstYear + last + 1));
    }

    private static double Seconds(int year) => new DateTime(year, 1, 1).Ticks / (double)TimeSpan.TicksPerSecond;
}
