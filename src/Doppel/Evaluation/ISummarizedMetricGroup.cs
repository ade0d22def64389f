namespace Doppel.Evaluation;

/// <summary>
/// A metric group whose score is one of its own metrics (fidelity: the SDMetrics-style quality score) rather than
/// the mean of all its metrics.
/// </summary>
public interface ISummarizedMetricGroup : IMetricGroup
{
    /// <summary>The <see cref="MetricResult.Name"/> of the result that stands for the whole group.</summary>
    string SummaryMetric { get; }
}
