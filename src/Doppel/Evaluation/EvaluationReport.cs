namespace Doppel.Evaluation;

/// <summary>What an <see cref="Evaluator"/> found: every metric, a score card per section, the overall quality score and timings.</summary>
public sealed record EvaluationReport
{
    public EvaluationReport(EvaluationInputs inputs, IReadOnlyList<MetricResult> results, IReadOnlyList<GroupSummary> groups, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(groups);
        Inputs = inputs;
        Results = results;
        Groups = groups;
        Elapsed = elapsed;
    }

    /// <summary>What was compared (the tables, roles of columns, seed).</summary>
    public EvaluationInputs Inputs { get; }

    /// <summary>Every metric of every section, in the order the sections ran.</summary>
    public IReadOnlyList<MetricResult> Results { get; }

    /// <summary>One score card per section, in the order the sections ran.</summary>
    public IReadOnlyList<GroupSummary> Groups { get; }

    /// <summary>Total time of the evaluation.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>SDMetrics' overall quality score (mean of Column Shapes and Column Pair Trends); null when it could not be computed.</summary>
    public double? QualityScore => Find(Fidelity.FidelityMetrics.GroupName, Fidelity.FidelityMetrics.QualityScoreName)?.Score;

    /// <summary>The result with this group and name, or null.</summary>
    public MetricResult? Find(string group, string name) =>
        Results.FirstOrDefault(r => r.Group == group && r.Name == name);

    /// <summary>The results of one section.</summary>
    public IEnumerable<MetricResult> InGroup(string group) => Results.Where(r => r.Group == group);
}
