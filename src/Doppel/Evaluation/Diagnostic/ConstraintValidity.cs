using Doppel.Constraints;

namespace Doppel.Evaluation.Diagnostic;

/// <summary>Constraint validity: the share of synthetic rows that meet every declared constraint, per rule in the breakdown.</summary>
public sealed class ConstraintValidity : IMetricGroup
{
    /// <summary>The metric's name in the report.</summary>
    public const string Name = "Constraint Validity";

    public string Group => DiagnosticMetrics.GroupName;

    public IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        const string meaning = "The share of synthetic rows that meet every business rule declared in the metadata (1 = all). Fixed combinations are checked against the combinations the real data holds.";
        IReadOnlyList<Constraint> rules = inputs.Metadata.Constraints;
        if (rules.Count == 0) return [MetricResult.Skipped(DiagnosticMetrics.GroupName, Name, "The metadata declares no constraints.", meaning)];
        int rows = inputs.Synthetic.RowCount;
        if (rows == 0) return [MetricResult.Skipped(DiagnosticMetrics.GroupName, Name, "The synthetic table has no rows.", meaning)];
        var all = new bool[rows];
        Array.Fill(all, true);
        var parts = new List<MetricPart>();
        foreach (Constraint rule in rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool[] holds = rule.Check(inputs.Synthetic, inputs.Real);
            for (int i = 0; i < rows; i++) all[i] &= holds[i];
            double share = holds.Count(h => h) / (double)rows;
            parts.Add(new MetricPart(rule.Describe(), share, holds.Count(h => !h), "rows breaking it in the raw value"));
        }
        double score = all.Count(h => h) / (double)rows;
        return [new MetricResult(DiagnosticMetrics.GroupName, Name, score, all.Count(h => !h), meaning) { Breakdown = MetricParts.WorstFirst(parts) }];
    }
}
