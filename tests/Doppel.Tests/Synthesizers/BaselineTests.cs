using Doppel.Data;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Baselines;

namespace Doppel.Tests.Synthesizers;

public class BaselineTests
{
    [Fact]
    public void Independent_keeps_each_marginal_and_loses_every_correlation()
    {
        var (table, metadata) = TestTables.Mixed(4000);
        Table synthetic = new IndependentSynthesizer().Fit(table, metadata).Sample(8000, seed: 1);
        double[] realX = ((NumericColumn)table["x"]).Values, x = ((NumericColumn)synthetic["x"]).Values;
        TestTables.Pearson(realX, ((NumericColumn)table["y"]).Values).ShouldBeGreaterThan(0.9);
        Math.Abs(TestTables.Pearson(x, ((NumericColumn)synthetic["y"]).Values)).ShouldBeLessThan(0.05);
        var observed = realX.ToHashSet();
        x.ShouldAllBe(v => observed.Contains(v));
        x.Average().ShouldBe(realX.Average(), 0.05);
        int[] realGroups = ((CategoricalColumn)table["group"]).Codes, groups = ((CategoricalColumn)synthetic["group"]).Codes;
        for (int code = -1; code < 3; code++)
            ((double)groups.Count(g => g == code) / groups.Length).ShouldBe((double)realGroups.Count(g => g == code) / realGroups.Length, 0.02, $"group code {code}");
    }

    [Fact]
    public void Uniform_stays_in_the_observed_range_rounds_integers_and_keeps_the_missing_rate()
    {
        var (table, metadata) = TestTables.Mixed(3000);
        Table synthetic = new UniformSynthesizer().Fit(table, metadata).Sample(6000, seed: 2);
        double[] realX = ((NumericColumn)table["x"]).Values, x = ((NumericColumn)synthetic["x"]).Values;
        x.ShouldAllBe(v => v >= realX.Min() && v <= realX.Max());
        // Uniform, not the real bell shape: the outer thirds of the range hold about two thirds of the rows.
        double third = (realX.Max() - realX.Min()) / 3;
        ((double)x.Count(v => v < realX.Min() + third || v > realX.Max() - third) / x.Length).ShouldBe(2.0 / 3, 0.03);
        double[] count = ((NumericColumn)synthetic["count"]).Values;
        count.ShouldAllBe(v => v == Math.Floor(v) && v >= 0 && v <= 20);
        count.Distinct().Count().ShouldBe(21);
        long[] realWhen = [.. ((DateTimeColumn)table["when"]).Ticks];
        ((DateTimeColumn)synthetic["when"]).Ticks.ShouldAllBe(t => t >= realWhen.Min() && t <= realWhen.Max());
        ((double)synthetic["y"].MissingCount() / 6000).ShouldBe((double)table["y"].MissingCount() / 3000, 0.02);
        int[] groups = ((CategoricalColumn)synthetic["group"]).Codes;
        for (int code = 0; code < 3; code++) ((double)groups.Count(g => g == code) / groups.Length).ShouldBe(0.95 / 3, 0.03);
    }

    [Fact]
    public void A_bound_on_a_baseline_is_met_by_rejection_with_exact_counts()
    {
        var (table, metadata) = TestTables.Mixed(1000);
        SynthesizerModel model = new UniformSynthesizer().Fit(table, metadata);
        model.Learned.SupportsNatively(Condition.Parse("count>=10")).ShouldBeFalse();
        model.Learned.SupportsNatively(new Condition("group", "low")).ShouldBeTrue();
        Table rows = model.Sample(900, seed: 1, new ConditionSet([Condition.Parse("count>=10")]));
        rows.RowCount.ShouldBe(900);
        ((NumericColumn)rows["count"]).Values.ShouldAllBe(v => v >= 10);
    }
}
