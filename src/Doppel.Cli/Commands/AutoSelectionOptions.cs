using System.CommandLine;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Auto;

namespace Doppel.Cli.Commands;

/// <summary>The options of <c>--synthesizer auto</c>: <c>--candidates</c>, <c>--target</c>, <c>--time-budget</c>.</summary>
internal sealed class AutoSelectionOptions
{
    public const string AutoName = "auto";

    public Option<string?> Candidates { get; } = new("--candidates")
    {
        Description = $"With --synthesizer auto: the synthesizers to try, comma-separated (default: {string.Join(",", AutoOptions.DefaultCandidates.Select(SynthesizerRegistry.NameOf))}).",
    };

    public Option<string?> Target { get; } = new("--target") { Description = "With --synthesizer auto: also judge the candidates by how well trees trained on their rows predict this column on held-out real rows." };

    public Option<double?> TimeBudget { get; } = new("--time-budget") { Description = "With --synthesizer auto: seconds for the whole choice; candidates that do not fit in it are left out (the first always runs)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Candidates);
        command.Options.Add(Target);
        command.Options.Add(TimeBudget);
    }

    /// <summary>Whether the options ask for auto; the auto options are refused with any other synthesizer.</summary>
    public bool IsAuto(ParseResult parse, string synthesizer)
    {
        bool auto = string.Equals(synthesizer, AutoName, StringComparison.OrdinalIgnoreCase);
        if (!auto && (parse.GetValue(Candidates) is not null || parse.GetValue(Target) is not null || parse.GetValue(TimeBudget) is not null))
            throw new UsageException("--candidates, --target and --time-budget choose among synthesizers: add --synthesizer auto.");
        return auto;
    }

    /// <summary>The auto options asked for.</summary>
    public AutoOptions Read(ParseResult parse)
    {
        string? list = parse.GetValue(Candidates);
        var options = new AutoOptions { Target = parse.GetValue(Target), TimeBudgetSeconds = parse.GetValue(TimeBudget) };
        if (list is null) return options;
        string[] names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(n => string.Equals(n, AutoName, StringComparison.OrdinalIgnoreCase)))
            throw new UsageException("--candidates lists synthesizers to try; 'auto' cannot be one of them.");
        return options with { Candidates = [.. names.Select(n => SynthesizerRegistry.Create(SynthesizerRegistry.Parse(n)))] };
    }
}
