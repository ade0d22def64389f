using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Tests.Synthesizers;

public class GaussianCopulaTests
{
    private static readonly Lazy<(Table Table, Metadata Metadata, SynthesizerModel Model)> Fitted = new(() =>
    {
        var (table, metadata) = TestTables.Mixed();
        return (table, metadata, new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = 3 }));
    });

    [Fact]
    public void Sample_keeps_every_marginal()
    {
        var (table, metadata, model) = Fitted.Value;
        Table synthetic = model.Sample(8000, seed: 1);
        var shapes = ColumnShapes.Score(table, synthetic, metadata);
        shapes.Count.ShouldBe(6);
        foreach (var (column, metric, score) in shapes)
            score.ShouldBeGreaterThan(metric == "TVComplement" ? 0.97 : 0.95, $"{column} ({metric})");
    }

    [Fact]
    public void Sample_keeps_correlations_between_numbers_categories_and_dates()
    {
        var (table, _, model) = Fitted.Value;
        Table synthetic = model.Sample(8000, seed: 2);
        double Real(string a, string b) => TestTables.Pearson(Values(table[a]), Values(table[b]));
        double Synth(string a, string b) => TestTables.Pearson(Values(synthetic[a]), Values(synthetic[b]));
        Synth("x", "y").ShouldBe(Real("x", "y"), 0.05);
        Synth("x", "when").ShouldBe(Real("x", "when"), 0.05);
        // group is ordered low < mid < high by x; the copula keeps that dependency.
        var high = Enumerable.Range(0, synthetic.RowCount).Where(i => ((CategoricalColumn)synthetic["group"])[i] == "high").ToArray();
        high.Average(i => ((NumericColumn)synthetic["x"]).Values[i]).ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void Sample_keeps_missing_rates_and_learned_bounds_and_integer_steps()
    {
        var (table, metadata, model) = Fitted.Value;
        Table synthetic = model.Sample(8000, seed: 3);
        double[] y = ((NumericColumn)synthetic["y"]).Values;
        (y.Count(double.IsNaN) / (double)y.Length).ShouldBe(0.1, 0.02);
        ((CategoricalColumn)synthetic["group"]).Codes.Count(c => c < 0).ShouldBeInRange(250, 560);
        double[] x = ((NumericColumn)synthetic["x"]).Values;
        double[] realX = ((NumericColumn)table["x"]).Values;
        x.Min().ShouldBeGreaterThanOrEqualTo(realX.Min());
        x.Max().ShouldBeLessThanOrEqualTo(realX.Max());
        ((NumericColumn)synthetic["count"]).Values.ShouldAllBe(v => v == Math.Floor(v));
        x.ShouldAllBe(v => Math.Abs(v * 1000 - Math.Round(v * 1000)) < 1e-6);
        ((DateTimeColumn)synthetic["when"]).Ticks.ShouldAllBe(t => t % TimeSpan.TicksPerDay == 0);
    }

    [Fact]
    public void Missingness_that_depends_on_another_column_survives()
    {
        var rng = new Rng(9);
        const int rows = 5000;
        var x = new double[rows];
        var z = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = rng.NextGaussian();
            z[i] = x[i] > 0.8 ? double.NaN : rng.NextGaussian();
        }
        var table = new Table([new NumericColumn("x", x), new NumericColumn("z", z)]);
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }, new ColumnMetadata("z", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }]);
        Table synthetic = new GaussianCopulaSynthesizer().Fit(table, metadata).Sample(5000, seed: 4);
        double[] sx = ((NumericColumn)synthetic["x"]).Values, sz = ((NumericColumn)synthetic["z"]).Values;
        double meanXWhereMissing = Enumerable.Range(0, rows).Where(i => double.IsNaN(sz[i])).Average(i => sx[i]);
        double meanXWherePresent = Enumerable.Range(0, rows).Where(i => !double.IsNaN(sz[i])).Average(i => sx[i]);
        meanXWhereMissing.ShouldBeGreaterThan(meanXWherePresent + 1.0);
    }

    [Fact]
    public void Conditional_sampling_returns_exactly_n_matching_rows_without_rejection()
    {
        var (_, _, model) = Fitted.Value;
        Table rows = model.Sample(1234, seed: 5, new ConditionSet([new Condition("group", "high")]));
        rows.RowCount.ShouldBe(1234);
        var group = (CategoricalColumn)rows["group"];
        Enumerable.Range(0, rows.RowCount).ShouldAllBe(i => group[i] == "high");
        ((NumericColumn)rows["x"]).Values.Average().ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void Several_conditions_hold_together()
    {
        var (_, _, model) = Fitted.Value;
        Table rows = model.Sample(500, seed: 6, new ConditionSet([new Condition("group", "low"), new Condition("flag", "no")]));
        rows.RowCount.ShouldBe(500);
        var group = (CategoricalColumn)rows["group"];
        var flag = (CategoricalColumn)rows["flag"];
        Enumerable.Range(0, 500).ShouldAllBe(i => group[i] == "low" && flag[i] == "no");
    }

    [Fact]
    public void A_condition_on_a_value_never_seen_is_infeasible_and_lists_the_values()
    {
        var (_, _, model) = Fitted.Value;
        var error = Should.Throw<InfeasibleRequestException>(() => model.Sample(10, conditions: new ConditionSet([new Condition("group", "huge")])));
        error.Message.ShouldContain("'huge' never occurs in column 'group'");
        error.Message.ShouldContain("'mid'");
        error.ExitCode.ShouldBe(4);
    }

    [Fact]
    public void Equality_on_a_number_on_its_decimal_grid_holds_and_an_unknown_column_is_a_usage_error()
    {
        var (_, _, model) = Fitted.Value;
        // x keeps 3 decimals, so x=1 is a value it can take exactly.
        ((NumericColumn)model.Sample(50, conditions: new ConditionSet([new Condition("x", "1")]))["x"]).Values.ShouldAllBe(v => v == 1);
        Should.Throw<UsageException>(() => model.Sample(10, conditions: new ConditionSet([new Condition("nope", "1")]))).Message.ShouldContain("group");
    }

    [Fact]
    public void Same_seed_same_rows_and_another_seed_other_rows_and_sampling_leaves_the_model_unchanged()
    {
        var (_, _, model) = Fitted.Value;
        Table first = model.Sample(300, seed: 10);
        model.Sample(5000, seed: 99);
        Table again = model.Sample(300, seed: 10);
        Table other = model.Sample(300, seed: 11);
        ((NumericColumn)again["x"]).Values.ShouldBe(((NumericColumn)first["x"]).Values);
        ((CategoricalColumn)again["group"]).Codes.ShouldBe(((CategoricalColumn)first["group"]).Codes);
        ((NumericColumn)other["x"]).Values.ShouldNotBe(((NumericColumn)first["x"]).Values);
    }

    [Fact]
    public void Fitting_twice_with_the_same_seed_gives_the_same_model()
    {
        var (table, metadata) = TestTables.Mixed(1000);
        var a = new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = 1 });
        var b = new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = 1 });
        ((GaussianCopulaModel)a.Learned).CorrelationMatrix.ShouldBe(((GaussianCopulaModel)b.Learned).CorrelationMatrix);
    }

    [Fact]
    public void Pii_is_regenerated_never_copied_and_ids_are_unique()
    {
        var (table, _, model) = Fitted.Value;
        Table synthetic = model.Sample(8000, seed: 7);
        var realEmails = ((TextColumn)table["email"]).Values.ToHashSet();
        string?[] emails = ((TextColumn)synthetic["email"]).Values;
        emails.ShouldAllBe(e => e != null && e.Contains('@'));
        emails.Count(e => realEmails.Contains(e)).ShouldBe(0);
        string?[] ids = ((TextColumn)synthetic["id"]).Values;
        ids.Distinct().Count().ShouldBe(ids.Length);
    }

    [Fact]
    public void A_forced_marginal_is_used()
    {
        var (table, metadata) = TestTables.Mixed(1000);
        metadata = metadata.With(metadata["x"] with { Distribution = Distribution.Uniform });
        var model = new GaussianCopulaSynthesizer(new GaussianCopulaOptions { DefaultDistribution = Distribution.Normal }).Fit(table, metadata);
        var marginals = ((GaussianCopulaModel)model.Learned).Marginals;
        marginals["x"].ShouldBe(Distribution.Uniform);
        marginals["y"].ShouldBe(Distribution.Normal);
    }

    [Fact]
    public void Constant_and_entirely_missing_columns_are_reproduced()
    {
        const int rows = 200;
        var table = new Table(
        [
            new NumericColumn("constant", Enumerable.Repeat(5.0, rows).ToArray()),
            new NumericColumn("empty", Enumerable.Repeat(double.NaN, rows).ToArray()),
            new NumericColumn("x", Enumerable.Range(0, rows).Select(i => (double)i).ToArray()),
        ]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("constant", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata("empty", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
        ]);
        Table synthetic = new GaussianCopulaSynthesizer().Fit(table, metadata).Sample(100, seed: 1);
        ((NumericColumn)synthetic["constant"]).Values.ShouldAllBe(v => v == 5.0);
        ((NumericColumn)synthetic["empty"]).Values.ShouldAllBe(v => double.IsNaN(v));
    }

    [Fact]
    public void One_row_is_refused_with_a_clear_message()
    {
        var table = new Table([new NumericColumn("x", [1.0])]);
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }]);
        Should.Throw<DataFormatException>(() => new GaussianCopulaSynthesizer().Fit(table, metadata)).Message.ShouldContain("1 row");
    }

    private static double[] Values(Column column) => column switch
    {
        NumericColumn n => n.Values,
        DateTimeColumn d => [.. d.Ticks.Select(t => t == DateTimeColumn.Missing ? double.NaN : t)],
        _ => throw new ArgumentException(column.Name),
    };
}
