using Doppel.Data;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Tests.Synthesizers;

public class RangeConditionTests
{
    private static readonly Lazy<(Table Table, SynthesizerModel Model)> Fitted = new(() =>
    {
        var (table, metadata) = TestTables.Mixed();
        return (table, new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = 3 }));
    });

    private static Table Sample(int rows, params string[] conditions) =>
        Fitted.Value.Model.Sample(rows, seed: 7, new ConditionSet(conditions.Select(Condition.Parse)));

    private static double[] Numbers(Table table, string column) => ((NumericColumn)table[column]).Values;

    [Theory]
    [InlineData("income='>50K'", "income", ConditionOperator.Equal, ">50K")]
    [InlineData("age>=60", "age", ConditionOperator.GreaterOrEqual, "60")]
    [InlineData("age > 60", "age", ConditionOperator.Greater, "60")]
    [InlineData("x<=2.5", "x", ConditionOperator.LessOrEqual, "2.5")]
    [InlineData("x<-1", "x", ConditionOperator.Less, "-1")]
    [InlineData("flag=\"a=b\"", "flag", ConditionOperator.Equal, "a=b")]
    public void Conditions_parse_as_written(string text, string column, ConditionOperator op, string value)
    {
        Condition condition = Condition.Parse(text);
        (condition.Column, condition.Operator, condition.Value).ShouldBe((column, op, value));
    }

    [Fact]
    public void A_bound_on_a_float_returns_exactly_n_rows_inside_it_and_moves_correlated_columns()
    {
        Table rows = Sample(3000, "x>1");
        rows.RowCount.ShouldBe(3000);
        Numbers(rows, "x").ShouldAllBe(v => v > 1);
        // y = 2x + noise in the real data, so y follows x up.
        Numbers(rows, "y").Where(v => !double.IsNaN(v)).Average().ShouldBeGreaterThan(2.5);
    }

    [Fact]
    public void Bounds_on_one_column_intersect_and_integers_respect_strict_bounds()
    {
        Table rows = Sample(2000, "x>=-0.25", "x<0.25", "count>2", "count<=4");
        Numbers(rows, "x").ShouldAllBe(v => v >= -0.25 && v < 0.25);
        Numbers(rows, "count").ShouldAllBe(v => v == 3 || v == 4);
        Numbers(rows, "count").Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void Equality_on_an_integer_and_a_bound_on_a_date_and_a_category_combine()
    {
        Table rows = Sample(1500, "count=2", "when>=2021-03-01", "group=high");
        rows.RowCount.ShouldBe(1500);
        Numbers(rows, "count").ShouldAllBe(v => v == 2);
        long first = new DateTime(2021, 3, 1).Ticks;
        ((DateTimeColumn)rows["when"]).Ticks.ShouldAllBe(t => t >= first);
        var group = (CategoricalColumn)rows["group"];
        Enumerable.Range(0, rows.RowCount).ShouldAllBe(i => group[i] == "high");
    }

    [Fact]
    public void A_bound_on_a_column_with_missing_values_returns_present_values()
    {
        Numbers(Sample(1000, "y>=0"), "y").ShouldAllBe(v => v >= 0);
    }

    [Fact]
    public void Impossible_or_meaningless_bounds_say_why()
    {
        Should.Throw<InfeasibleRequestException>(() => Sample(10, "x>100")).Message.ShouldContain("between");
        Should.Throw<InfeasibleRequestException>(() => Sample(10, "x>1", "x<0")).Message.ShouldContain("no row can meet them all");
        Should.Throw<InfeasibleRequestException>(() => Sample(10, "count=2.5")).Message.ShouldContain("steps of 1");
        Should.Throw<UsageException>(() => Sample(10, "group>2")).Message.ShouldContain("Use group=value");
        Should.Throw<UsageException>(() => Sample(10, "x>abc")).Message.ShouldContain("must be a number");
        Should.Throw<UsageException>(() => Sample(10, "when>yesterday")).Message.ShouldContain("datetime");
    }
}
