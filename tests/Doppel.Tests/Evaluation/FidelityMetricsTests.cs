using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Fidelity;
using static Doppel.Tests.Evaluation.EvaluationTables;

namespace Doppel.Tests.Evaluation;

public class FidelityMetricsTests
{
    // real x 1 2 3 4, c a a b b; synthetic x 3 4 5 6, c a b b b.
    private static readonly Table Real = Table(Numbers("x", 1, 2, 3, 4), Categories("c", "a", "a", "b", "b"));
    private static readonly Table Shifted = Table(Numbers("x", 3, 4, 5, 6), Categories("c", "a", "b", "b", "b"));

    [Fact]
    public void Hand_computed_scores_on_a_small_table()
    {
        var results = FidelityMetrics.Compute(Inputs(Real, Shifted));

        // Column Shapes: x KSComplement 1 − 0.5 = 0.5; c TVComplement: real a ½ b ½, synthetic a ¼ b ¾ → TV ¼ → 0.75.
        MetricResult shapes = results.Metric(FidelityMetrics.ColumnShapesName);
        shapes.Part("x").Score!.Value.ShouldBe(0.5, 1e-12);
        shapes.Part("x").Note.ShouldBe("KSComplement");
        shapes.Part("c").Score!.Value.ShouldBe(0.75, 1e-12);
        shapes.Part("c").Note.ShouldBe("TVComplement");
        shapes.Score!.Value.ShouldBe(0.625, 1e-12);
        shapes.Breakdown[0].Item.ShouldBe("x", "worst first");

        // Column Pair Trends, x × c, ContingencySimilarity. Real x bins (11 edges 1, 1.3, …, 4; label = edges ≤ value):
        // 1→1, 2→4, 3→7, 4→11. Synthetic x with the real edges: 3→7, 4→11, 5→11, 6→11.
        // Real cells (1,a) (4,a) (7,b) (11,b) ¼ each; synthetic (7,a) ¼, (11,b) ¾.
        // TV = ½ (¼ + ¼ + ¼ + |¼ − ¾| + ¼) = ¾ → score ¼.
        MetricResult trends = results.Metric(FidelityMetrics.ColumnPairTrendsName);
        trends.Part("x × c").Score!.Value.ShouldBe(0.25, 1e-12);
        trends.Part("x × c").Note.ShouldBe("ContingencySimilarity");
        trends.Score!.Value.ShouldBe(0.25, 1e-12);

        // Quality Score = mean(0.625, 0.25).
        results.Metric(FidelityMetrics.QualityScoreName).Score!.Value.ShouldBe(0.4375, 1e-12);

        // Range Coverage x: real [1, 4], synthetic [3, 6]: gap below (3 − 1)/3, none above → 1 − ⅔ = ⅓.
        results.Metric(FidelityMetrics.RangeCoverageName).Part("x").Score!.Value.ShouldBe(1.0 / 3, 1e-12);
        // Category Coverage c: both real categories appear.
        results.Metric(FidelityMetrics.CategoryCoverageName).Part("c").Score.ShouldBe(1);
        // Wasserstein x: distance 2 (the shift) ÷ real range 3 → raw ⅔, score ⅓.
        MetricPart wasserstein = results.Metric(FidelityMetrics.WassersteinName).Part("x");
        wasserstein.Raw!.Value.ShouldBe(2.0 / 3, 1e-12);
        wasserstein.Score!.Value.ShouldBe(1.0 / 3, 1e-12);
        // Jensen–Shannon c: p (½, ½), q (¼, ¾), m (⅜, ⅝): KL(p‖m) = 0.0465547, KL(q‖m) = 0.0510352 → √(½ Σ) = 0.2208958.
        // Jensen–Shannon x on the bins: p (¼, ¼, ¼, ¼) on labels 1 4 7 11, q (¼ on 7, ¾ on 11) → 0.5868227.
        MetricResult js = results.Metric(FidelityMetrics.JensenShannonName);
        js.Part("c").Raw!.Value.ShouldBe(0.22089576884901735, 1e-12);
        js.Part("x").Raw!.Value.ShouldBe(0.5868227481705474, 1e-12);
        results.Metric(FidelityMetrics.MissingValuesName).Score.ShouldBe(1);
    }

