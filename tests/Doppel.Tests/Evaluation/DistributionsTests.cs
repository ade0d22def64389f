using Doppel.Evaluation.Fidelity;

namespace Doppel.Tests.Evaluation;

public class DistributionsTests
{
    [Fact]
    public void Kolmogorov_Smirnov_and_Wasserstein_of_a_shifted_sample()
    {
        // real 1 2 3 4, synthetic 3 4 5 6 (real shifted by 2).
        // ECDFs after 2: real 0.5, synthetic 0 → largest gap 0.5.
        // Area between the ECDFs: [1,2) 0.25 + [2,3) 0.5 + [3,4) 0.5 + [4,5) 0.5 + [5,6) 0.25 = 2 = the shift.
        var (ks, wasserstein) = Distributions.CompareSorted([1, 2, 3, 4], [3, 4, 5, 6]);
        ks.ShouldBe(0.5, 1e-12);
        wasserstein.ShouldBe(2, 1e-12);
    }

    [Fact]
    public void Kolmogorov_Smirnov_with_ties_and_different_sizes()
    {
        // real 1 1 2, synthetic 1 2 2 2: at 1 the ECDFs are 2/3 and 1/4 → gap 5/12; at 2 both are 1.
        // Area: [1,2) × 5/12 = 5/12.
        var (ks, wasserstein) = Distributions.CompareSorted([1, 1, 2], [1, 2, 2, 2]);
        ks.ShouldBe(5.0 / 12, 1e-12);
        wasserstein.ShouldBe(5.0 / 12, 1e-12);
    }

    [Fact]
    public void Total_variation_complement_matches_the_SDMetrics_example()
    {
        // SDMetrics' own test: real a b c a a b, synthetic a b c a b c.
        // real a 3/6 b 2/6 c 1/6, synthetic a 2/6 b 2/6 c 2/6: TV = ½ (1/6 + 0 + 1/6) = 1/6.
        Distributions.TotalVariationComplement([3, 2, 1], [2, 2, 2]).ShouldBe(1 - 1.0 / 6, 1e-12);
    }

    [Fact]
    public void A_category_only_the_synthetic_data_has_gets_the_SDMetrics_regularisation()
    {
        // real a a, synthetic a b. SDMetrics gives the unseen b a real count of 1e-6, so real shares are
        // a 2/2.000001 and b 1e-6/2.000001; synthetic shares a ½ b ½.
        // TV = ½ (|½ − 0.9999995| + |½ − 0.0000005|) = 0.4999995 → score 0.5000005.
        Distributions.TotalVariationComplement([2, 0], [1, 1]).ShouldBe(0.5000005, 1e-9);
    }

    [Fact]
    public void Jensen_Shannon_distance_is_base_2_and_bounded_by_one()
    {
        Distributions.JensenShannonDistance([5, 0], [0, 7]).ShouldBe(1, 1e-12);
        Distributions.JensenShannonDistance([3, 3], [1, 1]).ShouldBe(0, 1e-12);
        // p = (½, ½), q = (1, 0), m = (¾, ¼): KL(p‖m) = ½ log2(⅔) + ½ log2(2) = 0.2075187, KL(q‖m) = log2(4/3) = 0.4150375,
        // divergence = ½ (0.2075187 + 0.4150375) = 0.3112781, distance = √ = 0.5579230.
        Distributions.JensenShannonDistance([1, 1], [2, 0]).ShouldBe(0.5579230452841438, 1e-12);
    }

    [Fact]
    public void Pearson_drops_rows_with_a_missing_value_and_is_undefined_for_constants()
    {
        Distributions.Pearson([1, 2, double.NaN, 3, 4], [2, 4, 100, 6, 8])!.Value.ShouldBe(1, 1e-12);
        Distributions.Pearson([1, 2, 3, 4], [4, 3, 2, 1])!.Value.ShouldBe(-1, 1e-12);
        // x 1 2 3, y 1 3 2: means 2 and 2; Σdxdy = 1·1 + 0 + 1·0 = 1, Σdx² = 2, Σdy² = 2 → r = ½.
        Distributions.Pearson([1, 2, 3], [1, 3, 2])!.Value.ShouldBe(0.5, 1e-12);
        Distributions.Pearson([1, 1, 1], [1, 2, 3]).ShouldBeNull();
        Distributions.Pearson([1, double.NaN], [1, 2]).ShouldBeNull();
    }

    [Fact]
    public void Contingency_distance_counts_missing_as_a_label_of_its_own()
    {
        // real (0,0) (0,1) (1,0) (1,1) a quarter each; synthetic (0,0) (0,0) (1,1) (1,1).
        // TV = ½ (|¼ − ½| + ¼ + ¼ + |¼ − ½|) = ½.
        Distributions.ContingencyDistance([0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 1, 1], [0, 0, 1, 1], 2, 2).ShouldBe(0.5, 1e-12);
        // real (0, missing), synthetic (0, 0): disjoint cells → 1.
        Distributions.ContingencyDistance([0], [-1], [0], [0], 1, 1).ShouldBe(1, 1e-12);
        Distributions.ContingencyDistance([0, 1], [-1, 0], [1, 0], [0, -1], 2, 1).ShouldBe(0, 1e-12);
    }

    [Fact]
    public void Contingency_distance_of_high_cardinality_columns_counts_only_occurring_cells()
    {
        // 1000 × 1000 labels over 2 rows takes the sparse path. real (0,0) (999,999), synthetic (0,0) (5,5):
        // TV = ½ (0 + ½ + ½) = ½; with a missing value in the last label slot the same.
        Distributions.ContingencyDistance([0, 999], [0, 999], [0, 5], [0, 5], 1000, 1000).ShouldBe(0.5, 1e-12);
        Distributions.ContingencyDistance([0, -1], [0, -1], [0, -1], [0, -1], 1000, 1000).ShouldBe(0, 1e-12);
    }

    [Fact]
    public void Bins_follow_numpy_histogram_edges_and_digitize()
    {
        double[] edges = Distributions.BinEdges(0, 10);
        edges.ShouldBe([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        // digitize = number of edges ≤ value: below the minimum 0, the minimum 1, the maximum alone in 11.
        Distributions.Digitize(-1, edges).ShouldBe(0);
        Distributions.Digitize(0, edges).ShouldBe(1);
        Distributions.Digitize(5, edges).ShouldBe(6);
        Distributions.Digitize(9.99, edges).ShouldBe(10);
        Distributions.Digitize(10, edges).ShouldBe(11);
        Distributions.Digitize(1e9, edges).ShouldBe(11);
        Distributions.Digitize(double.NaN, edges).ShouldBe(-1);
        // A constant column: numpy widens the range to value ± 0.5.
        Distributions.BinEdges(3, 3)[0].ShouldBe(2.5);
        Distributions.BinEdges(3, 3)[^1].ShouldBe(3.5);
    }
}
