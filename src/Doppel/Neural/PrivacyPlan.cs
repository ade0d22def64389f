namespace Doppel.Neural;

/// <summary>
/// How a DP-SGD run spends its budget: the sampling rate q = batch/rows, the noise multiplier (given, or the
/// smallest that lets every planned step fit in ε) and the most steps ε allows. Refuses a budget too small for one step.
/// </summary>
public sealed record PrivacyPlan(PrivacyBudget Budget, double SamplingRate, double NoiseMultiplier, long MaxSteps)
{
    public static PrivacyPlan Create(PrivacyBudget budget, int rows, int batchSize, long plannedSteps, double? noiseMultiplier)
    {
        ArgumentNullException.ThrowIfNull(budget);
        double rate = Math.Min(1.0, batchSize / (double)rows);
        double sigma = noiseMultiplier ?? Calibrate(budget, rate, plannedSteps);
        long maxSteps = RdpAccountant.MaxSteps(sigma, rate, budget.Epsilon, budget.Delta);
        if (maxSteps < 1)
            throw new UsageException($"A privacy budget of ε = {budget.Epsilon} (δ = {budget.Delta}) does not cover a single training step at noise multiplier {sigma:G3} and sampling rate {rate:G3}. Raise --epsilon or lower the batch size.");
        return new PrivacyPlan(budget, rate, sigma, maxSteps);
    }

    /// <summary>The variance the noise adds to each coordinate of a gradient averaged over <paramref name="expectedBatch"/> examples: (σ·C/B)².</summary>
    public double AveragedNoiseVariance(double expectedBatch) => Math.Pow(NoiseMultiplier * Budget.ClipNorm / expectedBatch, 2);

    /// <summary>The ε spent after <paramref name="steps"/> steps.</summary>
    public double Spent(long steps) => RdpAccountant.Epsilon(NoiseMultiplier, SamplingRate, steps, Budget.Delta);

    public PrivacySpent Report(long steps, bool exhausted) =>
        new(Spent(steps), Budget.Delta, Budget.Epsilon, NoiseMultiplier, Budget.ClipNorm, SamplingRate, steps, exhausted);

    /// <summary>The smallest noise multiplier (to 1%) with which <paramref name="steps"/> steps stay within ε.</summary>
    private static double Calibrate(PrivacyBudget budget, double rate, long steps)
    {
        double low = 0.3, high = 0.6;
        while (RdpAccountant.Epsilon(high, rate, steps, budget.Delta) > budget.Epsilon && high < 1e4) high *= 2;
        if (RdpAccountant.Epsilon(low, rate, steps, budget.Delta) <= budget.Epsilon) return low;
        while (high / low > 1.01)
        {
            double middle = Math.Sqrt(low * high);
            if (RdpAccountant.Epsilon(middle, rate, steps, budget.Delta) <= budget.Epsilon) high = middle;
            else low = middle;
        }
        return high;
    }
}