    [Fact]
    public void Correlation_similarity_is_one_minus_half_the_gap_in_pearson_r()
    {
        // Real r = 1, synthetic r = −1 → 1 − |1 − (−1)| / 2 = 0.
        Table real = Table(Numbers("x", 1, 2, 3, 4), Numbers("y", 1, 2, 3, 4));
        Table synthetic = Table(Numbers("x", 1, 2, 3, 4), Numbers("y", 4, 3, 2, 1));
        MetricPart pair = FidelityMetrics.Compute(Inputs(real, synthetic)).Metric(FidelityMetrics.ColumnPairTrendsName).Part("x × y");
        pair.Score!.Value.ShouldBe(0, 1e-12);
        pair.Raw!.Value.ShouldBe(2, 1e-12);
        pair.Note!.ShouldContain("CorrelationSimilarity");
        // x 1 2 3, y 1 3 2 → r = ½ (see DistributionsTests); against r = 1: 1 − ½/2 = 0.75.
        Table half = Table(Numbers("x", 1, 2, 3), Numbers("y", 1, 3, 2));
        Table same = Table(Numbers("x", 1, 2, 3), Numbers("y", 1, 2, 3));
        FidelityMetrics.Compute(Inputs(same, half)).Metric(FidelityMetrics.ColumnPairTrendsName).Score!.Value.ShouldBe(0.75, 1e-12);
    }

    [Fact]
    public void A_pair_with_a_constant_column_is_skipped_with_a_reason_and_left_out_of_the_mean()
    {
        Table real = Table(Numbers("x", 1, 2, 3, 4), Numbers("k", 7, 7, 7, 7), Numbers("y", 2, 4, 6, 8));
        MetricResult trends = FidelityMetrics.Compute(Inputs(real, real)).Metric(FidelityMetrics.ColumnPairTrendsName);
        MetricPart constant = trends.Part("x × k");
        constant.Score.ShouldBeNull();
        constant.Note!.ShouldContain("constant");
        trends.Score.ShouldBe(1);
        trends.Reason!.ShouldContain("2 of 3 parts skipped");
        trends.Breakdown[^1].Score.ShouldBeNull("skipped parts come last");
    }

    [Fact]
    public void Every_metric_of_a_table_against_itself_is_one()
    {
        Table real = Mixed(500, 1);
        foreach (MetricResult result in FidelityMetrics.Compute(Inputs(real, real)))
        {
            result.Score!.Value.ShouldBe(1, 1e-12, result.Name);
            result.Breakdown.ShouldAllBe(p => p.Score == null || Math.Abs(p.Score.Value - 1) < 1e-12);
        }
    }

    [Fact]
    public void Shuffling_rows_changes_no_score()
    {
        Table real = Mixed(400, 2), synthetic = Mixed(300, 3);
        var rng = Doppel.Randomness.Rng.FromSeed(9);
        int[] order = [.. Enumerable.Range(0, synthetic.RowCount)];
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var before = FidelityMetrics.Compute(Inputs(real, synthetic));
        var after = FidelityMetrics.Compute(Inputs(real, synthetic.SelectRows(order)));
        for (int i = 0; i < before.Count; i++)
        {
            before[i].Name.ShouldBe(after[i].Name);
            after[i].Score!.Value.ShouldBe(before[i].Score!.Value, 1e-12, before[i].Name);
        }
    }

