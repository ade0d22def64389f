using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Privacy;

namespace Doppel.Tests.Evaluation;

/// <summary>Every privacy metric on tables small enough to compute by hand; the arithmetic is in the comments.</summary>
public class PrivacyHandComputedTests
{
    // Gower distance over x (numerical, training range 0..40 = 40) and c (categorical): (|Δx| / 40 + [c differs]) / 2.
    //   train     t0 (0, a)   t1 (10, a)  t2 (20, b)  t3 (40, b)
    //   synthetic s0 (0, a)   s1 (12, a)  s2 (20, b)  s3 (30, a)
    //   holdout   h0 (10, b)  h1 (0, a)   h2 (40, a)  h3 (25, b)
    private static readonly Metadata Metadata = new(
    [
        new ColumnMetadata("x", ColumnType.Numerical),
        new ColumnMetadata("c", ColumnType.Categorical),
    ]);

    private static Table Make(double[] x, string[] c) => new([new NumericColumn("x", x), CategoricalColumn.FromValues("c", c)]);

    private static readonly Table Train = Make([0, 10, 20, 40], ["a", "a", "b", "b"]);
    private static readonly Table Synthetic = Make([0, 12, 20, 30], ["a", "a", "b", "a"]);
    private static readonly Table Holdout = Make([10, 0, 40, 25], ["b", "a", "a", "b"]);

    private static MetricResult Find(IReadOnlyList<MetricResult> results, string name) => results.Single(r => r.Name == name);

    private static IReadOnlyList<MetricResult> Compute(params string[] sensitive) =>
        PrivacyMetrics.Compute(new EvaluationInputs(Train, Synthetic, Metadata) { Holdout = Holdout, Sensitive = sensitive, Seed = 1 });

    [Fact]
    public void Exact_matches_compare_with_the_holdout_rate()
    {
        MetricResult result = Find(Compute(), "Exact matches");
        // s0 = t0 and s2 = t2: 2 / 4 = 0.5. Holdout: h1 = t0: 1 / 4 = 0.25. Score 1 − (0.5 − 0.25) / 0.1 → clamped to 0.
        result.Raw.ShouldBe(0.5);
        result.Breakdown.Single(p => p.Item == "holdout rows").Raw.ShouldBe(0.25);
        result.Score.ShouldBe(0);
        result.Status.ShouldBe(MetricStatus.Poor);
    }

    [Fact]
    public void Distance_to_closest_record_reads_the_low_tail_against_the_holdout()
    {
        MetricResult result = Find(Compute(), "Distance to closest record");
        // Synthetic DCR: s0 0, s1 (2/40)/2 = 0.025 (t1), s2 0, s3 (20/40)/2 = 0.25 (t1) → sorted 0, 0, 0.025, 0.25.
        // Percentiles interpolate at p·(n − 1): 5th at 0.15 → 0; median at 1.5 → 0.0125.
        // Holdout DCR: h0 (10/40)/2 = 0.125 (t2), h1 0, h2 (30/40)/2 = 0.375 (t1), h3 (5/40)/2 = 0.0625 (t2)
        // → sorted 0, 0.0625, 0.125, 0.375: 5th 0.15 · 0.0625 = 0.009375; median (0.0625 + 0.125) / 2 = 0.09375.
        // Score = 0 / 0.009375 = 0.
        result.Raw!.Value.ShouldBe(0.0125, 1e-6);
        Part(result, "synthetic rows, 5th percentile").ShouldBe(0, 1e-9);
        Part(result, "holdout rows, 5th percentile").ShouldBe(0.009375, 1e-6);
        Part(result, "holdout rows, median").ShouldBe(0.09375, 1e-6);
        result.Score.ShouldBe(0);
    }

    [Fact]
    public void Distance_ratio_divides_the_nearest_by_the_second_nearest()
    {
        MetricResult result = Find(Compute(), "Nearest-neighbour distance ratio");
        // Synthetic: s0 0 / 0.125 (t1) = 0; s1 0.025 / 0.15 (t0) = 1/6; s2 0 / 0.25 (t3) = 0; s3 0.25 / 0.375 (t0) = 2/3.
        // Sorted 0, 0, 1/6, 2/3: 5th 0, median 1/12.
        // Holdout: h0 0.125 / 0.375 (t3) = 1/3; h1 0 / 0.125 = 0; h2 0.375 / 0.5 (t0) = 0.75; h3 0.0625 / 0.1875 (t3) = 1/3.
        // Sorted 0, 1/3, 1/3, 0.75: 5th 0.15 · 1/3 = 0.05; median 1/3. Score 0 / 0.05 = 0.
        result.Raw!.Value.ShouldBe(1.0 / 12, 1e-6);
        Part(result, "holdout rows, 5th percentile").ShouldBe(0.05, 1e-6);
        Part(result, "holdout rows, median").ShouldBe(1.0 / 3, 1e-6);
        result.Score.ShouldBe(0);
    }

