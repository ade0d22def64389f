using Doppel.Data;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Neural;
using Doppel.Synthesizers.BayesianNetwork;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Tvae;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Cli.Commands;

/// <summary>Turns option strings into library values, with usage errors that list what is allowed.</summary>
internal static class CliInputs
{
    public static CsvReadOptions ReadOptions(string? delimiter) => delimiter switch
    {
        null => new CsvReadOptions(),
        "tab" or "\\t" => new CsvReadOptions { Delimiter = '\t' },
        { Length: 1 } d => new CsvReadOptions { Delimiter = d[0] },
        _ => throw new UsageException($"--delimiter \"{delimiter}\" must be one character (e.g. ',', ';', '|') or 'tab'."),
    };

    public static ISynthesizer Synthesizer(string name, string distribution, TrainingRequest? training = null)
    {
        SynthesizerKind kind = SynthesizerRegistry.Parse(name);
        Distribution family = DistributionNames.Parse(distribution)
            ?? throw new UsageException($"Unknown distribution '{distribution}'. Available: {string.Join(", ", DistributionNames.All)}.");
        training ??= new TrainingRequest();
        if (kind is not (SynthesizerKind.Ctgan or SynthesizerKind.Tvae or SynthesizerKind.BayesNet) && !training.IsEmpty)
            throw new UsageException($"--epochs, --patience, --set, --epsilon and --delta do not apply to {SynthesizerRegistry.NameOf(kind)}: add --synthesizer ctgan or tvae (epochs, settings, ε and δ) or bayesnet (ε alone).");
        if (kind == SynthesizerKind.BayesNet)
        {
            if (training.Epochs is not null || training.Patience is not null || training.Settings.Count > 0)
                throw new UsageException("--epochs, --patience and --set apply to ctgan and tvae; bayesnet does not train in epochs. Leave them out.");
            // PrivBayes is pure ε-DP: a δ would promise a weaker guarantee than the one given, or suggest a different mechanism.
            if (training.Delta is not null) throw new UsageException("bayesnet is differentially private with δ = 0 (pure ε-DP, PrivBayes): give --epsilon alone and leave out --delta.");
            return new BayesNetSynthesizer(new BayesNetOptions { Epsilon = training.Epsilon });
        }
        return kind switch
        {
            SynthesizerKind.GaussianCopula => new GaussianCopulaSynthesizer(new GaussianCopulaOptions { DefaultDistribution = family }),
            SynthesizerKind.Ctgan => new CtganSynthesizer(DeepSettings.Apply(new CtganOptions { Privacy = training.DeepPrivacy(), Epochs = training.Epochs ?? new CtganOptions().Epochs, EarlyStoppingPatience = training.Patience }, training.Settings)),
            SynthesizerKind.Tvae => new TvaeSynthesizer(DeepSettings.Apply(new TvaeOptions { Privacy = training.DeepPrivacy(), Epochs = training.Epochs ?? new TvaeOptions().Epochs, EarlyStoppingPatience = training.Patience }, training.Settings)),
            _ => SynthesizerRegistry.Create(kind),
        };
    }

    /// <summary>The request from -n and --condition, or from a --conditions file (which then gives the counts).</summary>
    public static SamplingRequest Request(long? rows, long seed, string[]? conditions, string? conditionsFile, string? shard, string locale, int threads)
    {
        SamplingRequest request;
        if (conditionsFile is not null)
        {
            if (rows is not null) throw new UsageException("--conditions gives the number of rows of each group; leave out -n.");
            if (conditions is { Length: > 0 }) throw new UsageException("Use either --condition or --conditions, not both; put every condition in the file.");
            request = new SamplingRequest(ConditionFile.Read(conditionsFile));
        }
        else
        {
            request = new SamplingRequest(rows ?? throw new UsageException("Give the number of rows with -n (or a --conditions file with counts)."))
            {
                Conditions = new ConditionSet((conditions ?? []).Select(Condition.Parse)),
            };
        }
        return request with
        {
            Seed = seed,
            Shard = shard is null ? Shard.Whole : Shard.Parse(shard),
            Locale = locale,
            MaxThreads = threads,
        };
    }
}
