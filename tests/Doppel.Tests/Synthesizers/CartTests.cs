using Doppel.Data;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Cart;

namespace Doppel.Tests.Synthesizers;

public class CartTests
{
    /// <summary>x an integer in 1..10, y = 2x, kind a category fixed by x, noise independent of all.</summary>
    private static (Table Table, Metadata Metadata) Deterministic(int rows = 3000)
    {
        var rng = Rng.FromSeed(21);
        var x = new double[rows];
        var y = new double[rows];
        var kind = new int[rows];
        var noise = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = 1 + rng.NextInt(10);
            y[i] = 2 * x[i];
            kind[i] = x[i] <= 3 ? 0 : x[i] <= 7 ? 1 : 2;
            noise[i] = Math.Round(rng.NextGaussian(), 3);
        }
        var table = new Table([new NumericColumn("x", x), new NumericColumn("y", y), new CategoricalColumn("kind", kind, ["small", "medium", "large"]), new NumericColumn("noise", noise)]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
            new ColumnMetadata("y", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
            new ColumnMetadata("kind", ColumnType.Categorical),
            new ColumnMetadata("noise", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 3 },
        ]);
        return (table, metadata);
    }

    [Fact]
    public void A_deterministic_relation_holds_in_at_least_99_percent_of_rows()
    {
        var (table, metadata) = Deterministic();
        Table synthetic = new CartSynthesizer().Fit(table, metadata, new FitOptions { Seed = 1 }).Sample(5000, seed: 2);
        double[] x = ((NumericColumn)synthetic["x"]).Values, y = ((NumericColumn)synthetic["y"]).Values;
        CategoricalColumn kind = (CategoricalColumn)synthetic["kind"];
        string Expected(double v) => v <= 3 ? "small" : v <= 7 ? "medium" : "large";
        Enumerable.Range(0, 5000).Count(i => y[i] == 2 * x[i]).ShouldBeGreaterThanOrEqualTo(4950);
        Enumerable.Range(0, 5000).Count(i => kind[i] == Expected(x[i])).ShouldBeGreaterThanOrEqualTo(4950);
        x.Distinct().Count().ShouldBe(10);
    }

    [Fact]
    public void The_visit_order_is_user_settable_and_its_first_column_is_the_only_one_without_a_tree()
    {
        var (table, metadata) = Deterministic(1000);
        var model = (CartModel)new CartSynthesizer(new CartOptions { VisitOrder = ["noise", "kind"] }).Fit(table, metadata).Learned;
        model.VisitOrder.Take(2).ShouldBe(["noise", "kind"]);
        model.VisitOrder.Count.ShouldBe(4);
        model.Leaves["noise"].ShouldBe(1);
        model.Leaves["y"].ShouldBeGreaterThan(1);
        Should.Throw<UsageException>(() => new CartSynthesizer(new CartOptions { VisitOrder = ["nope"] }).Fit(table, metadata))
            .Message.ShouldContain("Learned columns: x, y, kind, noise");
        Should.Throw<ArgumentException>(() => new CartOptions { VisitOrder = ["x", "x"] });
    }

    [Fact]
    public void Default_order_starts_from_a_column_and_places_the_dependent_ones_before_the_noise()
    {
        var (table, metadata) = Deterministic(2000);
        var model = (CartModel)new CartSynthesizer().Fit(table, metadata).Learned;
        model.VisitOrder[^1].ShouldBe("noise");
    }

    [Fact]
    public void Equality_on_the_first_column_is_native_and_on_any_other_column_left_to_rejection()
    {
        var (table, metadata) = Deterministic(2000);
        var model = new CartSynthesizer(new CartOptions { VisitOrder = ["kind"] }).Fit(table, metadata);
        model.Learned.SupportsNatively(new Condition("kind", "large")).ShouldBeTrue();
        model.Learned.SupportsNatively(new Condition("x", "4")).ShouldBeFalse();
        model.Learned.SupportsNatively(Condition.Parse("kind>=1")).ShouldBeFalse();
        Table rows = model.Sample(2000, seed: 4, new ConditionSet([new Condition("kind", "large")]));
        ((NumericColumn)rows["x"]).Values.ShouldAllBe(v => v >= 8);
        Table byRejection = model.Sample(700, seed: 4, new ConditionSet([new Condition("x", "2")]));
        byRejection.RowCount.ShouldBe(700);
        ((NumericColumn)byRejection["y"]).Values.ShouldAllBe(v => v == 4);
    }

    [Fact]
    public void Smoothing_keeps_floats_inside_their_bounds_and_leaves_integers_whole()
    {
        var (table, metadata) = TestTables.Mixed(2000);
        Table smoothed = new CartSynthesizer(new CartOptions { Smoothing = true }).Fit(table, metadata).Sample(4000, seed: 3);
        double[] realX = ((NumericColumn)table["x"]).Values;
        double[] x = ((NumericColumn)smoothed["x"]).Values;
        x.ShouldAllBe(v => v >= realX.Min() && v <= realX.Max());
        x.Count(v => !realX.Contains(v)).ShouldBeGreaterThan(1000, "smoothing draws values between the donors");
        ((NumericColumn)smoothed["count"]).Values.Where(v => !double.IsNaN(v)).ShouldAllBe(v => v == Math.Floor(v));

        Table raw = new CartSynthesizer().Fit(table, metadata).Sample(4000, seed: 3);
        var observed = realX.ToHashSet();
        ((NumericColumn)raw["x"]).Values.ShouldAllBe(v => observed.Contains(v));
    }

    [Fact]
    public void Smoothing_keeps_point_masses_and_later_columns_follow_the_unsmoothed_donor()
    {
        // A duration is zero exactly when no page was visited: smoothing the zeros, or routing on smoothed values,
        // would break both the zero share and the link.
        var rng = Rng.FromSeed(5);
        const int Rows = 3000;
        var duration = new double[Rows];
        var pages = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            bool visited = rng.NextDouble() < 0.3;
            pages[i] = visited ? 1 + rng.NextInt(5) : 0;
            duration[i] = visited ? Math.Round(pages[i] * 20 * -Math.Log(rng.NextOpenDouble()), 2) : 0;
        }
        var table = new Table([new NumericColumn("duration", duration), new NumericColumn("pages", pages)]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("duration", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2 },
            new ColumnMetadata("pages", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
        ]);
        Table synthetic = new CartSynthesizer(new CartOptions { VisitOrder = ["duration"], Smoothing = true }).Fit(table, metadata).Sample(6000, seed: 1);
        double[] d = ((NumericColumn)synthetic["duration"]).Values, p = ((NumericColumn)synthetic["pages"]).Values;
        ((double)d.Count(v => v == 0) / d.Length).ShouldBe(0.7, 0.03);
        Enumerable.Range(0, 6000).Count(i => (d[i] == 0) == (p[i] == 0)).ShouldBeGreaterThanOrEqualTo(5940);
        d.Count(v => v > 0 && !duration.Contains(v)).ShouldBeGreaterThan(500, "the positive durations are smoothed");
    }

    [Fact]
    public void A_larger_minimum_leaf_gives_coarser_trees_and_the_correlations_survive()
    {
        var (table, metadata) = TestTables.Mixed(3000);
        var fine = new CartSynthesizer().Fit(table, metadata);
        var coarse = (CartModel)new CartSynthesizer(new CartOptions { MinLeafSize = 200 }).Fit(table, metadata).Learned;
        var fineLeaves = ((CartModel)fine.Learned).Leaves;
        coarse.Leaves.Where(p => p.Value > 1).ShouldAllBe(p => p.Value <= 3000 / 200 && p.Value < fineLeaves[p.Key]);
        Table synthetic = fine.Sample(4000, seed: 5);
        TestTables.Pearson(((NumericColumn)synthetic["x"]).Values, ((NumericColumn)synthetic["y"]).Values)
            .ShouldBe(TestTables.Pearson(((NumericColumn)table["x"]).Values, ((NumericColumn)table["y"]).Values), 0.03);
    }

    [Fact]
    public void A_damaged_or_newer_parameter_file_is_refused_with_the_reason()
    {
        var (table, metadata) = Deterministic(500);
        var model = (CartModel)new CartSynthesizer(new CartOptions { VisitOrder = ["x", "y", "kind", "noise"] }).Fit(table, metadata).Learned;
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream)) model.WriteParameters(writer);
        string json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        CartModel Read(string text)
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return CartModel.ReadParameters(model.Metadata, document.RootElement.Clone());
        }
        Read(json).VisitOrder.ShouldBe(["x", "y", "kind", "noise"]);
        Should.Throw<ModelFormatException>(() => Read(json.Replace("\"order\":[0,1,2,3]", "\"order\":[3,2,1,0]", StringComparison.Ordinal)))
            .Message.ShouldContain("visit position 1");
        Should.Throw<ModelFormatException>(() => Read(json.Replace("\"order\":[0,1,2,3]", "\"order\":[0,1,1,3]", StringComparison.Ordinal)))
            .Message.ShouldContain("not a permutation");
        Should.Throw<ModelFormatException>(() => Read(json.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal)))
            .Message.ShouldContain("Update Doppel");
    }

    [DatasetFact("adult/train.csv")]
    public void On_Adult_every_marginal_and_the_household_links_are_kept()
    {
        LoadedTable real = TableLoader.Load(Datasets.Require("adult/train.csv"));
        Table synthetic = new CartSynthesizer().Fit(real.Table, real.Metadata, new FitOptions { Seed = 1 }).Sample(real.Table.RowCount, seed: 2);
        foreach (var (column, metric, score) in ColumnShapes.Score(real.Table, synthetic, real.Metadata))
            score.ShouldBeGreaterThan(0.97, $"{column} ({metric})");
        // A husband is married; CART keeps the link the copula blurs.
        double Share(Table t)
        {
            var relationship = (CategoricalColumn)t["relationship"];
            var marital = (CategoricalColumn)t["marital-status"];
            int husbands = 0, married = 0;
            for (int i = 0; i < t.RowCount; i++)
                if (relationship[i] == "Husband") { husbands++; if (marital[i]!.StartsWith("Married", StringComparison.Ordinal)) married++; }
            return (double)married / husbands;
        }
        Share(synthetic).ShouldBe(Share(real.Table), 0.01);
    }
}