    [Fact]
    public void Closest_record_share_counts_ties_as_half()
    {
        MetricResult result = Find(Compute(), "DCR share");
        // Equal sizes (4 and 4), so both sides are whole. Synthetic → holdout: s0 0 (h1), s1 (12/40)/2 = 0.15 (h1),
        // s2 (5/40)/2 = 0.0625 (h3), s3 (10/40)/2 = 0.125 (h2). Against → train 0, 0.025, 0, 0.25:
        // s0 tie (½), s1 train (1), s2 train (1), s3 holdout (0) → 2.5 / 4 = 0.625. Score 1 − 2 · 0.125 = 0.75.
        result.Raw!.Value.ShouldBe(0.625, 1e-9);
        result.Score!.Value.ShouldBe(0.75, 1e-9);
    }

    [Fact]
    public void Membership_inference_is_the_auc_of_distance_to_synthetic()
    {
        MetricResult result = Find(Compute(), "Membership inference");
        // Members (train → synthetic): t0 0, t1 0.025, t2 0, t3 0.25 (s2). Non-members: h0 0.125 (s2), h1 0, h2 0.125 (s3), h3 0.0625 (s2).
        // P(member closer) + ½ P(tie) over 16 pairs: each 0 beats three and ties one (3.5, twice = 7); 0.025 beats three (3);
        // 0.25 beats none → 10 / 16 = 0.625. Score 1 − (2 · 0.625 − 1) = 0.75.
        result.Raw!.Value.ShouldBe(0.625, 1e-9);
        result.Score!.Value.ShouldBe(0.75, 1e-9);
    }

