using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Fidelity;
using static Doppel.Tests.Evaluation.EvaluationTables;

namespace Doppel.Tests.Evaluation;

/// <summary>
/// Scores checked against an independent implementation: fidelity_reference.py (beside this file) computes them with
/// numpy 1.24, scipy 1.10 (ks_2samp, pearsonr, wasserstein_distance, jensenshannon, histogram_bin_edges, digitize) and
/// pandas 1.5, following SDMetrics' published rules, on the data below (which it generated with seed 7). Contingency
/// tables are counted as (label, label) tuples with missing a label of its own, which is what SDMetrics'
/// groupby(dropna=False) means; pandas 1.5's MultiIndex union duplicates keys holding NaN and would double-count them.
/// Run: python3 fidelity_reference.py (Debian packages python3-scipy and python3-pandas).
/// </summary>
public class FidelityReferenceTests
{
    private const double Tolerance = 1e-9;

    private static readonly Table Real = Table(
        Numbers("x", 10.0, 10.9, 9.2, 7.3, 8.6, 7.0, double.NaN, 14.0, 8.5, 8.1, 11.5, 11.1, 10.3, 7.2, 9.9, 12.1, 6.0, 8.6, 4.3, 6.1, 4.5, 9.3, 6.2, 10.8, 10.5, 9.4, 2.4, 8.4, 9.9, double.NaN),
        Numbers("y", 3.47, 4.97, 3.62, 2.84, 5.36, 2.69, 5.07, 7.88, 3.67, 3.94, 5.86, 5.61, 3.92, 3.68, 6.31, 4.5, 3.86, 4.42, 1.51, 5.05, 3.01, 3.45, 3.17, 5.98, 5.06, 5.38, 1.13, 4.87, 6.39, 4.47),
        Categories("c", "c", "c", "b", "b", "c", "b", "b", "a", null, "c", "a", "a", "c", "b", null, "a", "c", "a", "b", "c", "a", "b", "c", "b", "a", "b", "b", "c", "c", "b"));

    private static readonly Table Synthetic = Table(
        Numbers("x", 15.3, 10.8, 10.2, 10.5, double.NaN, 14.3, 9.4, 10.8, double.NaN, 9.1, 7.2, 14.8, 10.5, 13.9, 11.0, 8.9, 10.0, double.NaN, 11.0, 9.9, 10.1, double.NaN, 8.6, 16.0, 9.0),
        Numbers("y", 5.54, 6.07, 7.91, 2.34, 3.63, 5.89, 1.18, 6.87, 4.25, 4.69, 2.1, 8.31, 4.17, 6.66, 3.28, 2.02, 7.67, 3.64, 6.08, 4.88, 4.17, 2.43, 5.56, 7.4, 4.2),
        Categories("c", "b", "c", "a", "d", "b", "b", "c", "d", "b", null, "b", "a", "d", "d", "d", "d", "b", "a", "c", "c", "b", "c", "b", "c", "d"));

    private static readonly IReadOnlyList<MetricResult> Results = FidelityMetrics.Compute(Inputs(Real, Synthetic));

    [Fact]
    public void Column_shapes_match_scipy_ks_and_the_sdmetrics_tv_rule()
    {
        MetricResult shapes = Results.Metric(FidelityMetrics.ColumnShapesName);
        shapes.Part("x").Score!.Value.ShouldBe(0.5952380952380952, Tolerance);
        shapes.Part("y").Score!.Value.ShouldBe(0.76, Tolerance);
        // 'd' exists only in the synthetic data: SDMetrics' 1e-6 regularisation shows in the last digits.
        shapes.Part("c").Score!.Value.ShouldBe(0.7083333690476178, Tolerance);
        shapes.Score!.Value.ShouldBe(0.6878571547619043, Tolerance);
    }

    [Fact]
    public void Column_pair_trends_match_pearsonr_and_pandas_contingency_tables()
    {
        MetricResult trends = Results.Metric(FidelityMetrics.ColumnPairTrendsName);
        trends.Part("x × y").Score!.Value.ShouldBe(0.8853473749379023, Tolerance);
        trends.Part("x × c").Score!.Value.ShouldBe(0.3933333333333333, Tolerance);
        trends.Part("y × c").Score!.Value.ShouldBe(0.24666666666666637, Tolerance);
        trends.Score!.Value.ShouldBe(0.5084491249793006, Tolerance);
        Results.Metric(FidelityMetrics.QualityScoreName).Score!.Value.ShouldBe(0.5981531398706025, Tolerance);
    }

    [Fact]
    public void Distances_match_scipy()
    {
        MetricResult wasserstein = Results.Metric(FidelityMetrics.WassersteinName);
        wasserstein.Part("x").Raw!.Value.ShouldBe(0.20412561576354685, Tolerance);
        wasserstein.Part("y").Raw!.Value.ShouldBe(0.09888395061728396, Tolerance);
        MetricResult js = Results.Metric(FidelityMetrics.JensenShannonName);
        js.Part("x").Raw!.Value.ShouldBe(0.47900651714999903, Tolerance);
        js.Part("y").Raw!.Value.ShouldBe(0.49065782980723827, Tolerance);
        js.Part("c").Raw!.Value.ShouldBe(0.4120313983242967, Tolerance);
    }
}
