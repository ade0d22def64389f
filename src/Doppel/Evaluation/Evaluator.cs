using System.Diagnostics;
using Doppel.Evaluation.Diagnostic;
using Doppel.Evaluation.Fidelity;
using Doppel.Evaluation.Privacy;
using Doppel.Evaluation.Utility;
using Doppel.IO;

namespace Doppel.Evaluation;

/// <summary>
/// Runs metric groups over one real/synthetic comparison and gathers an <see cref="EvaluationReport"/>. Fidelity and
/// diagnostic always run; utility, privacy or any other <see cref="IMetricGroup"/> are added through the constructor.
/// </summary>
public sealed class Evaluator
{
    /// <summary>Fidelity and diagnostic only.</summary>
    public Evaluator() : this([])
    {
    }

    /// <summary>
    /// Fidelity, diagnostic, then <paramref name="extraGroups"/> in order. With <paramref name="syntheticRaw"/> (the
    /// synthetic file's strings) the diagnostic also checks that datetimes are written in the metadata's format.
    /// </summary>
    public Evaluator(IEnumerable<IMetricGroup> extraGroups, RawTable? syntheticRaw = null)
    {
        ArgumentNullException.ThrowIfNull(extraGroups);
        Groups = [new FidelityMetrics(), new DiagnosticMetrics(syntheticRaw), .. extraGroups];
    }

    /// <summary>
    /// Every metric group: fidelity (with detection), diagnostic, utility (needs a holdout and a target) and
    /// privacy (holdout-based parts need a holdout). What the inputs do not allow comes back skipped with the reason.
    /// </summary>
    public static Evaluator Full(RawTable? syntheticRaw = null) =>
        new([new DetectionMetric(), new ConstraintValidity(), new UtilityMetrics(), new PrivacyGroup()], syntheticRaw);

    private sealed class PrivacyGroup : IMetricGroup
    {
        public string Group => PrivacyMetrics.Group;

        public IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken) => PrivacyMetrics.Compute(inputs, cancellationToken);
    }

    /// <summary>The groups, in the order they run.</summary>
    public IReadOnlyList<IMetricGroup> Groups { get; }

    /// <summary>Runs every group. A group's score is its summary metric when it names one, else the mean of its computed metrics.</summary>
    public EvaluationReport Evaluate(EvaluationInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var total = Stopwatch.StartNew();
        var results = new List<MetricResult>();
        var elapsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (IMetricGroup group in Groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            IReadOnlyList<MetricResult> computed = group.Compute(inputs, cancellationToken);
            foreach (MetricResult result in computed)
                if (result.Group != group.Group)
                    throw new InvalidOperationException($"The metric group '{group.Group}' returned '{result.Name}' in group '{result.Group}'; a group's results must carry its name.");
            results.AddRange(computed);
            elapsed[group.Group] = elapsed.GetValueOrDefault(group.Group) + watch.Elapsed;
        }
        var summaries = new List<GroupSummary>();
        foreach (string name in Groups.Select(g => g.Group).Distinct(StringComparer.Ordinal))
            summaries.Add(Summarize(name, results.Where(r => r.Group == name).ToList(), Groups.Where(g => g.Group == name), elapsed[name]));
        return new EvaluationReport(inputs, results, summaries, total.Elapsed);
    }

    private static GroupSummary Summarize(string group, List<MetricResult> results, IEnumerable<IMetricGroup> members, TimeSpan elapsed)
    {
        int skipped = results.Count(r => r.Score is null);
        foreach (ISummarizedMetricGroup summarized in members.OfType<ISummarizedMetricGroup>())
        {
            MetricResult? summary = results.FirstOrDefault(r => r.Name == summarized.SummaryMetric);
            if (summary?.Score is { } score) return new GroupSummary(group, score, summary.Name, results.Count, skipped, elapsed);
        }
        double[] scores = [.. results.Where(r => r.Score is not null).Select(r => r.Score!.Value)];
        return new GroupSummary(group, scores.Length == 0 ? null : Math.Clamp(scores.Average(), 0, 1), $"mean of {scores.Length} metrics", results.Count, skipped, elapsed);
    }
}
