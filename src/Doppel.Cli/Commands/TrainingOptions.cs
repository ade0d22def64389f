using System.CommandLine;
using Doppel.Neural;

namespace Doppel.Cli.Commands;

/// <summary>
/// The training options: <c>--epochs</c> and <c>--patience</c> (ctgan, tvae), and <c>--epsilon</c> for differential privacy — with
/// <c>--delta</c> for the deep synthesizers' (ε, δ) DP-SGD, alone for bayesnet's pure ε-DP (PrivBayes).
/// </summary>
internal sealed class TrainingOptions
{
    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Training epochs of ctgan or tvae (default 300)." };
    public Option<double?> Epsilon { get; } = new("--epsilon") { Description = "Fit with differential privacy spending at most this ε: ctgan and tvae (DP-SGD, needs --delta), bayesnet (PrivBayes, pure ε-DP, no --delta)." };
    public Option<int?> Patience { get; } = new("--patience") { Description = "Stop ctgan or tvae early when the epoch loss has not improved by 0.1 % for this many epochs." };
    public Option<double?> Delta { get; } = new("--delta") { Description = "The δ of ctgan's or tvae's differential-privacy guarantee (e.g. 1e-5, below 1/rows); needs --epsilon." };
    public Option<string[]> Settings { get; } = new("--set")
    {
        Description = "A ctgan or tvae training setting, name=value, by the name `doppel info` shows (repeatable): e.g. --set batchSize=1000 --set generatorDimensions=128,128, or --set precision=bfloat16 (faster training on CPUs with AVX-512 BF16).",
        Arity = ArgumentArity.OneOrMore,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Epochs);
        command.Options.Add(Patience);
        command.Options.Add(Epsilon);
        command.Options.Add(Delta);
        command.Options.Add(Settings);
    }

    /// <summary>The epochs, ε and δ asked for; which combinations are allowed depends on the synthesizer (<see cref="CliInputs.Synthesizer"/>).</summary>
    public TrainingRequest Read(ParseResult parse)
    {
        int? epochs = parse.GetValue(Epochs);
        if (epochs is <= 0) throw new UsageException($"--epochs must be a positive number, not {epochs}.");
        int? patience = parse.GetValue(Patience);
        if (patience is <= 0) throw new UsageException($"--patience must be a positive number of epochs, not {patience}.");
        return new TrainingRequest(epochs, parse.GetValue(Epsilon), parse.GetValue(Delta), patience) { Settings = parse.GetValue(Settings) ?? [] };
    }
}

/// <summary>The training options as given on the command line, before they are checked against the synthesizer.</summary>
internal sealed record TrainingRequest(int? Epochs = null, double? Epsilon = null, double? Delta = null, int? Patience = null)
{
    /// <summary>The <c>--set name=value</c> settings of ctgan or tvae, in the order given.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>True when no training option was given at all.</summary>
    public bool IsEmpty => Epochs is null && Epsilon is null && Delta is null && Patience is null && Settings.Count == 0;

    /// <summary>The (ε, δ) budget of the deep synthesizers' DP-SGD; a budget needs both ε and δ.</summary>
    public PrivacyBudget? DeepPrivacy()
    {
        if (Epsilon is null && Delta is null) return null;
        if (Epsilon is null) throw new UsageException("--delta was given without --epsilon: a differentially private run needs a budget. Add --epsilon (e.g. --epsilon 1).");
        if (Delta is null) throw new UsageException("--epsilon was given without --delta: a differentially private run needs both. Add --delta (e.g. --delta 1e-5, below 1/rows).");
        return new PrivacyBudget(Epsilon.Value, Delta.Value);
    }
}
