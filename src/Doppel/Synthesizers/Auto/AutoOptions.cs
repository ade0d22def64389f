namespace Doppel.Synthesizers.Auto;

/// <summary>How <see cref="AutoSynthesizer"/> chooses: which candidates, judged how, within what time.</summary>
public sealed record AutoOptions
{
    /// <summary>
    /// The candidates tried by default, fastest first: the synthesizers that fit a table in seconds. The deep ones
    /// (ctgan, tvae) take minutes and join only when named in <see cref="Candidates"/>.
    /// </summary>
    public static IReadOnlyList<SynthesizerKind> DefaultCandidates { get; } =
        [.. new[] { "gaussian-copula", "bayesnet", "cart" }.Where(n => SynthesizerRegistry.All.Contains(n)).Select(SynthesizerRegistry.Parse)];

    /// <summary>The synthesizers to try, in this order, with their options (one of each kind).</summary>
    public IReadOnlyList<ISynthesizer> Candidates
    {
        get;
        init => field = value is { Count: > 0 } && value.Select(c => c.Kind).Distinct().Count() == value.Count
            ? value
            : throw new UsageException("Give at least one candidate synthesizer, each kind once.");
    } = [.. DefaultCandidates.Select(SynthesizerRegistry.Create)];

    /// <summary>
    /// Optional: the column a model should predict. Candidates are then also judged by train-synthetic-test-real:
    /// gradient-boosted trees trained on each candidate's rows, scored on the validation rows against trees trained on the real training rows.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>
    /// Optional: seconds for the whole choice. Candidates start in order while time remains; one still fitting when
    /// it runs out is stopped and left out. The first candidate always completes, so there is always a choice.
    /// With a budget, which candidates were judged can depend on the machine's speed; without one, the choice is deterministic.
    /// </summary>
    public double? TimeBudgetSeconds
    {
        get;
        init => field = value is null or > 0 ? value : throw new UsageException($"The time budget must be a positive number of seconds, not {value}.");
    }

    /// <summary>The share of rows held out to judge the candidates (the rest trains them).</summary>
    public double ValidationShare
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new UsageException($"The validation share must be between 0 and 1, not {value}.");
    } = 0.2;

    /// <summary>At most this many rows train the candidates during the choice (a random subset of the training rows); the winner is then fitted on every row.</summary>
    public int MaxSelectionRows
    {
        get;
        init => field = value >= 100 ? value : throw new UsageException($"The selection needs at least 100 training rows, not {value}.");
    } = 50_000;

    /// <summary>Threads for the judging (evaluation and trees).</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;
}