    [Fact]
    public void Uniform_noise_scores_low()
    {
        Table real = Mixed(1000, 4);
        var rng = Doppel.Randomness.Rng.FromSeed(5);
        int rows = 1000;
        string?[] labels = ["high", "low", "mid", "zzz"];
        Table noise = Table(
            Numbers("x", [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 1000)]),
            Numbers("y", [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 1000)]),
            Categories("c", [.. Enumerable.Range(0, rows).Select(_ => labels[rng.NextInt(4)])]),
            Days("d", [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(20_000))]));
        var results = FidelityMetrics.Compute(Inputs(real, noise));
        results.Metric(FidelityMetrics.ColumnShapesName).Score!.Value.ShouldBeLessThan(0.4, string.Join("; ", results.Metric(FidelityMetrics.ColumnShapesName).Breakdown));
        results.Metric(FidelityMetrics.QualityScoreName).Score!.Value.ShouldBeLessThan(0.6);
        results.Metric(FidelityMetrics.WassersteinName).Score!.Value.ShouldBeLessThan(0.3);
        results.Metric(FidelityMetrics.QualityScoreName).Status.ShouldNotBe(MetricStatus.Good);
    }

    [Fact]
    public void Missing_values_are_left_out_of_shapes_and_compared_by_their_own_metric()
    {
        // Present values match exactly (x {1, 2} in both, c a ½ b ½ in both): shapes are 1, as SDMetrics drops missing values.
        Table real = Table(Numbers("x", 1, 2, double.NaN, double.NaN), Categories("c", "a", null, "b", null));
        Table synthetic = Table(Numbers("x", 1, 2, 1, 2), Categories("c", "a", "b", "a", "b"));
        var results = FidelityMetrics.Compute(Inputs(real, synthetic));
        results.Metric(FidelityMetrics.ColumnShapesName).Score.ShouldBe(1);
        // Missing share: real ½, synthetic 0 → 1 − ½ for both columns.
        results.Metric(FidelityMetrics.MissingValuesName).Part("x").Score!.Value.ShouldBe(0.5, 1e-12);
        results.Metric(FidelityMetrics.MissingValuesName).Part("c").Raw!.Value.ShouldBe(0.5, 1e-12);
        // In pairs a missing value is a category of its own (SDMetrics groups with dropna=False), so the pair differs.
        results.Metric(FidelityMetrics.ColumnPairTrendsName).Part("x × c").Score!.Value.ShouldBeLessThan(1);
    }

    [Fact]
    public void Datetimes_are_compared_as_numbers()
    {
        // Days 0 1 2 3 against 2 3 4 5: the same arithmetic as x 1 2 3 4 against 3 4 5 6.
        Table real = Table(Days("d", 0, 1, 2, 3), Numbers("x", 1, 2, 3, 4));
        Table synthetic = Table(Days("d", 2, 3, 4, 5), Numbers("x", 4, 3, 2, 1));
        var results = FidelityMetrics.Compute(Inputs(real, synthetic));
        MetricPart shape = results.Metric(FidelityMetrics.ColumnShapesName).Part("d");
        shape.Note.ShouldBe("KSComplement");
        shape.Score!.Value.ShouldBe(0.5, 1e-12);
        results.Metric(FidelityMetrics.WassersteinName).Part("d").Raw!.Value.ShouldBe(2.0 / 3, 1e-12);
        results.Metric(FidelityMetrics.RangeCoverageName).Part("d").Score!.Value.ShouldBe(1.0 / 3, 1e-12);
        // Datetime × numerical is a continuous pair: Pearson r real +1, synthetic −1 → 0.
        results.Metric(FidelityMetrics.ColumnPairTrendsName).Part("d × x").Score!.Value.ShouldBe(0, 1e-12);
    }

    [Fact]
    public void Category_coverage_names_the_real_categories_the_synthetic_data_lost()
    {
        Table real = Table(Categories("c", "a", "a", "a", "b", "c"));
        Table synthetic = Table(Categories("c", "a", "a", "a", "a", "a"));
        MetricPart part = FidelityMetrics.Compute(Inputs(real, synthetic)).Metric(FidelityMetrics.CategoryCoverageName).Part("c");
        part.Score!.Value.ShouldBe(1.0 / 3, 1e-12);
        part.Note!.ShouldContain("'b'");
        part.Note!.ShouldContain("'c'");
    }

    [Fact]
    public void A_column_held_as_the_wrong_kind_is_skipped_with_a_reason()
    {
        Table real = Table(Numbers("x", 1, 2, 3), Categories("c", "a", "b", "a"));
        Table synthetic = Table(Categories("x", "1", "2", "3"), Categories("c", "a", "b", "b"));
        MetricResult shapes = FidelityMetrics.Compute(Inputs(real, synthetic)).Metric(FidelityMetrics.ColumnShapesName);
        shapes.Part("x").Score.ShouldBeNull();
        shapes.Part("x").Note!.ShouldContain("categorical (synthetic)");
        // c: real a ⅔ b ⅓, synthetic a ⅓ b ⅔ → TV ⅓ → ⅔.
        shapes.Score!.Value.ShouldBe(2.0 / 3, 1e-12);
    }

    [Fact]
    public void Scores_never_are_nan_even_when_nothing_can_be_computed()
    {
        Table real = Table(Numbers("x", double.NaN, double.NaN), Texts("id", "1", "2"));
        Table synthetic = Table(Numbers("x", double.NaN, double.NaN), Texts("id", "3", "4"));
        foreach (MetricResult result in FidelityMetrics.Compute(Inputs(real, synthetic)))
        {
            if (result.Score is { } score) double.IsFinite(score).ShouldBeTrue(result.Name);
            else result.Reason.ShouldNotBeNullOrWhiteSpace(result.Name);
        }
        FidelityMetrics.Compute(Inputs(real, synthetic)).Metric(FidelityMetrics.QualityScoreName).Status.ShouldBe(MetricStatus.Skipped);

        // A range wider than a double holds: the distance and the coverage would overflow, so they are skipped.
        Table huge = Table(Numbers("x", -1e308, 1e308, 0));
        var results = FidelityMetrics.Compute(Inputs(huge, huge));
        results.Metric(FidelityMetrics.WassersteinName).Part("x").Note!.ShouldContain("overflows");
        results.Metric(FidelityMetrics.RangeCoverageName).Status.ShouldBe(MetricStatus.Skipped);
        results.Metric(FidelityMetrics.ColumnShapesName).Score.ShouldBe(1);
    }
}
