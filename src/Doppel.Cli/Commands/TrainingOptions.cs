using System.CommandLine;
using Doppel.Neural;

namespace Doppel.Cli.Commands;

/// <summary>The training options of the deep synthesizers (ctgan, tvae): <c>--epochs</c>, and <c>--epsilon</c>/<c>--delta</c> for differentially private training.</summary>
internal sealed class TrainingOptions
{
    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Training epochs of ctgan or tvae (default 300)." };
    public Option<double?> Epsilon { get; } = new("--epsilon") { Description = "Train ctgan or tvae with differential privacy (DP-SGD) spending at most this ε; needs --delta." };
    public Option<double?> Delta { get; } = new("--delta") { Description = "The δ of the differential-privacy guarantee (e.g. 1e-5, below 1/rows); needs --epsilon." };

    public void AddTo(Command command)
    {
        command.Options.Add(Epochs);
        command.Options.Add(Epsilon);
        command.Options.Add(Delta);
    }

    /// <summary>The epochs and the privacy budget asked for; a budget needs both ε and δ.</summary>
    public (int? Epochs, PrivacyBudget? Privacy) Read(ParseResult parse)
    {
        int? epochs = parse.GetValue(Epochs);
        if (epochs is <= 0) throw new UsageException($"--epochs must be a positive number, not {epochs}.");
        double? epsilon = parse.GetValue(Epsilon), delta = parse.GetValue(Delta);
        if (epsilon is null && delta is null) return (epochs, null);
        if (epsilon is null) throw new UsageException("--delta was given without --epsilon: a differentially private run needs a budget. Add --epsilon (e.g. --epsilon 1).");
        if (delta is null) throw new UsageException("--epsilon was given without --delta: a differentially private run needs both. Add --delta (e.g. --delta 1e-5, below 1/rows).");
        return (epochs, new PrivacyBudget(epsilon.Value, delta.Value));
    }
}
