namespace Doppel.Neural;

/// <summary>
/// Rényi-DP accounting of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar and Zhang, 2019), the
/// "moments accountant" of DP-SGD: for integer orders α the RDP of one step is
/// log(Σₖ C(α,k)(1−q)^(α−k) qᵏ exp((k²−k)/(2σ²)))/(α−1); steps add up; conversion to (ε, δ) uses
/// ε = RDP(α) + log((α−1)/α) − (log δ + log α)/(α−1) (Balle et al., 2020), minimised over α. A release made
/// before training by the plain Gaussian mechanism (sensitivity Δ, noise σ: RDP α·Δ²/2σ²) composes by adding its
/// slope Δ²/2σ² times α (<c>releasedSlope</c>).
/// </summary>
public static class RdpAccountant
{
    private static readonly int[] Orders = [.. Enumerable.Range(2, 63), 72, 80, 96, 112, 128, 160, 192, 256];

    /// <summary>
    /// The ε spent after <paramref name="steps"/> steps at sampling rate q with noise multiplier σ, for δ, on top of
    /// Gaussian releases of total RDP slope <paramref name="releasedSlope"/> (Σ Δ²/2σ²; 0 when there are none).
    /// </summary>
    public static double Epsilon(double noiseMultiplier, double samplingRate, long steps, double delta, double releasedSlope = 0)
    {
        if (!(noiseMultiplier > 0)) throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier, "must be positive.");
        if (!(samplingRate > 0 && samplingRate <= 1)) throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, "must lie in (0, 1].");
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "must lie in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!(releasedSlope >= 0) || double.IsInfinity(releasedSlope)) throw new ArgumentOutOfRangeException(nameof(releasedSlope), releasedSlope, "must be zero or positive.");
        if (steps == 0 && releasedSlope == 0) return 0;
        double best = double.PositiveInfinity;
        foreach (int alpha in Orders)
        {
            double rdp = (steps == 0 ? 0 : steps * StepRdp(noiseMultiplier, samplingRate, alpha)) + alpha * releasedSlope;
            double epsilon = rdp + Math.Log((alpha - 1.0) / alpha) - (Math.Log(delta) + Math.Log(alpha)) / (alpha - 1);
            best = Math.Min(best, epsilon);
        }
        return Math.Max(0, best);
    }

    /// <summary>The largest number of steps whose ε (with the releases of slope <paramref name="releasedSlope"/>) stays within <paramref name="epsilon"/>.</summary>
    public static long MaxSteps(double noiseMultiplier, double samplingRate, double epsilon, double delta, double releasedSlope = 0)
    {
        if (Epsilon(noiseMultiplier, samplingRate, 1, delta, releasedSlope) > epsilon) return 0;
        long low = 1, high = 2;
        while (high < 1L << 40 && Epsilon(noiseMultiplier, samplingRate, high, delta, releasedSlope) <= epsilon) { low = high; high *= 2; }
        while (high - low > 1)
        {
            long middle = low + (high - low) / 2;
            if (Epsilon(noiseMultiplier, samplingRate, middle, delta, releasedSlope) <= epsilon) low = middle;
            else high = middle;
        }
        return low;
    }

    /// <summary>RDP of one step at integer order α.</summary>
    internal static double StepRdp(double sigma, double q, int alpha)
    {
        if (q == 1) return alpha / (2 * sigma * sigma);
        double logQ = Math.Log(q), logOneMinusQ = Math.Log(1 - q);
        double max = double.NegativeInfinity;
        var terms = new double[alpha + 1];
        double logBinomial = 0;
        for (int k = 0; k <= alpha; k++)
        {
            if (k > 0) logBinomial += Math.Log(alpha - k + 1) - Math.Log(k);
            terms[k] = logBinomial + (alpha - k) * logOneMinusQ + k * logQ + (k * (double)k - k) / (2 * sigma * sigma);
            max = Math.Max(max, terms[k]);
        }
        double sum = 0;
        foreach (double t in terms) sum += Math.Exp(t - max);
        return (max + Math.Log(sum)) / (alpha - 1);
    }
}
