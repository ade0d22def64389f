using Doppel.Constraints;
using Doppel.Data;
using Doppel.Models;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Baselines;
using Doppel.Synthesizers.Cart;
using Doppel.Synthesizers.BayesianNetwork;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Tests.Constraints;

public class ConstraintTests
{
    internal static readonly Constraint[] Rules =
    [
        new Inequality("start", "end"),
        new Inequality("price", "list_price", Strict: false),
        new Between("paid", "price", "list_price"),
        ScalarRange.Positive("amount"),
        new ScalarRange("score", 1, 5),
        new FixedIncrements("pack", 5),
        new FixedCombinations(["country", "city"]),
        new ConditionalNull("coupon", "coupon_value"),
        new ColumnFormula("total", "round(price * 2 + pack, 2)"),
        new OneHot(["card", "cash", "transfer"]),
        new Unique(["serial"]),
    ];

    /// <summary>Orders that meet every rule, with missing values where the rules allow them.</summary>
    internal static (Table Table, Metadata Metadata) Orders(int rows = 1500)
    {
        var rng = new Rng(7);
        var start = new long[rows];
        var end = new long[rows];
        var price = new double[rows];
        var list = new double[rows];
        var paid = new double[rows];
        var amount = new double[rows];
        var score = new double[rows];
        var pack = new double[rows];
        var country = new string?[rows];
        var city = new string?[rows];
        var coupon = new string?[rows];
        var couponValue = new double[rows];
        var total = new double[rows];
        var serial = new double[rows];
        double[][] payment = [new double[rows], new double[rows], new double[rows]];
        (string Country, string City)[] places = [("DE", "Berlin"), ("DE", "Munich"), ("FR", "Paris"), ("FR", "Lyon"), ("US", "Boston")];
        long day = TimeSpan.TicksPerDay, origin = new DateTime(2024, 1, 1).Ticks;
        for (int i = 0; i < rows; i++)
        {
            start[i] = origin + rng.NextInt(300) * day;
            end[i] = start[i] + (1 + rng.NextInt(30)) * day;
            price[i] = Math.Round(10 + 90 * rng.NextDouble(), 2);
            list[i] = rng.NextDouble() < 0.2 ? price[i] : Math.Round(price[i] * (1 + rng.NextDouble()), 2);
            paid[i] = Math.Round(price[i] + (list[i] - price[i]) * rng.NextDouble(), 2);
            amount[i] = Math.Round(Math.Exp(rng.NextGaussian()), 3);
            score[i] = 1 + rng.NextInt(5);
            pack[i] = 5 * (1 + rng.NextInt(8));
            (country[i], city[i]) = places[rng.NextInt(places.Length)];
            bool hasCoupon = rng.NextDouble() < 0.4;
            coupon[i] = hasCoupon ? (rng.NextDouble() < 0.5 ? "SPRING" : "VIP") : null;
            couponValue[i] = hasCoupon ? Math.Round(5 + 10 * rng.NextDouble(), 1) : double.NaN;
            total[i] = Math.Round(price[i] * 2 + pack[i], 2);
            serial[i] = i * 97 + rng.NextInt(97);
            payment[rng.NextDouble() < 0.6 ? 0 : rng.NextDouble() < 0.5 ? 1 : 2][i] = 1;
        }
        var table = new Table(
        [
            new DateTimeColumn("start", start), new DateTimeColumn("end", end),
            new NumericColumn("price", price), new NumericColumn("list_price", list), new NumericColumn("paid", paid),
            new NumericColumn("amount", amount), new NumericColumn("score", score), new NumericColumn("pack", pack),
            CategoricalColumn.FromValues("country", country), CategoricalColumn.FromValues("city", city),
            CategoricalColumn.FromValues("coupon", coupon), new NumericColumn("coupon_value", couponValue),
            new NumericColumn("total", total), new NumericColumn("serial", serial),
            new NumericColumn("card", payment[0]), new NumericColumn("cash", payment[1]), new NumericColumn("transfer", payment[2]),
        ]);
        ColumnMetadata Whole(string name) => new(name, ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 };
        ColumnMetadata Money(string name) => new(name, ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2 };
        var metadata = new Metadata(
        [
            new ColumnMetadata("start", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("end", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            Money("price"), Money("list_price"), Money("paid"),
            new ColumnMetadata("amount", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 3 },
            new ColumnMetadata("score", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
            new ColumnMetadata("pack", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
            new ColumnMetadata("country", ColumnType.Categorical), new ColumnMetadata("city", ColumnType.Categorical),
            new ColumnMetadata("coupon", ColumnType.Categorical),
            new ColumnMetadata("coupon_value", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 1 },
            Money("total"), Whole("serial"), Whole("card"), Whole("cash"), Whole("transfer"),
        ]) { Constraints = Rules };
        return (table, metadata);
    }

    /// <summary>Every registered synthesizer, configured to fit in a test's time; a new one must be added here.</summary>
    private static ISynthesizer Fast(SynthesizerKind kind) => kind switch
    {
        SynthesizerKind.GaussianCopula => new GaussianCopulaSynthesizer(),
        SynthesizerKind.Ctgan => new CtganSynthesizer(new CtganOptions { Epochs = 2 }),
        SynthesizerKind.Tvae => new TvaeSynthesizer(new TvaeOptions { Epochs = 2 }),
        SynthesizerKind.Cart => new CartSynthesizer(),
        SynthesizerKind.Independent => new IndependentSynthesizer(),
        SynthesizerKind.Uniform => new UniformSynthesizer(),
        SynthesizerKind.BayesNet => new BayesNetSynthesizer(),
        _ => throw new InvalidOperationException($"Add a fast configuration of {kind} to the constraint contract test."),
    };

    public static TheoryData<string> Synthesizers() => [.. SynthesizerRegistry.All];

    /// <summary>
    /// Rows a contract test asks for. Donor synthesizers (cart, independent) only ever emit observed values, so a unique
    /// column has at most as many values as the real table has rows: they get fewer rows than the table holds (asking
    /// for more is refused, see the test below); the others get more than the table holds.
    /// </summary>
    private static int Rows(SynthesizerKind kind, int realRows, int wanted) =>
        kind is SynthesizerKind.Cart or SynthesizerKind.Independent ? realRows * 2 / 3 : wanted;

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Every_rule_holds_in_every_sampled_row_for_every_synthesizer(string name)
    {
        var (table, metadata) = Orders();
        SynthesizerKind kind = SynthesizerRegistry.Parse(name);
        SynthesizerModel model = Fast(kind).Fit(table, metadata, new FitOptions { Seed = 1 });
        int rows = Rows(kind, table.RowCount, 10_000);
        Table synthetic = model.Sample(rows, seed: 2);
        synthetic.RowCount.ShouldBe(rows);
        foreach (Constraint rule in Rules)
            rule.Check(synthetic, table).Count(ok => !ok).ShouldBe(0, $"{name}: {rule.Describe()}");
        // The rules shape the data without flattening it.
        ((NumericColumn)synthetic["pack"]).Values.Distinct().Count().ShouldBeGreaterThan(2, name);
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void A_code_predicate_holds_in_every_sampled_row_for_every_synthesizer(string name)
    {
        var (table, metadata) = Orders();
        var rule = new PredicateConstraint("Berlin orders under 60", row => row.Text("city") != "Berlin" || row.Number("price") < 60);
        Table kept = table.SelectRows([.. Enumerable.Range(0, table.RowCount).Where(r => rule.Holds(table, r))]);
        SynthesizerKind kind = SynthesizerRegistry.Parse(name);
        SynthesizerModel model = Fast(kind).Fit(kept, metadata with { Constraints = [.. Rules, rule] }, new FitOptions { Seed = 1 });
        int rows = Rows(kind, kept.RowCount, 5000);
        Table synthetic = model.Sample(rows, seed: 2);
        synthetic.RowCount.ShouldBe(rows);
        rule.Check(synthetic).Count(ok => !ok).ShouldBe(0, name);
        foreach (Constraint other in Rules) other.Check(synthetic, kept).Count(ok => !ok).ShouldBe(0, $"{name}: {other.Describe()}");
    }

    [Theory]
    [InlineData("cart")]
    [InlineData("independent")]
    public void A_donor_synthesizer_asked_for_more_unique_values_than_it_saw_is_refused_not_short(string name)
    {
        var (table, metadata) = Orders(300);
        SynthesizerModel model = Fast(SynthesizerRegistry.Parse(name)).Fit(table, metadata, new FitOptions { Seed = 1 });
        Should.Throw<InfeasibleRequestException>(() => model.Sample(1000, seed: 2)).Message.ShouldContain("serial is unique");
    }

    [Fact]
    public void Constraints_survive_the_model_file_and_the_metadata_file()
    {
        var (table, metadata) = Orders();
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        using var folder = new TempFolder();
        ModelFile.Save(model, folder.File("m.doppel"));
        SynthesizerModel loaded = ModelFile.Load(folder.File("m.doppel"));
        loaded.Metadata.Constraints.ShouldBe(Rules);
        ((NumericColumn)loaded.Sample(500, seed: 4)["paid"]).Values.ShouldBe(((NumericColumn)model.Sample(500, seed: 4)["paid"]).Values);
        MetadataJson.Parse(MetadataJson.ToJson(metadata), "round trip").ShouldBe(metadata);
    }

    [Fact]
    public void A_condition_on_a_rewritten_column_is_met_by_rejection_with_exact_counts()
    {
        var (table, metadata) = Orders();
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        Table rows = model.Sample(2000, seed: 5, new ConditionSet([Condition.Parse("end>=2024-08-01"), new Condition("city", "Paris")]));
        rows.RowCount.ShouldBe(2000);
        long limit = new DateTime(2024, 8, 1).Ticks;
        ((DateTimeColumn)rows["end"]).Ticks.ShouldAllBe(t => t >= limit);
        Enumerable.Range(0, 2000).ShouldAllBe(i => ((CategoricalColumn)rows["city"])[i] == "Paris" && ((CategoricalColumn)rows["country"])[i] == "FR");
        foreach (Constraint rule in Rules) rule.Check(rows, table).ShouldAllBe(ok => ok, rule.Describe());
    }

    [Fact]
    public void The_evaluation_reports_constraint_validity_per_rule()
    {
        var (table, metadata) = Orders(300);
        // A "synthetic" table that swaps start and end breaks exactly one rule in every row.
        var swapped = new Table(table.Columns.Select(c => c.Name == "start" ? table["end"].Rename("start") : c.Name == "end" ? table["start"].Rename("end") : c));
        var result = new Doppel.Evaluation.Diagnostic.ConstraintValidity().Compute(new Doppel.Evaluation.EvaluationInputs(table, swapped, metadata), default).Single();
        result.Score.ShouldBe(0);
        result.Breakdown[0].Item.ShouldBe("start < end");
        result.Breakdown.Skip(1).ShouldAllBe(p => p.Score == 1);
        new Doppel.Evaluation.Diagnostic.ConstraintValidity().Compute(new Doppel.Evaluation.EvaluationInputs(table, table, metadata), default).Single().Score.ShouldBe(1);
    }

    [Fact]
    public void Conflicting_or_malformed_constraints_are_refused_when_declared_with_every_problem_listed()
    {
        const string json = """
            { "formatVersion": 1,
              "columns": [ { "name": "a", "type": "numerical", "subtype": "float" }, { "name": "b", "type": "numerical", "subtype": "float" },
                           { "name": "c", "type": "categorical" } ],
              "constraints": [ { "type": "inequality", "columns": ["a", "b"] }, { "type": "inequality", "low": "b", "high": "a" },
                               { "type": "range", "column": "a", "low": 5, "high": 1 }, { "type": "inequality", "low": "a", "high": "c" },
                               { "type": "between", "column": "zzz", "low": "a", "high": "b" }, { "type": "teleport" } ] }
            """;
        var error = Should.Throw<MetadataException>(() => MetadataJson.Parse(json, "m.json"));
        error.Message.ShouldContain("\"teleport\" is not");
        var cycle = """{ "formatVersion": 1, "columns": [ { "name": "a", "type": "numerical", "subtype": "float" }, { "name": "b", "type": "numerical", "subtype": "float" }, { "name": "d", "type": "numerical", "subtype": "float" } ], "constraints": [ { "type": "inequality", "columns": ["a", "b"] }, { "type": "between", "column": "a", "low": "b", "high": "d" } ] }""";
        Should.Throw<MetadataException>(() => MetadataJson.Parse(cycle, "m.json")).Message.ShouldContain("cycle");
        var (table, metadata) = Orders(50);
        var problems = ConstraintSet.Problems(metadata with { Constraints = [new Inequality("a", "b"), new ScalarRange("price", 5, 1), new Inequality("price", "country"), new FixedIncrements("price", 0), new Inequality("start", "end"), new Between("end", "start", "start")] });
        problems.Count.ShouldBe(7);
        problems.ShouldContain(p => p.Contains("no column 'a'"));
        problems.ShouldContain(p => p.Contains("no column 'b'"));
        problems.ShouldContain(p => p.Contains("a column appears twice"));
        problems.ShouldContain(p => p.Contains("low bound is above the high bound"));
        problems.ShouldContain(p => p.Contains("both columns must be numerical"));
        problems.ShouldContain(p => p.Contains("step a positive number"));
        problems.ShouldContain(p => p.Contains("already shaped by"));
    }

    [Fact]
    public void Data_that_breaks_a_declared_rule_is_refused_naming_the_rule_and_the_first_row()
    {
        var (table, metadata) = Orders(200);
        var broken = metadata with { Constraints = [new Inequality("list_price", "price")] };
        var error = Should.Throw<DataFormatException>(() => new GaussianCopulaSynthesizer().Fit(table, broken));
        error.Message.ShouldContain("list_price < price");
        error.Message.ShouldContain("first: data row");
    }
}