    [Fact]
    public void Attribute_inference_of_a_category_compares_training_rows_with_holdout_rows()
    {
        MetricResult result = Find(Compute("c"), "Attribute inference (c)");
        // Known column x alone: distance |Δx| / 40; all 4 synthetic rows vote with weight 1 / (d + 1e-6).
        // t0 (0): s0 exact → a ✓. t1 (10): a 1/0.05 + 1/0.25 + 1/0.5 = 26 vs b 1/0.25 = 4 → a ✓. t2 (20): s2 exact → b ✓.
        // t3 (40): a 1/0.25 + 1/0.7 + 1/1 = 6.43 vs b 1/0.5 = 2 → a ✗. Training accuracy 3/4.
        // h0 (10, b) → a ✗; h1 (0, a) → a ✓; h2 (40, a) → a ✓; h3 (25, b): b 1/0.125 = 8 vs a 8 + 3.08 + 1.6 → a ✗. Holdout 2/4.
        // Marginal guess: a (3 of 4 synthetic rows) → right on t0, t1 → 2/4.
        // Score: 1 − (0.75 − 0.5) / (1 − 0.5) = 0.5.
        result.Raw.ShouldBe(0.75);
        Part(result, "holdout rows").ShouldBe(0.5);
        Part(result, "marginal guess on training rows").ShouldBe(0.5);
        result.Score!.Value.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void Attribute_inference_of_a_number_compares_normalised_errors()
    {
        MetricResult result = Find(Compute("x"), "Attribute inference (x)");
        // Known column c alone: same category at distance 0 (weight 10⁶), the other at 1 (weight ≈ 1), so a row is predicted
        // by the mean of its category's synthetic x: a → (0 + 12 + 30) / 3 = 14, b → 20 (each off by < 10⁻⁵).
        // Training errors ÷ 40: t0 14/40 = 0.35, t1 4/40 = 0.1, t2 0, t3 20/40 = 0.5 → mean 0.2375.
        // Holdout: h0 (b) 10/40 = 0.25, h1 (a) 14/40 = 0.35, h2 (a) 26/40 = 0.65, h3 (b) 5/40 = 0.125 → mean 0.34375.
        // Marginal mean 15.5: (15.5 + 5.5 + 4.5 + 24.5) / 40 / 4 = 0.3125.
        // Score: 1 − (0.34375 − 0.2375) / 0.34375 = 0.690909.
        result.Raw!.Value.ShouldBe(0.2375, 1e-5);
        Part(result, "holdout rows").ShouldBe(0.34375, 1e-5);
        Part(result, "marginal guess on training rows").ShouldBe(0.3125, 1e-9);
        result.Score!.Value.ShouldBe(0.690909, 1e-4);
    }

    [Fact]
    public void K_anonymity_finds_the_smallest_group_and_the_rows_in_small_groups()
    {
        // Synthetic zip codes: p × 6, q × 4, r × 2 → smallest group 2; groups under 5: q and r, 6 of 12 rows → score 0.5.
        string[] zips = ["p", "q", "p", "r", "p", "q", "p", "q", "r", "p", "q", "p"];
        var metadata = new Metadata([new ColumnMetadata("zip", ColumnType.Categorical)]);
        var real = new Table([CategoricalColumn.FromValues("zip", ["p", "q", "r"])]);
        MetricResult result = Find(PrivacyMetrics.Compute(new EvaluationInputs(real, new Table([CategoricalColumn.FromValues("zip", zips)]), metadata)
        {
            QuasiIdentifiers = ["zip"],
        }), "k-anonymity");
        result.Raw.ShouldBe(2);
        result.Score!.Value.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void K_anonymity_bins_many_valued_numbers_into_real_deciles()
    {
        // Real ages 0..99: decile edges at sorted positions ⌊p · 99 / 10⌋ = 9, 19, …, 89; a value's bin is how many edges are ≤ it.
        // Synthetic 0, 1, 2, 3, 4 → bin 0 (5 rows); 9, 10, 11 → bin 1 (3 rows); 95 → bin 9 (1 row).
        // Smallest group 1; rows in groups under 5: 3 + 1 = 4 of 9 → score 5/9.
        var metadata = new Metadata([new ColumnMetadata("age", ColumnType.Numerical)]);
        var real = new Table([new NumericColumn("age", [.. Enumerable.Range(0, 100).Select(i => (double)i)])]);
        var synthetic = new Table([new NumericColumn("age", [0, 1, 2, 3, 4, 9, 10, 11, 95])]);
        MetricResult result = Find(PrivacyMetrics.Compute(new EvaluationInputs(real, synthetic, metadata) { QuasiIdentifiers = ["age"] }), "k-anonymity");
        result.Raw.ShouldBe(1);
        result.Score!.Value.ShouldBe(5.0 / 9, 1e-9);
    }

    [Fact]
    public void Singling_out_counts_rows_unique_in_synthetic_that_match_one_training_row()
    {
        // Training zips: p × 1, q × 2, r × 3, s × 1.
        // Synthetic p, q, r, s, t: all unique; exactly one training row for p and s → 2 / 5 = 0.4.
        // Holdout p, p, q, s, u (same size, so nothing is sampled away): unique q, s, u; one training row: s → 1 / 5 = 0.2.
        // Score: 1 − (0.4 − 0.2) / 0.1 → 0.
        var metadata = new Metadata([new ColumnMetadata("zip", ColumnType.Categorical)]);
        Table Zips(params string[] values) => new([CategoricalColumn.FromValues("zip", values)]);
        MetricResult result = Find(PrivacyMetrics.Compute(new EvaluationInputs(Zips("p", "q", "q", "r", "r", "r", "s"), Zips("p", "q", "r", "s", "t"), metadata)
        {
            Holdout = Zips("p", "p", "q", "s", "u"),
            QuasiIdentifiers = ["zip"],
        }), "Singling out");
        result.Raw!.Value.ShouldBe(0.4, 1e-9);
        Part(result, "holdout rows").ShouldBe(0.2, 1e-9);
        result.Score.ShouldBe(0);
    }

    [Fact]
    public void Rate_scores_fall_linearly_to_zero_ten_points_above_the_baseline()
    {
        PrivacyStatistics.ExcessScore(0.01, 0.02).ShouldBe(1);
        PrivacyStatistics.ExcessScore(0.07, 0.02).ShouldBe(0.5, 1e-12);
        PrivacyStatistics.ExcessScore(0.5, 0.02).ShouldBe(0);
        PrivacyStatistics.RatioScore(0.02, 0.08).ShouldBe(0.25, 1e-12);
        PrivacyStatistics.RatioScore(0.2, 0.08).ShouldBe(1);
        PrivacyStatistics.RatioScore(0.2, 0).ShouldBe(1);
    }

    private static double Part(MetricResult result, string item) => result.Breakdown.Single(p => p.Item == item).Raw!.Value;
}
