using Doppel.Randomness;

namespace Doppel.Statistics;

/// <summary>
/// Exact draws from the standard normal truncated to an interval. Intervals within reach of double precision use
/// the inverse CDF, taken from the tail on the interval's side so that [6, 7] is as exact as [−1, 1];
/// intervals beyond 8 standard deviations use C. P. Robert's rejection samplers (Statistics and Computing 5, 1995):
/// an exponential proposal for wide intervals and a uniform one for narrow intervals, both accepting at least 1/e of the time.
/// </summary>
public static class TruncatedNormalSampler
{
    // Beyond this the tail probability is below 1e-15 and its quantile loses digits; rejection is exact at any depth.
    private const double RejectionThreshold = 8.0;

    /// <summary>A draw from N(0, 1) restricted to [lower, upper]; either bound may be infinite.</summary>
    public static double Sample(Rng rng, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper || double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper))
            throw new ArgumentOutOfRangeException(nameof(lower), $"[{lower}, {upper}] is not an interval a normal draw can fall in; lower must be ≤ upper and neither may be NaN.");
        if (lower == upper) return lower;
        // By symmetry, an interval left of 0 is the mirror of a right-tail problem.
        if (upper <= 0) return -RightSide(rng, -upper, -lower);
        if (lower >= 0) return RightSide(rng, lower, upper);
        return Straddling(rng, lower, upper);
    }

    /// <summary>An interval containing 0: the inverse CDF is precise on both sides.</summary>
    private static double Straddling(Rng rng, double lower, double upper)
    {
        double cdfLower = StandardNormal.Cdf(lower);
        double mass = 1.0 - cdfLower - StandardNormal.Cdf(-upper);
        double u = cdfLower + mass * rng.NextOpenDouble();
        return Math.Clamp(StandardNormal.Quantile(u), lower, upper);
    }

    /// <summary>0 ≤ lower &lt; upper ≤ ∞.</summary>
    private static double RightSide(Rng rng, double lower, double upper)
    {
        if (lower < RejectionThreshold)
        {
            // Work with survival probabilities S(z) = Φ(−z), which keep full relative precision in the tail.
            double survivalLower = StandardNormal.Cdf(-lower);
            double survivalUpper = StandardNormal.Cdf(-upper);
            double q = survivalLower - (survivalLower - survivalUpper) * rng.NextOpenDouble();
            return Math.Clamp(-StandardNormal.Quantile(q), lower, upper);
        }
        if (upper - lower < 1.0 / lower) return UniformRejection(rng, lower, upper);
        return ExponentialRejection(rng, lower, upper);
    }

    /// <summary>Robert's translated-exponential proposal with the optimal rate (a + √(a² + 4)) / 2.</summary>
    private static double ExponentialRejection(Rng rng, double lower, double upper)
    {
        double rate = 0.5 * (lower + Math.Sqrt(lower * lower + 4.0));
        while (true)
        {
            double x = lower - Math.Log(rng.NextOpenDouble()) / rate;
            if (x > upper) continue;
            double d = x - rate;
            if (rng.NextOpenDouble() <= Math.Exp(-0.5 * d * d)) return x;
        }
    }

    /// <summary>A uniform proposal on a narrow interval, accepted with probability exp((a² − x²) / 2).</summary>
    private static double UniformRejection(Rng rng, double lower, double upper)
    {
        while (true)
        {
            double x = lower + (upper - lower) * rng.NextOpenDouble();
            if (rng.NextOpenDouble() <= Math.Exp(-0.5 * (x - lower) * (x + lower))) return x;
        }
    }
}
