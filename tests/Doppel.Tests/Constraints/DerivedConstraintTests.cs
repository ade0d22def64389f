using Doppel.Constraints;
using Doppel.Data;
using Doppel.IO;
using Doppel.Models;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Sampling;
using Doppel.Tests.Cli;

namespace Doppel.Tests.Constraints;

/// <summary>Formulas, one-hot groups, uniqueness and predicates (the contract test covers the first three per synthesizer).</summary>
public class DerivedConstraintTests
{
    private static readonly Lazy<SynthesizerModel> OrdersModel = new(() =>
    {
        var (table, metadata) = ConstraintTests.Orders();
        return new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = 1 });
    });

    [Fact]
    public void New_rules_round_trip_through_metadata_json()
    {
        var (_, metadata) = ConstraintTests.Orders(20);
        metadata = metadata with { Constraints = [.. metadata.Constraints.Where(c => c is not ColumnFormula), new ColumnFormula("total", "round(price * 2 + pack, 2)", Tolerance: 0.01)] };
        string json = MetadataJson.ToJson(metadata);
        json.ShouldContain("\"expression\": \"round(price * 2 + pack, 2)\"");
        json.ShouldContain("\"type\": \"oneHot\"");
        json.ShouldContain("\"type\": \"unique\"");
        MetadataJson.Parse(json, "round trip").ShouldBe(metadata);
    }

    [Fact]
    public void Bad_formulas_one_hots_and_uniques_are_refused_with_every_problem_listed()
    {
        const string json = """
            { "formatVersion": 1,
              "columns": [ { "name": "a", "type": "numerical", "subtype": "float" }, { "name": "b", "type": "numerical", "subtype": "float" },
                           { "name": "c", "type": "numerical", "subtype": "float" }, { "name": "d", "type": "numerical", "subtype": "float" },
                           { "name": "e", "type": "numerical", "subtype": "float" }, { "name": "t", "type": "numerical", "subtype": "float" },
                           { "name": "s", "type": "categorical" } ],
              "constraints": [ { "type": "formula", "column": "a", "expression": "b + 1" },
                               { "type": "formula", "column": "b", "expression": "a * 2" },
                               { "type": "formula", "column": "c", "expression": "d * 2" },
                               { "type": "formula", "column": "d", "expression": "e + 1" },
                               { "type": "formula", "column": "t", "expression": "e * $ 2" },
                               { "type": "formula", "column": "e", "expression": "sqrt(zzz) + s" },
                               { "type": "positive", "column": "c" },
                               { "type": "oneHot", "columns": ["s"] },
                               { "type": "unique", "columns": [] }] }
            """;
        string message = Should.Throw<MetadataException>(() => MetadataJson.Parse(json, "m.json")).Message;
        message.ShouldContain("formulas form a cycle: 'a' is computed from 'b'");
        message.ShouldContain("uses 'd' before constraint 4 computes it");
        message.ShouldContain("unexpected '$' at position 5");
        message.ShouldContain("no column 'zzz'");
        message.ShouldContain("'c' is computed by the formula, so constraint 7");
        message.ShouldContain("give at least two numerical (0/1) or boolean columns");
        message.ShouldContain("give at least one column");
        Should.Throw<MetadataException>(() => MetadataJson.Parse(json.Replace("\"expression\": \"b + 1\"", "\"tolerance\": -1"), "m.json")).Message
            .ShouldSatisfyAllConditions(m => m.ShouldContain("\"expression\" (such as"), m => m.ShouldContain("\"tolerance\" must not be negative"));
    }

    [Theory]
    [InlineData("a + * b", "unexpected '*' at position 5")]
    [InlineData("(a + b", "expected ')' but the expression ended")]
    [InlineData("round(a, 2, 3)", "'round' takes round(x) or round(x, digits); it was given 3 arguments")]
    [InlineData("a > b", "the operator '>' is not allowed")]
    [InlineData("exp(a)", "the function 'exp' is not allowed; use round, abs, min, max")]
    [InlineData("a + 'x'", "text, true, false and null are not allowed")]
    public void Formula_syntax_errors_say_where_and_what(string expression, string expected) =>
        new ColumnFormula("t", expression).ExpressionProblems().ShouldContain(p => p.Contains(expected), string.Join(" | ", new ColumnFormula("t", expression).ExpressionProblems()));

    [Fact]
    public void Formulas_evaluate_with_precedence_functions_and_missing_inputs()
    {
        var table = new Table([new NumericColumn("a", [1.5, -2, double.NaN, 6]), new NumericColumn("b", [2, 4, 1, 0])]);
        new ColumnFormula("t", "round(a * b + 1, 0) - abs(min(a, b, 0)) / max(b, 1) * -2").Evaluate(table)
            .ShouldBe([4, -7 + 2 * 2 / 4.0 * 1, double.NaN, 1]);
        new ColumnFormula("t", "a / b").Evaluate(table)[3].ShouldBe(double.NaN); // a division by zero leaves the value missing
        new ColumnFormula("t", "round(1234.5, -2) + round(2.345, 2)").Evaluate(table)[0].ShouldBe(1202.35, 1e-12);
    }

    [Fact]
    public void Data_that_breaks_a_formula_is_refused_naming_the_worst_row()
    {
        var (table, metadata) = ConstraintTests.Orders(100);
        double[] total = [.. ((NumericColumn)table["total"]).Values];
        total[3] += 0.5;
        total[41] += 7;
        var broken = new Table(table.Columns.Select(c => c.Name == "total" ? new NumericColumn("total", total) : c));
        string message = Should.Throw<DataFormatException>(() => new GaussianCopulaSynthesizer().Fit(broken, metadata)).Message;
        message.ShouldContain("the data breaks total = round(price * 2 + pack, 2) (worst: data row 42 holds");
        message.ShouldContain("in 2 rows (first: data row 4)");
        // Within the declared tolerance the same data is accepted.
        var tolerant = metadata with { Constraints = [.. metadata.Constraints.Select(c => c is ColumnFormula f ? f with { Tolerance = 8 } : c)] };
        ConstraintSet.For(tolerant).Violations(broken).ShouldBeEmpty();
    }

    [Fact]
    public void Data_with_two_hot_columns_in_a_row_is_refused()
    {
        var (table, metadata) = ConstraintTests.Orders(100);
        double[] cash = [.. ((NumericColumn)table["cash"]).Values];
        int row = Array.IndexOf(((NumericColumn)table["card"]).Values, 1.0);
        cash[row] = 1;
        var broken = new Table(table.Columns.Select(c => c.Name == "cash" ? new NumericColumn("cash", cash) : c));
        Should.Throw<DataFormatException>(() => new GaussianCopulaSynthesizer().Fit(broken, metadata)).Message
            .ShouldContain($"exactly one of card, cash, transfer is 1 in 1 row (first: data row {row + 1})");
    }

    [Fact]
    public void Boolean_members_of_a_one_hot_group_are_rebuilt_with_the_data_spelling()
    {
        string?[] Flags(int hot) => [.. Enumerable.Range(0, 300).Select(i => i % 3 == hot ? "yes" : "no")];
        var table = new Table([CategoricalColumn.FromValues("x", Flags(0)), CategoricalColumn.FromValues("y", Flags(1)), CategoricalColumn.FromValues("z", Flags(2)),
            new NumericColumn("v", [.. Enumerable.Range(0, 300).Select(i => (double)(i % 17))])]);
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Boolean), new ColumnMetadata("y", ColumnType.Boolean), new ColumnMetadata("z", ColumnType.Boolean),
            new ColumnMetadata("v", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }]) { Constraints = [new OneHot(["x", "y", "z"])] };
        Table sample = new GaussianCopulaSynthesizer().Fit(table, metadata).Sample(2000, seed: 3);
        new OneHot(["x", "y", "z"]).Check(sample).ShouldAllBe(ok => ok);
        // Sampled members keep the data's spelling.
        ((CategoricalColumn)sample["y"]).Codes.Select(c => ((CategoricalColumn)sample["y"]).Categories[c]).Distinct().Order().ShouldBe(["no", "yes"]);
    }

    [Fact]
    public void Conditions_on_computed_and_one_hot_columns_are_met_by_rejection()
    {
        Table rows = OrdersModel.Value.Sample(1000, seed: 6, new ConditionSet([Condition.Parse("total>=150"), new Condition("cash", "1")]));
        rows.RowCount.ShouldBe(1000);
        ((NumericColumn)rows["total"]).Values.ShouldAllBe(v => v >= 150);
        ((NumericColumn)rows["cash"]).Values.ShouldAllBe(v => v == 1);
        foreach (Constraint rule in ConstraintTests.Rules) rule.Check(rows).ShouldAllBe(ok => ok, rule.Describe());
    }

    [Fact]
    public void A_range_on_the_low_side_of_an_inequality_is_applied_before_the_inequality_rebuilds_from_it()
    {
        // Suggestions often pair "low > 0" with "low < high"; a low that a model makes below 0 and the range clamps
        // must not pass its high, so the high side is rebuilt from the clamped low.
        ColumnMetadata Number(string name) => new(name, ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 3 };
        Constraint[] rules = [ScalarRange.Positive("low"), new Inequality("low", "high")];
        ConstraintSet set = ConstraintSet.For(new Metadata([Number("low"), Number("high")]) { Constraints = rules });
        var learned = new Table([new NumericColumn("low", [-1, 0.5]), new NumericColumn("high", [Math.Log(5), Math.Log(5)])]);
        Table rows = set.Backward(learned);
        ((NumericColumn)rows["low"]).Values.ShouldBe([0.001, 0.5]);
        ((NumericColumn)rows["high"]).Values.ShouldBe([0.006, 0.505], tolerance: 1e-12);
        foreach (Constraint rule in rules) rule.Check(rows).ShouldAllBe(ok => ok, rule.Describe());
    }

    private static string[] SampleLines(TempFolder folder, string name, SamplingRequest request)
    {
        string path = folder.File(name);
        using (var sink = new FileTableSink(path, OrdersModel.Value.Metadata)) OrdersModel.Value.Sample(sink, request);
        return File.ReadAllLines(path);
    }

    [Fact]
    public void Unique_holds_across_blocks_shards_and_thread_counts()
    {
        using var folder = new TempFolder();
        const int rows = 3 * BlockSampler.BlockSize + 100;
        string[] whole = SampleLines(folder, "whole.csv", new SamplingRequest(rows) { Seed = 4, MaxThreads = 2 });
        SampleLines(folder, "one.csv", new SamplingRequest(rows) { Seed = 4, MaxThreads = 1 }).ShouldBe(whole);
        var parts = new List<string>();
        for (int i = 0; i < 3; i++) parts.AddRange(SampleLines(folder, $"p{i}.csv", new SamplingRequest(rows) { Seed = 4, Shard = new Shard(i, 3) }).Skip(1));
        parts.ShouldBe(whole.Skip(1).ToList());
        RawTable raw = CsvTableReader.Read(folder.File("whole.csv"));
        string?[] serial = raw.Columns[raw.IndexOf("serial")];
        serial.Length.ShouldBe(rows);
        serial.Distinct().Count().ShouldBe(rows);
        // Without the rule the same model repeats serials, so the rule is what makes them unique.
        var (table, metadata) = ConstraintTests.Orders();
        var free = new GaussianCopulaSynthesizer().Fit(table, metadata with { Constraints = [.. metadata.Constraints.Where(c => c is not Unique)] }, new FitOptions { Seed = 1 });
        double[] repeated = ((NumericColumn)free.Sample(rows, seed: 4)["serial"]).Values;
        repeated.Select(v => Math.Round(v)).Distinct().Count().ShouldBeLessThan(rows);
    }

    private static (Table Table, Metadata Metadata) Grades() =>
        (new Table([CategoricalColumn.FromValues("grade", ["A", "B", "C", "D", "E"]), new NumericColumn("x", [1, 2, 3, 4, 5])]),
         new Metadata([new ColumnMetadata("grade", ColumnType.Categorical), new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }])
         { Constraints = [new Unique(["grade"])] });

    [Fact]
    public void Unique_over_too_small_a_domain_is_refused_as_infeasible()
    {
        var (table, metadata) = Grades();
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        Table five = model.Sample(5, seed: 1);
        ((CategoricalColumn)five["grade"]).Codes.Select(c => ((CategoricalColumn)five["grade"]).Categories[c]).OrderBy(g => g).ShouldBe(["A", "B", "C", "D", "E"]);
        Should.Throw<InfeasibleRequestException>(() => model.Sample(10, seed: 1)).Message.ShouldContain("\"grade is unique\"");
        var flags = new Metadata([new ColumnMetadata("flag", ColumnType.Boolean)]) { Constraints = [new Unique(["flag"])] };
        Should.Throw<InfeasibleRequestException>(() => UniqueIndex.CheckFeasible(ConstraintSet.For(flags).Uniques, flags, 3)).Message.ShouldContain("at most 2 distinct values");
    }

    [Fact]
    public void Unique_over_too_small_a_domain_exits_4_in_the_cli()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", "grade,x\nA,1\nB,2\nC,3\nD,4\nE,5\n");
        string metadata = folder.Write("m.json", """
            { "formatVersion": 1, "columns": [ { "name": "grade", "type": "categorical" }, { "name": "x", "type": "numerical", "subtype": "float" } ],
              "constraints": [ { "type": "unique", "columns": ["grade"] } ] }
            """);
        var result = CliRunner.Run("synth", input, "-n", "10", "--metadata", metadata, "-o", folder.File("out.csv"));
        result.ExitCode.ShouldBe(4, result.ToString());
        result.Error.ShouldContain("grade is unique");
        File.Exists(folder.File("out.csv")).ShouldBeFalse();
    }

    [Fact]
    public void A_predicate_holds_in_every_row_through_rejection_and_cannot_be_saved()
    {
        var (table, metadata) = ConstraintTests.Orders(600);
        var cheapInBerlin = new PredicateConstraint("Berlin orders under 60", row => row.Text("city") != "Berlin" || row.Number("price") < 60 || row.IsMissing("price"));
        var filtered = table.SelectRows([.. Enumerable.Range(0, table.RowCount).Where(r => cheapInBerlin.Holds(table, r))]);
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(filtered, metadata with { Constraints = [.. metadata.Constraints, cheapInBerlin] });
        Table sample = model.Sample(3000, seed: 8);
        sample.RowCount.ShouldBe(3000);
        cheapInBerlin.Check(sample).ShouldAllBe(ok => ok);
        foreach (Constraint rule in ConstraintTests.Rules) rule.Check(sample, filtered).ShouldAllBe(ok => ok, rule.Describe());
        using var folder = new TempFolder();
        Should.Throw<UsageException>(() => ModelFile.Save(model, folder.File("m.doppel"))).Message.ShouldContain("'Berlin orders under 60' is code (a predicate)");
        File.Exists(folder.File("m.doppel")).ShouldBeFalse();
        Should.Throw<UsageException>(() => MetadataJson.ToJson(model.Metadata));
    }

    [Fact]
    public void A_predicate_the_model_almost_never_meets_is_refused_with_the_measured_acceptance()
    {
        // The data meets it exactly; a model that learns y as a number of its own almost never does.
        double[] x = [.. Enumerable.Range(0, 300).Select(i => 1 + i / 7.0)];
        var table = new Table([new NumericColumn("x", x), new NumericColumn("y", [.. x.Select(v => v * v)])]);
        var exact = new PredicateConstraint("y is the square of x", row => Math.Abs(row.Number("y") - row.Number("x") * row.Number("x")) < 1e-9);
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }, new ColumnMetadata("y", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }])
        { Constraints = [exact] };
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        string message = Should.Throw<InfeasibleRequestException>(() => model.Sample(500, seed: 1)).Message;
        message.ShouldContain("Predicate 'y is the square of x'");
        message.ShouldContain("below the 0.01 % rejection sampling accepts");
    }
}
