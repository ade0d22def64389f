namespace Doppel.Evaluation;

/// <summary>A family of metrics run together by the <see cref="Evaluator"/>: fidelity, diagnostic, utility, privacy.</summary>
public interface IMetricGroup
{
    /// <summary>The report section every result of this group belongs to (its <see cref="MetricResult.Group"/>).</summary>
    string Group { get; }

    /// <summary>Computes the group's metrics; never NaN: what cannot be computed comes back skipped with a reason.</summary>
    IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken);
}
