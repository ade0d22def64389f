namespace Doppel.Evaluation;

/// <summary>Whether a metric was computed, and how its score reads.</summary>
public enum MetricStatus
{
    /// <summary>Computed; the score is in the good range.</summary>
    Good,

    /// <summary>Computed; the score is worth a look.</summary>
    Warning,

    /// <summary>Computed; the score is poor.</summary>
    Poor,

    /// <summary>Not computed; <see cref="MetricResult.Reason"/> says why. Has no score.</summary>
    Skipped,
}

/// <summary>One part of a metric: a column, a pair of columns or a class, with its own score and raw value.</summary>
/// <param name="Item">What the part is about: a column name, "a × b" for a pair, or a class label.</param>
/// <param name="Score">In [0, 1], 1 best; null when this part could not be computed.</param>
/// <param name="Raw">The measured value behind the score (a distance, a rate, a correlation), when there is one.</param>
/// <param name="Note">A short note (e.g. the sub-metric used: "KSComplement").</param>
public sealed record MetricPart(string Item, double? Score, double? Raw = null, string? Note = null);

/// <summary>
/// One metric of an evaluation report: a score in [0, 1] (1 best), the raw value it came from, a status,
/// a reason when skipped, a breakdown by column or pair, and what the number means and does not mean.
/// Never NaN: a metric that cannot be computed is <see cref="MetricStatus.Skipped"/> with a reason.
/// </summary>
public sealed record MetricResult
{
    public MetricResult(string group, string name, double? score, double? raw, string meaning)
    {
        if (score is { } s && (double.IsNaN(s) || s < 0 || s > 1)) throw new ArgumentOutOfRangeException(nameof(score), score, $"Metric '{name}': a score must be in [0, 1].");
        if (raw is { } r && !double.IsFinite(r)) throw new ArgumentOutOfRangeException(nameof(raw), raw, $"Metric '{name}': a raw value must be finite.");
        Group = group;
        Name = name;
        Score = score;
        Raw = raw;
        Meaning = meaning;
        Status = score is null ? MetricStatus.Skipped : score >= 0.8 ? MetricStatus.Good : score >= 0.5 ? MetricStatus.Warning : MetricStatus.Poor;
    }

    /// <summary>A metric that could not be computed, with the reason.</summary>
    public static MetricResult Skipped(string group, string name, string reason, string meaning) =>
        new(group, name, null, null, meaning) { Reason = reason };

    /// <summary>The report section: "fidelity", "diagnostic", "utility" or "privacy".</summary>
    public string Group { get; }

    /// <summary>The metric's name, e.g. "Column Shapes", "KSComplement", "DCR share".</summary>
    public string Name { get; }

    /// <summary>In [0, 1], 1 best; null when skipped.</summary>
    public double? Score { get; }

    /// <summary>The measured value behind the score, in its own unit, when there is one.</summary>
    public double? Raw { get; }

    /// <summary>Good, warning or poor by the score (≥ 0.8, ≥ 0.5, below); skipped without a score. A metric may set its own.</summary>
    public MetricStatus Status { get; init; }

    /// <summary>Why the metric was skipped, or a short remark on the result.</summary>
    public string? Reason { get; init; }

    /// <summary>In words: what the number means and what it does not mean.</summary>
    public string Meaning { get; }

    /// <summary>Per column, pair or class, worst first.</summary>
    public IReadOnlyList<MetricPart> Breakdown { get; init; } = [];
}
