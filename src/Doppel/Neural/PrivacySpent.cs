using System.Text.Json;
using Doppel.Models;

namespace Doppel.Neural;

/// <summary>What a DP-SGD training spent: the (ε, δ) guarantee reached, how it was obtained, and whether the budget cut training short.</summary>
public sealed record PrivacySpent(double Epsilon, double Delta, double EpsilonBudget, double NoiseMultiplier, double ClipNorm, double SamplingRate, long Steps, bool BudgetExhausted)
{
    private const string SgdAccountant = "rdp-poisson-gaussian";

    /// <summary>
    /// The scope of a guarantee that covers the training only: models saved before the encoders were fitted privately
    /// hold column encoders (modes, categories and their counts, ranges) fitted on the real data without noise.
    /// </summary>
    public const string TrainingOnlyScope = "network training (DP-SGD); the column encoders' statistics are not privatised";

    /// <summary>How ε was accounted for (DP-SGD: Rényi DP of the Poisson-subsampled Gaussian mechanism).</summary>
    public string Accountant { get; init; } = SgdAccountant;

    /// <summary>What the guarantee covers, and what it does not.</summary>
    public string Scope { get; init; } = TrainingOnlyScope;

    /// <summary>The standard deviation of the Gaussian noise on the column encoders' counts; null when they were not fitted privately.</summary>
    public double? EncoderNoise { get; init; }

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("epsilon", Epsilon);
        writer.WriteNumber("delta", Delta);
        writer.WriteNumber("epsilonBudget", EpsilonBudget);
        writer.WriteNumber("noiseMultiplier", NoiseMultiplier);
        writer.WriteNumber("clipNorm", ClipNorm);
        writer.WriteNumber("samplingRate", SamplingRate);
        writer.WriteNumber("steps", Steps);
        writer.WriteBoolean("budgetExhausted", BudgetExhausted);
        writer.WriteString("accountant", Accountant);
        writer.WriteString("scope", Scope);
        if (EncoderNoise is double noise) writer.WriteNumber("encoderNoise", noise);
        writer.WriteEndObject();
    }

    public static PrivacySpent Read(JsonElement element) => new(
        ModelJson.Double(element, "epsilon"), ModelJson.Double(element, "delta"), ModelJson.Double(element, "epsilonBudget"),
        ModelJson.Double(element, "noiseMultiplier"), ModelJson.Double(element, "clipNorm"), ModelJson.Double(element, "samplingRate"),
        ModelJson.Long(element, "steps"), ModelJson.Property(element, "budgetExhausted").GetBoolean())
    {
        Accountant = ModelJson.Has(element, "accountant") ? ModelJson.String(element, "accountant") : SgdAccountant,
        Scope = ModelJson.Has(element, "scope") ? ModelJson.String(element, "scope") : TrainingOnlyScope,
        EncoderNoise = ModelJson.Has(element, "encoderNoise") ? ModelJson.Double(element, "encoderNoise") : null,
    };
}
