namespace Doppel.Evaluation.Reports;

/// <summary>
/// One headline number of a report: a metric group's mean score, or the overall quality.
/// </summary>
/// <param name="Title">What the card shows: "Overall quality", "Fidelity", "Privacy", ...</param>
/// <param name="Group">The metric group, or null for the overall card.</param>
/// <param name="Score">In [0, 1]; null when nothing in it could be computed.</param>
/// <param name="Status">Good, warning or poor by the score (the thresholds of <see cref="MetricResult"/>); skipped without a score.</param>
/// <param name="Computed">Metrics that contributed a score.</param>
/// <param name="Skipped">Metrics skipped, which did not contribute.</param>
/// <param name="Source">How the number was obtained, in words.</param>
public sealed record ScoreCard(string Title, string? Group, double? Score, MetricStatus Status, int Computed, int Skipped, string Source)
{
    /// <summary>
    /// The cards for a list of metrics. Rule: the overall card is the first metric whose name contains "overall" or
    /// "quality" (any case), shown as it is (its own score, status and reason); when there is none, there is no
    /// overall card — the report never invents one. Then one card per group, in the order fidelity, diagnostic,
    /// utility, privacy, then any other group in order of appearance: the plain mean of the group's non-skipped
    /// scores, leaving out the metric used for the overall card so that it does not count twice (a group left with
    /// no metric gets no card). A group whose metrics were all skipped gets a card without a score.
    /// </summary>
    public static IReadOnlyList<ScoreCard> From(IReadOnlyList<MetricResult> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var cards = new List<ScoreCard>();
        MetricResult? overall = Overall(metrics);
        if (overall is not null)
        {
            cards.Add(new ScoreCard("Overall quality", null, overall.Score, overall.Status, overall.Score is null ? 0 : 1, overall.Score is null ? 1 : 0,
                overall.Score is null ? $"{overall.Name}: skipped — {overall.Reason ?? "no reason given"}" : $"the metric '{overall.Name}' ({overall.Group})"));
        }
        foreach (string group in Groups(metrics))
        {
            MetricResult[] members = [.. metrics.Where(m => m.Group == group && !ReferenceEquals(m, overall))];
            if (members.Length == 0) continue; // the group held only the overall metric, which has its own card
            double[] scores = [.. members.Where(m => m.Score is not null).Select(m => m.Score!.Value)];
            int skipped = members.Length - scores.Length;
            double? mean = scores.Length == 0 ? null : Math.Clamp(scores.Average(), 0, 1);
            string source = scores.Length == 0
                ? $"all {members.Length} metric{Plural(members.Length)} skipped"
                : $"mean of {scores.Length} metric{Plural(scores.Length)}" + (skipped > 0 ? $"; {skipped} skipped" : "");
            cards.Add(new ScoreCard(Capitalize(group), group, mean, StatusOf(mean), scores.Length, skipped, source));
        }
        return cards;
    }

    /// <summary>The metric shown as the overall quality (see <see cref="From"/>), or null.</summary>
    public static MetricResult? Overall(IReadOnlyList<MetricResult> metrics) =>
        metrics.FirstOrDefault(m => m.Name.Contains("overall", StringComparison.OrdinalIgnoreCase) || m.Name.Contains("quality", StringComparison.OrdinalIgnoreCase));

    /// <summary>The groups present, known groups first in report order, then others as they appear.</summary>
    public static IReadOnlyList<string> Groups(IReadOnlyList<MetricResult> metrics)
    {
        string[] known = ["fidelity", "diagnostic", "utility", "privacy"];
        return [.. known.Where(g => metrics.Any(m => m.Group == g)), .. metrics.Select(m => m.Group).Distinct().Where(g => !known.Contains(g))];
    }

    /// <summary>The status a score reads as, with the thresholds of <see cref="MetricResult"/>: ≥ 0.8 good, ≥ 0.5 warning, else poor.</summary>
    public static MetricStatus StatusOf(double? score) =>
        score is null ? MetricStatus.Skipped : score >= 0.8 ? MetricStatus.Good : score >= 0.5 ? MetricStatus.Warning : MetricStatus.Poor;

    private static string Plural(int count) => count == 1 ? "" : "s";

    internal static string Capitalize(string group) => group.Length == 0 ? "(no group)" : char.ToUpperInvariant(group[0]) + group[1..];
}
