using System.Text.Json;
using Doppel.Models;

namespace Doppel.Neural;

/// <summary>What a DP-SGD training spent: the (ε, δ) guarantee reached, how it was obtained, and whether the budget cut training short.</summary>
public sealed record PrivacySpent(double Epsilon, double Delta, double EpsilonBudget, double NoiseMultiplier, double ClipNorm, double SamplingRate, long Steps, bool BudgetExhausted)
{
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
        writer.WriteString("accountant", "rdp-poisson-gaussian");
        // Honest scope: the column encoders (modes, categories and their counts, ranges) are fitted on the real data without noise.
        writer.WriteString("scope", "network training (DP-SGD); the column encoders' statistics are not privatised");
        writer.WriteEndObject();
    }

    public static PrivacySpent Read(JsonElement element) => new(
        ModelJson.Double(element, "epsilon"), ModelJson.Double(element, "delta"), ModelJson.Double(element, "epsilonBudget"),
        ModelJson.Double(element, "noiseMultiplier"), ModelJson.Double(element, "clipNorm"), ModelJson.Double(element, "samplingRate"),
        ModelJson.Long(element, "steps"), ModelJson.Property(element, "budgetExhausted").GetBoolean());
}
