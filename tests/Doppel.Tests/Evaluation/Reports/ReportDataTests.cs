using Doppel.Data;
using Doppel.Evaluation.Reports;

namespace Doppel.Tests.Evaluation.Reports;

public sealed class ReportDataTests
{
    [Fact]
    public void Bins_are_equal_width_over_the_real_range_and_synthetic_values_outside_are_counted_apart()
    {
        BinnedShares bins = Binning.Shares([0, 1, 2, 3, 4.5, 10], [-1, 0.5, 9.9, 11], bins: 4, wholeNumberBins: true)!;
        bins.Edges.ShouldBe([0, 2.5, 5, 7.5, 10]);
        bins.Real.ShouldBe([3 / 6.0, 2 / 6.0, 0, 1 / 6.0]);
        bins.Synthetic.ShouldBe([0.25, 0, 0, 0.25]);
        bins.SyntheticOutside.ShouldBe(0.5);
        bins.WholeNumbers.ShouldBeFalse();
    }

    [Fact]
    public void Few_whole_numbers_get_one_bin_each_and_a_constant_gets_one_bin()
    {
        BinnedShares whole = Binning.Shares([1, 2, 2, 4], [3], bins: 20, wholeNumberBins: true)!;
        whole.Edges.ShouldBe([0.5, 1.5, 2.5, 3.5, 4.5]);
        whole.Real.ShouldBe([0.25, 0.5, 0, 0.25]);
        whole.Synthetic.ShouldBe([0, 0, 1, 0]);
        whole.WholeNumbers.ShouldBeTrue();

        BinnedShares constant = Binning.Shares([6.3e17, 6.3e17], [6.3e17], bins: 20, wholeNumberBins: false)!;
        constant.Edges.Length.ShouldBe(2);
        constant.Edges[1].ShouldBeGreaterThan(constant.Edges[0]);
        constant.Real.ShouldBe([1.0]);
        constant.Synthetic.ShouldBe([1.0]);
        Binning.Shares([], [1], 5, true).ShouldBeNull();
    }

    [Fact]
    public void Categories_keep_the_most_frequent_and_gather_the_rest_including_synthetic_only_values()
    {
        CategoricalColumn real = CategoricalColumn.FromValues("c", ["a", "a", "a", "b", "b", "c", "d", null]);
        CategoricalColumn synthetic = CategoricalColumn.FromValues("c", ["a", "b", "e", "e"]);
        CategoryShares shares = CategoryShares.From(real, synthetic, top: 2)!;
        shares.Labels.ShouldBe(["a", "b", "(3 other values)"]);
        shares.Real.ShouldBe([3 / 7.0, 2 / 7.0, 2 / 7.0]);
        shares.Synthetic.ShouldBe([0.25, 0.25, 0.5]);
        shares.Other.ShouldBe(3);
        // One leftover category is shown by name rather than as a bucket of one.
        CategoryShares.From(real, synthetic, top: 4)!.Labels.ShouldBe(["a", "b", "c", "d", "e"]);
    }

    [Fact]
    public void Pearson_matches_a_hand_computed_value_on_pairwise_complete_rows()
    {
        // x = 1,2,3,4 and y = 2,4,5,4: Σdxdy = 3.5, Σdx² = 5, Σdy² = 4.75, r = 3.5 / √23.75.
        double nan = double.NaN;
        double?[,] r = CorrelationMatrix.Pearson([[1, 2, nan, 3, 4], [2, 4, 100, 5, 4], [7, 7, 7, 7, 7]]);
        r[0, 1]!.Value.ShouldBe(3.5 / Math.Sqrt(23.75), 1e-12);
        r[1, 0].ShouldBe(r[0, 1]);
        r[0, 0].ShouldBe(1.0);
        r[0, 2].ShouldBeNull(); // constant column
        r[2, 2].ShouldBeNull();
        CorrelationMatrix.Pearson([[1, nan], [nan, 1]])[0, 1].ShouldBeNull(); // no complete row
    }
}
