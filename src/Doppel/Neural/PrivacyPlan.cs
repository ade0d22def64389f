using System.Globalization;
using Doppel.Transforms;

namespace Doppel.Neural;

/// <summary>
/// How a DP-SGD run spends its budget: the sampling rate q = batch/rows, the noise multiplier (given, or the
/// smallest that lets every planned step fit in ε) and the most steps ε allows. With <see cref="Encoder"/> the column
/// encoders' noisy releases come first and their Rényi DP is added to every step's account, and the δ their category
/// selection takes is set aside. Refuses a budget too small for one step.
/// </summary>
public sealed record PrivacyPlan(PrivacyBudget Budget, double SamplingRate, double NoiseMultiplier, long MaxSteps)
{
    /// <summary>The encoders' private releases the budget also covers (null: training only).</summary>
    public EncoderPrivacy? Encoder { get; init; }

    private static double ReleasedSlope(EncoderPrivacy? encoder) => encoder?.RdpSlope ?? 0;

    /// <summary>The δ of the Rényi accounting: the budget's, less what category selection takes.</summary>
    private static double AccountedDelta(PrivacyBudget budget, EncoderPrivacy? encoder) => budget.Delta - (encoder?.SelectionDelta ?? 0);

    /// <summary>
    /// The plan for a whole deep model over the learned columns of <paramref name="metadata"/>: the encoders' noisy
    /// releases at the budget's <see cref="PrivacyBudget.EncoderShare"/>, then the training at the budget's noise
    /// multiplier (or the smallest that fits <paramref name="plannedSteps"/>). <paramref name="declaredCut"/> sets how many
    /// noise deviations a declared category's count must reach (<see cref="EncoderPrivacy.DeclaredCut"/>).
    /// </summary>
    public static PrivacyPlan ForModel(PrivacyBudget budget, Data.Metadata metadata, int rows, int batchSize, long plannedSteps, double declaredCut = EncoderPrivacy.DefaultDeclaredCut)
    {
        ArgumentNullException.ThrowIfNull(budget);
        EncoderPrivacy encoder = EncoderPrivacy.Plan(metadata, budget.Epsilon, budget.Delta, budget.EncoderShare) with { DeclaredCut = declaredCut };
        return Create(budget, rows, batchSize, plannedSteps, budget.NoiseMultiplier, encoder);
    }

    public static PrivacyPlan Create(PrivacyBudget budget, int rows, int batchSize, long plannedSteps, double? noiseMultiplier, EncoderPrivacy? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        double rate = Math.Min(1.0, batchSize / (double)rows);
        double slope = ReleasedSlope(encoder), delta = AccountedDelta(budget, encoder);
        double sigma = noiseMultiplier ?? Calibrate(budget.Epsilon, delta, slope, rate, plannedSteps);
        long maxSteps = RdpAccountant.MaxSteps(sigma, rate, budget.Epsilon, delta, slope);
        if (maxSteps < 1)
            throw new UsageException($"A privacy budget of ε = {budget.Epsilon} (δ = {budget.Delta}) does not cover a single training step at noise multiplier {sigma:G3} and sampling rate {rate:G3}. Raise --epsilon or lower the batch size.");
        return new PrivacyPlan(budget, rate, sigma, maxSteps) { Encoder = encoder };
    }

    /// <summary>The variance the noise adds to each coordinate of a gradient averaged over <paramref name="expectedBatch"/> examples: (σ·C/B)².</summary>
    public double AveragedNoiseVariance(double expectedBatch) => Math.Pow(NoiseMultiplier * Budget.ClipNorm / expectedBatch, 2);

    /// <summary>The ε spent after <paramref name="steps"/> steps (the encoders' releases included).</summary>
    public double Spent(long steps) => RdpAccountant.Epsilon(NoiseMultiplier, SamplingRate, steps, AccountedDelta(Budget, Encoder), ReleasedSlope(Encoder));

    public PrivacySpent Report(long steps, bool exhausted) =>
        new(Spent(steps), Budget.Delta, Budget.Epsilon, NoiseMultiplier, Budget.ClipNorm, SamplingRate, steps, exhausted)
        {
            EncoderNoise = Encoder?.NoiseStd,
            // Written into the model file, so in one culture whatever the machine's.
            Scope = Encoder is { } encoder
                ? string.Create(CultureInfo.InvariantCulture,
                    $"column encoders ({encoder.Share * 100:0.#} % of ε: one histogram per column, two per datetime, with Gaussian noise of σ = {encoder.NoiseStd:G4} on counts; {CategoryScope(encoder)}, numbers binned over their declared bounds) and network training (DP-SGD)")
                : PrivacySpent.TrainingOnlyScope,
        };

    /// <summary>How the encoders chose categories: by selection where the names came from the data, by a cut on the noisy counts where the metadata declared them.</summary>
    private static string CategoryScope(Transforms.EncoderPrivacy encoder)
    {
        string declared = string.Create(CultureInfo.InvariantCulture, $"declared categories kept above {encoder.DeclaredThreshold:G4} noisy rows");
        string selected = string.Create(CultureInfo.InvariantCulture, $"categories kept above {encoder.CategoryThreshold:G4} noisy rows");
        return encoder.DeclaredCategoryLists == 0 ? selected
            : encoder.SelectionDelta == 0 ? declared
            : $"{selected}, {declared}";
    }

    /// <summary>The smallest noise multiplier (to 1%) with which <paramref name="steps"/> steps stay within ε.</summary>
    private static double Calibrate(double epsilon, double delta, double slope, double rate, long steps)
    {
        double low = 0.3, high = 0.6;
        while (RdpAccountant.Epsilon(high, rate, steps, delta, slope) > epsilon && high < 1e4) high *= 2;
        if (RdpAccountant.Epsilon(low, rate, steps, delta, slope) <= epsilon) return low;
        while (high / low > 1.01)
        {
            double middle = Math.Sqrt(low * high);
            if (RdpAccountant.Epsilon(middle, rate, steps, delta, slope) <= epsilon) high = middle;
            else low = middle;
        }
        return high;
    }
}
