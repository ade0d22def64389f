using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Models;
using Doppel.Synthesizers.Baselines;
using Doppel.Synthesizers.Cart;
using Doppel.Synthesizers.BayesianNetwork;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Synthesizers;

/// <summary>Every synthesizer family by name: how to build it from saved options and how to restore a fitted model. No reflection.</summary>
public static class SynthesizerRegistry
{
    private static readonly (SynthesizerKind Kind, string Name)[] Names =
    [
        (SynthesizerKind.GaussianCopula, "gaussian-copula"),
        (SynthesizerKind.Ctgan, "ctgan"),
        (SynthesizerKind.Tvae, "tvae"),
        (SynthesizerKind.Cart, "cart"),
        (SynthesizerKind.Independent, "independent"),
        (SynthesizerKind.Uniform, "uniform"),
        (SynthesizerKind.BayesNet, "bayesnet"),
    ];

    /// <summary>Every synthesizer name, for help and error messages.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The name of a kind, as used on the command line and in model files.</summary>
    public static string NameOf(SynthesizerKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>The kind with this name; throws listing the known names.</summary>
    public static SynthesizerKind Parse(string name)
    {
        foreach ((SynthesizerKind kind, string text) in Names)
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) return kind;
        throw new UsageException($"Unknown synthesizer '{name}'. Available: {string.Join(", ", All)}.");
    }

    /// <summary>A synthesizer of this kind with default options.</summary>
    public static ISynthesizer Create(SynthesizerKind kind) => kind switch
    {
        SynthesizerKind.GaussianCopula => new GaussianCopulaSynthesizer(),
        SynthesizerKind.Ctgan => new CtganSynthesizer(),
        SynthesizerKind.Tvae => new TvaeSynthesizer(),
        SynthesizerKind.Cart => new CartSynthesizer(),
        SynthesizerKind.Independent => new IndependentSynthesizer(),
        SynthesizerKind.Uniform => new UniformSynthesizer(),
        SynthesizerKind.BayesNet => new BayesNetSynthesizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The options of a synthesizer as they are saved in a model's manifest.</summary>
    public static JsonObject OptionsOf(ISynthesizer synthesizer) => synthesizer switch
    {
        GaussianCopulaSynthesizer copula => new JsonObject
        {
            ["defaultDistribution"] = DistributionNames.ToName(copula.Options.DefaultDistribution),
            ["empiricalThreshold"] = copula.Options.EmpiricalThreshold,
        },
        CtganSynthesizer ctgan => NeuralOptionsJson.Ctgan(ctgan.Options),
        TvaeSynthesizer tvae => NeuralOptionsJson.Tvae(tvae.Options),
        CartSynthesizer cart => new JsonObject
        {
            ["visitOrder"] = cart.Options.VisitOrder is { } order ? new JsonArray([.. order.Select(name => JsonValue.Create(name))]) : null,
            ["minLeafSize"] = cart.Options.MinLeafSize,
            ["smoothing"] = cart.Options.Smoothing,
            ["complexity"] = cart.Options.Complexity,
        },
        IndependentSynthesizer or UniformSynthesizer => [],
        BayesNetSynthesizer bayes => new JsonObject
        {
            ["bins"] = bayes.Options.Bins,
            ["maxParents"] = bayes.Options.MaxParents,
            ["smoothing"] = bayes.Options.Smoothing,
            ["maxTableCells"] = bayes.Options.MaxTableCells,
            ["epsilon"] = bayes.Options.Epsilon,
            ["structureShare"] = bayes.Options.StructureShare,
            ["usefulness"] = bayes.Options.Usefulness,
        },
        _ => throw new ArgumentException($"Synthesizer {synthesizer.GetType().Name} is not registered.", nameof(synthesizer)),
    };

    /// <summary>Restores a fitted model of this kind from its saved parameters.</summary>
    public static ILearnedModel ReadLearned(SynthesizerKind kind, Metadata learnedMetadata, JsonElement parameters) => kind switch
    {
        SynthesizerKind.GaussianCopula => GaussianCopulaModel.ReadParameters(learnedMetadata, parameters),
        SynthesizerKind.Ctgan => CtganModel.ReadParameters(learnedMetadata, parameters),
        SynthesizerKind.Tvae => TvaeModel.ReadParameters(learnedMetadata, parameters),
        SynthesizerKind.Cart => CartModel.ReadParameters(learnedMetadata, parameters),
        SynthesizerKind.Independent or SynthesizerKind.Uniform => ColumnwiseModel.ReadParameters(kind, learnedMetadata, parameters),
        SynthesizerKind.BayesNet => BayesNetModel.ReadParameters(learnedMetadata, parameters),
        _ => throw new ModelFormatException($"Synthesizer kind {kind} cannot be loaded by this version."),
    };
}
