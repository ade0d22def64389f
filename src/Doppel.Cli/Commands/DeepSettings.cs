using System.Globalization;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>--set name=value</c> for ctgan and tvae: any training setting by the name the model's manifest shows
/// (<c>doppel info</c>), e.g. <c>--set batchSize=1000 --set generatorDimensions=128,128</c>, as SDV's constructor
/// arguments do. A setting given twice, an unknown name or a value the setting refuses is a usage error that says which.
/// </summary>
internal static class DeepSettings
{
    private static readonly string[] CtganNames = ["batchSize", "embeddingDimension", "generatorDimensions", "discriminatorDimensions", "pac", "learningRate", "weightDecay", "generatorLearningRate", "discriminatorLearningRate", "generatorWeightDecay", "discriminatorWeightDecay", "logFrequency", "discriminatorSteps", "gradientPenalty", "precision", "encoderShare"];
    private static readonly string[] TvaeNames = ["batchSize", "embeddingDimension", "compressDimensions", "decompressDimensions", "lossFactor", "learningRate", "privateLearningRate", "weightDecay", "precision", "encoderShare"];

    public static CtganOptions Apply(CtganOptions options, IReadOnlyList<string> settings)
    {
        foreach ((string name, string value) in Parse(settings, "ctgan", CtganNames))
            options = Checked(name, value, () => name switch
            {
                "batchSize" => options with { BatchSize = Integer(name, value) },
                "embeddingDimension" => options with { EmbeddingDimension = Integer(name, value) },
                "generatorDimensions" => options with { GeneratorDimensions = Sizes(name, value) },
                "discriminatorDimensions" => options with { DiscriminatorDimensions = Sizes(name, value) },
                "pac" => options with { Pac = Integer(name, value) },
                "learningRate" => options with { LearningRate = Number(name, value) },
                "weightDecay" => options with { WeightDecay = Number(name, value) },
                "generatorLearningRate" => options with { GeneratorLearningRate = Number(name, value) },
                "discriminatorLearningRate" => options with { DiscriminatorLearningRate = Number(name, value) },
                "generatorWeightDecay" => options with { GeneratorWeightDecay = Number(name, value) },
                "discriminatorWeightDecay" => options with { DiscriminatorWeightDecay = Number(name, value) },
                "logFrequency" => options with { LogFrequency = Boolean(name, value) },
                "discriminatorSteps" => options with { DiscriminatorSteps = Integer(name, value) },
                "precision" => options with { Precision = Precision(name, value) },
                "encoderShare" => options with { Privacy = Private(options.Privacy, name, value) },
                _ => options with { GradientPenalty = Number(name, value) },
            });
        return options;
    }

    public static TvaeOptions Apply(TvaeOptions options, IReadOnlyList<string> settings)
    {
        foreach ((string name, string value) in Parse(settings, "tvae", TvaeNames))
            options = Checked(name, value, () => name switch
            {
                "batchSize" => options with { BatchSize = Integer(name, value) },
                "embeddingDimension" => options with { EmbeddingDimension = Integer(name, value) },
                "compressDimensions" => options with { CompressDimensions = Sizes(name, value) },
                "decompressDimensions" => options with { DecompressDimensions = Sizes(name, value) },
                "lossFactor" => options with { LossFactor = Number(name, value) },
                "learningRate" => options with { LearningRate = Number(name, value) },
                "privateLearningRate" => options with { PrivateLearningRate = Number(name, value) },
                "precision" => options with { Precision = Precision(name, value) },
                "encoderShare" => options with { Privacy = Private(options.Privacy, name, value) },
                _ => options with { WeightDecay = Number(name, value) },
            });
        return options;
    }

    private static List<(string Name, string Value)> Parse(IReadOnlyList<string> settings, string synthesizer, string[] names)
    {
        var parsed = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string setting in settings)
        {
            int equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == setting.Length - 1)
                throw new UsageException($"--set \"{setting}\" must be name=value, e.g. --set batchSize=1000.");
            string name = setting[..equals].Trim(), value = setting[(equals + 1)..].Trim();
            if (Array.IndexOf(names, name) < 0)
            {
                string hint = name is "epochs" or "earlyStoppingPatience" or "privacy" ? " Epochs, early stopping and privacy have their own options: --epochs, --patience, --epsilon and --delta." : "";
                throw new UsageException($"--set {name}: {synthesizer} has no setting of that name. Its settings: {string.Join(", ", names)}.{hint}");
            }
            if (!seen.Add(name)) throw new UsageException($"--set {name} is given twice; give each setting once.");
            parsed.Add((name, value));
        }
        return parsed;
    }

    /// <summary>Runs a setter, turning the options' own range checks into usage errors that name the setting.</summary>
    private static T Checked<T>(string name, string value, Func<T> apply)
    {
        try { return apply(); }
        catch (ArgumentException error)
        {
            string reason = error is ArgumentOutOfRangeException { Message: var message } ? message.Split(" (Parameter")[0].Split(Environment.NewLine)[0] : error.Message;
            throw new UsageException($"--set {name}={value}: {reason}");
        }
    }

    /// <summary>The budget with the encoders' share of ε set; a share needs a budget (--epsilon and --delta) to be a share of.</summary>
    private static Doppel.Neural.PrivacyBudget Private(Doppel.Neural.PrivacyBudget? budget, string name, string value) =>
        budget is null
            ? throw new UsageException($"--set {name}={value}: {name} is the share of ε the column encoders take, so it needs --epsilon and --delta.")
            : budget with { EncoderShare = Number(name, value) };

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed
        : throw new UsageException($"--set {name}={value}: {name} takes a whole number.");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed
        : throw new UsageException($"--set {name}={value}: {name} takes a number (e.g. 2e-4).");

    private static bool Boolean(string name, string value) => value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new UsageException($"--set {name}={value}: {name} takes true or false."),
    };

    /// <summary>float32 or bfloat16; bfloat16 only where this machine can train with it (the CPU and the native kernel), so a fit that cannot run is refused before any data is read.</summary>
    private static Doppel.Neural.Precision Precision(string name, string value)
    {
        if (!Doppel.Neural.PrecisionKernels.TryParse(value, out Doppel.Neural.Precision precision))
            throw new UsageException($"--set {name}={value}: {name} takes float32 or bfloat16.");
        if (precision == Doppel.Neural.Precision.BFloat16 && Doppel.Neural.Bf16Kernels.Unavailable is { } reason)
            throw new UsageException($"--set {name}={value}: {reason}");
        return precision;
    }

    private static int[] Sizes(string name, string value)
    {
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]))
                throw new UsageException($"--set {name}={value}: {name} takes layer sizes separated by commas, e.g. 256,256.");
        return sizes;
    }
}
