using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>
/// An ε-differentially private range for a datetime column, which metadata cannot bound: a Laplace histogram of the
/// values' years over the public span 1900–2100, then the first and last years whose noisy count clears a threshold
/// (post-processing, so the whole search costs ε). A threshold of b·ln(years/0.05) keeps the chance that any empty
/// year's noise alone clears it under 5%.
/// </summary>
internal static class PrivateDateRange
{
    private const int FirstYear = 1900, Years = 200;

    public static (double Low, double High) Find(double[] seconds, double epsilon, Rng rng)
    {
        var counts = new double[Years];
        foreach (double s in seconds)
        {
            if (double.IsNaN(s)) continue;
            int year = new DateTime((long)(s * TimeSpan.TicksPerSecond)).Year - FirstYear;
            counts[Math.Clamp(year, 0, Years - 1)]++;
        }
        double scale = LaplaceMechanism.Scale(2, epsilon);
        LaplaceMechanism.AddNoise(counts, scale, rng);
        double threshold = scale * Math.Log(Years / 0.05);
        int first = Array.FindIndex(counts, c => c > threshold), last = Array.FindLastIndex(counts, c => c > threshold);
        if (first < 0) (first, last) = (0, Years - 1);
        return (Seconds(FirstYear + first), Seconds(FirstYear + last + 1));
    }

    private static double Seconds(int year) => new DateTime(year, 1, 1).Ticks / (double)TimeSpan.TicksPerSecond;
}
