using System.Text.Json.Nodes;
using Doppel.Neural;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Synthesizers;

/// <summary>The options of the deep synthesizers as saved in a model's manifest.</summary>
internal static class NeuralOptionsJson
{
    public static JsonObject Tvae(TvaeOptions options) => new()
    {
        ["epochs"] = options.Epochs,
        ["batchSize"] = options.BatchSize,
        ["embeddingDimension"] = options.EmbeddingDimension,
        ["compressDimensions"] = Sizes(options.CompressDimensions),
        ["decompressDimensions"] = Sizes(options.DecompressDimensions),
        ["lossFactor"] = options.LossFactor,
        ["weightDecay"] = options.WeightDecay,
        ["learningRate"] = options.LearningRate,
        ["privateLearningRate"] = options.PrivateLearningRate,
        ["earlyStoppingPatience"] = options.EarlyStoppingPatience,
        ["precision"] = PrecisionKernels.Name(options.Precision),
        ["privacy"] = Privacy(options.Privacy),
    };

    public static JsonObject Ctgan(CtganOptions options) => new()
    {
        ["epochs"] = options.Epochs,
        ["batchSize"] = options.BatchSize,
        ["embeddingDimension"] = options.EmbeddingDimension,
        ["generatorDimensions"] = Sizes(options.GeneratorDimensions),
        ["discriminatorDimensions"] = Sizes(options.DiscriminatorDimensions),
        ["pac"] = options.Pac,
        ["learningRate"] = options.LearningRate,
        ["weightDecay"] = options.WeightDecay,
        ["generatorLearningRate"] = options.GeneratorLearningRate,
        ["discriminatorLearningRate"] = options.DiscriminatorLearningRate,
        ["generatorWeightDecay"] = options.GeneratorWeightDecay,
        ["discriminatorWeightDecay"] = options.DiscriminatorWeightDecay,
        ["logFrequency"] = options.LogFrequency,
        ["discriminatorSteps"] = options.DiscriminatorSteps,
        ["gradientPenalty"] = options.GradientPenalty,
        ["earlyStoppingPatience"] = options.EarlyStoppingPatience,
        ["precision"] = PrecisionKernels.Name(options.Precision),
        ["privacy"] = Privacy(options.Privacy),
    };

    public static JsonArray Sizes(IReadOnlyList<int> sizes) => [.. sizes.Select(s => (JsonNode)s)];

    public static JsonObject? Privacy(PrivacyBudget? budget) => budget is null ? null : new JsonObject
    {
        ["epsilon"] = budget.Epsilon,
        ["delta"] = budget.Delta,
        ["clipNorm"] = budget.ClipNorm,
        ["noiseMultiplier"] = budget.NoiseMultiplier,
        ["encoderShare"] = budget.EncoderShare,
    };
}
