using System.Text.Json;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Models;
using Doppel.Privacy;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.BayesianNetwork;

namespace Doppel.Tests.Synthesizers;

public class BayesNetTests
{
    private static readonly Lazy<(Table Table, Metadata Metadata, SynthesizerModel Model)> Fitted = new(() =>
    {
        var (table, metadata) = TestTables.Mixed(3000);
        return (table, metadata, new BayesNetSynthesizer().Fit(table, metadata, new FitOptions { Seed = 3 }));
    });

    private static readonly Lazy<(Table Table, Metadata Metadata, SynthesizerModel Model)> Chain = new(() =>
    {
        var (table, metadata) = ChainTable(6000, seed: 5);
        return (table, metadata, new BayesNetSynthesizer().Fit(table, metadata, new FitOptions { Seed = 1 }));
    });

    /// <summary>a uniform on 3 values; b copies a with probability 0.7 (else uniform); c copies b likewise: the chain a → b → c.</summary>
    private static (Table, Metadata) ChainTable(int rows, long seed)
    {
        var rng = Rng.FromSeed(seed);
        var a = new int[rows];
        var b = new int[rows];
        var c = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            a[i] = rng.NextInt(3);
            b[i] = rng.NextDouble() < 0.7 ? a[i] : rng.NextInt(3);
            c[i] = rng.NextDouble() < 0.7 ? b[i] : rng.NextInt(3);
        }
        string[] values = ["p", "q", "r"];
        var table = new Table([new CategoricalColumn("a", a, values), new CategoricalColumn("b", b, values), new CategoricalColumn("c", c, values)]);
        var metadata = new Metadata([new ColumnMetadata("a", ColumnType.Categorical), new ColumnMetadata("b", ColumnType.Categorical), new ColumnMetadata("c", ColumnType.Categorical)]);
        return (table, metadata);
    }

    [Fact]
    public void Mixed_types_with_missing_values_keep_their_marginals_missing_rates_and_grids()
    {
        var (table, metadata, model) = Fitted.Value;
        Table synthetic = model.Sample(6000, seed: 1);
        foreach (var (column, metric, score) in ColumnShapes.Score(table, synthetic, metadata))
            score.ShouldBeGreaterThan(0.9, $"{column} ({metric})");
        double[] y = ((NumericColumn)synthetic["y"]).Values;
        (y.Count(double.IsNaN) / (double)y.Length).ShouldBe(0.1, 0.02);
        ((CategoricalColumn)synthetic["group"]).Codes.Count(c => c < 0).ShouldBeInRange(180, 450);
        ((NumericColumn)synthetic["count"]).Values.ShouldAllBe(v => v == Math.Floor(v));
        ((DateTimeColumn)synthetic["when"]).Ticks.ShouldAllBe(t => t % TimeSpan.TicksPerDay == 0);
        ((NumericColumn)synthetic["x"]).Values.ShouldAllBe(v => Math.Abs(v * 1000 - Math.Round(v * 1000)) < 1e-6);
        // group is a function of x's range: the network keeps that dependency.
        var high = Enumerable.Range(0, synthetic.RowCount).Where(i => ((CategoricalColumn)synthetic["group"])[i] == "high").ToArray();
        high.Average(i => ((NumericColumn)synthetic["x"]).Values[i]).ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void Save_then_load_gives_identical_samples()
    {
        var (_, metadata, model) = Fitted.Value;
        using var folder = new TempFolder();
        string path = folder.File("bayes.doppel");
        ModelFile.Save(model, path);
        SynthesizerModel loaded = ModelFile.Load(path);
        loaded.Kind.ShouldBe(SynthesizerKind.BayesNet);
        var conditions = new ConditionSet([new Condition("flag", "yes")]);
        Table before = model.Sample(1500, seed: 3, conditions), after = loaded.Sample(1500, seed: 3, conditions);
        foreach (string name in before.ColumnNames)
            ValueFormatter.FormatColumn(after[name], metadata[name]).ShouldBe(ValueFormatter.FormatColumn(before[name], metadata[name]), name);
    }

    [Fact]
    public void Same_seed_same_rows_another_seed_other_rows_and_same_fit_same_network()
    {
        var (table, metadata, model) = Fitted.Value;
        Table first = model.Sample(400, seed: 10);
        model.Sample(3000, seed: 99);
        Table again = model.Sample(400, seed: 10), other = model.Sample(400, seed: 11);
        ((NumericColumn)again["x"]).Values.ShouldBe(((NumericColumn)first["x"]).Values);
        ((CategoricalColumn)again["group"]).Codes.ShouldBe(((CategoricalColumn)first["group"]).Codes);
        ((NumericColumn)other["x"]).Values.ShouldNotBe(((NumericColumn)first["x"]).Values);
        var refit = new BayesNetSynthesizer().Fit(table, metadata, new FitOptions { Seed = 3 });
        ((BayesNetModel)refit.Learned).Edges.ShouldBe(((BayesNetModel)model.Learned).Edges);
        ((NumericColumn)refit.Sample(400, seed: 10)["y"]).Values.ShouldBe(((NumericColumn)first["y"]).Values);
    }

    [Fact]
    public void Pii_is_regenerated_never_copied()
    {
        var (table, _, model) = Fitted.Value;
        Table synthetic = model.Sample(4000, seed: 7);
        var realEmails = ((TextColumn)table["email"]).Values.ToHashSet();
        string?[] emails = ((TextColumn)synthetic["email"]).Values;
        emails.ShouldAllBe(e => e != null && e.Contains('@'));
        emails.Count(e => realEmails.Contains(e)).ShouldBe(0);
    }

    [Fact]
    public void The_network_recovers_a_chain_a_b_c_and_not_a_c()
    {
        var model = (BayesNetModel)Chain.Value.Model.Learned;
        string[] edges = [.. model.Edges.Select(e => string.Join("-", new[] { e.Parent, e.Child }.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)];
        edges.ShouldBe(["a-b", "b-c"]);
    }

    [Fact]
    public void Equality_on_a_column_with_ancestors_is_met_exactly_with_the_right_posterior()
    {
        var (table, _, model) = Chain.Value;
        var condition = new Condition("c", "r");
        model.Learned.SupportsNatively(condition).ShouldBeTrue();
        model.Learned.SupportsNatively(new Condition("c", ConditionOperator.Greater, "1")).ShouldBeFalse();
        // Straight from the learned model: no rejection behind it, exactly the rows asked for.
        Table rows = model.Learned.Sample(4000, Rng.FromSeed(2), new ConditionSet([condition]));
        rows.RowCount.ShouldBe(4000);
        var c = (CategoricalColumn)rows["c"];
        Enumerable.Range(0, rows.RowCount).Count(i => c[i] == "r").ShouldBe(4000);
        // The ancestors follow P(a | c = r) of the data, which forward sampling with c clamped would miss.
        var realA = (CategoricalColumn)table["a"];
        var realC = (CategoricalColumn)table["c"];
        int[] given = [.. Enumerable.Range(0, table.RowCount).Where(i => realC[i] == "r")];
        double real = given.Count(i => realA[i] == "r") / (double)given.Length;
        var a = (CategoricalColumn)rows["a"];
        double synthetic = Enumerable.Range(0, rows.RowCount).Count(i => a[i] == "r") / (double)rows.RowCount;
        real.ShouldBeGreaterThan(0.5);
        synthetic.ShouldBe(real, 0.03);
    }

    [Fact]
    public void Two_equality_conditions_and_an_unseen_value()
    {
        var (_, _, model) = Chain.Value;
        Table rows = model.Sample(500, seed: 4, new ConditionSet([new Condition("a", "p"), new Condition("c", "q")]));
        rows.RowCount.ShouldBe(500);
        Enumerable.Range(0, 500).ShouldAllBe(i => ((CategoricalColumn)rows["a"])[i] == "p" && ((CategoricalColumn)rows["c"])[i] == "q");
        Should.Throw<InfeasibleRequestException>(() => model.Sample(10, conditions: new ConditionSet([new Condition("b", "z")]))).Message.ShouldContain("'z' never occurs in column 'b'");
    }

    [Fact]
    public void Laplace_noise_has_variance_two_b_squared()
    {
        double scale = LaplaceMechanism.Scale(2, 0.25);
        scale.ShouldBe(8);
        var rng = Rng.FromSeed(17);
        var draws = new double[200_000];
        LaplaceMechanism.AddNoise(draws, scale, rng);
        double mean = draws.Average();
        double variance = draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1);
        mean.ShouldBe(0, 0.1);
        variance.ShouldBe(2 * scale * scale, 2 * scale * scale * 0.03);
    }

    [Fact]
    public void Private_tables_carry_laplace_noise_of_the_stated_scale_and_the_manifest_records_epsilon()
    {
        // One column of 1,000 categories with 50 rows each: with a single column all of ε goes to its one table,
        // so every count gets Lap(2/ε) (a changed row moves two counts by one).
        const int categories = 1000, each = 50;
        int[] codes = [.. Enumerable.Range(0, categories * each).Select(i => i % categories)];
        var table = new Table([new CategoricalColumn("k", codes, [.. Enumerable.Range(0, categories).Select(i => $"k{i}")])]);
        var metadata = new Metadata([new ColumnMetadata("k", ColumnType.Categorical)]);
        var synthesizer = new BayesNetSynthesizer(new BayesNetOptions { Epsilon = 0.5, Smoothing = 0 });
        SynthesizerModel model = synthesizer.Fit(table, metadata, new FitOptions { Seed = 8 });
        var learned = (BayesNetModel)model.Learned;
        learned.Privacy.ShouldNotBeNull();
        learned.Privacy!.Epsilon.ShouldBe(0.5, 1e-12);
        learned.Privacy.Delta.ShouldBe(0);
        double scale = learned.Privacy.NoiseMultiplier;
        scale.ShouldBe(4, 1e-12);

        using var json = JsonDocument.Parse(Parameters(learned));
        double[] probabilities = ModelJson.Doubles(json.RootElement.GetProperty("tables")[0], "probabilities");
        probabilities.Length.ShouldBe(categories + 1, "the categories and a missing state");
        double total = categories * each;
        double[] noise = [.. probabilities.Take(categories).Select(p => p * total - each)];
        double variance = noise.Sum(n => n * n) / noise.Length;
        variance.ShouldBe(2 * scale * scale, 2 * scale * scale * 0.2);

        using var folder = new TempFolder();
        string path = folder.File("private.doppel");
        ModelFile.Save(model, path);
        var privacy = ModelFile.ReadManifest(path)["privacy"]!;
        privacy["differentialPrivacy"]!.GetValue<bool>().ShouldBeTrue();
        privacy["spent"]!["epsilon"]!.GetValue<double>().ShouldBe(0.5, 1e-12);
        privacy["spent"]!["delta"]!.GetValue<double>().ShouldBe(0);
        ((BayesNetModel)ModelFile.Load(path).Learned).Privacy!.Epsilon.ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public void Private_fit_splits_epsilon_bins_over_declared_bounds_and_refuses_undeclared_ones()
    {
        var (chain, chainMetadata) = ChainTable(2000, seed: 3);
        var rng = Rng.FromSeed(4);
        double[] v = [.. Enumerable.Range(0, 2000).Select(_ => Math.Round(3 + 2 * rng.NextGaussian(), 2))];
        var table = new Table([.. chainMetadata.Columns.Select(c => chain[c.Name]), new NumericColumn("v", v)]);
        var bounded = new ColumnMetadata("v", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2, Minimum = -10, Maximum = 20 };
        var metadata = new Metadata([.. chainMetadata.Columns, bounded]);
        var options = new BayesNetOptions { Epsilon = 1 };
        var model = new BayesNetSynthesizer(options).Fit(table, metadata, new FitOptions { Seed = 2 });
        var learned = (BayesNetModel)model.Learned;
        learned.Privacy!.Epsilon.ShouldBe(1, 1e-12);
        // The tables share (1 − β)ε, one equal part each; a count has sensitivity 2.
        learned.Privacy.NoiseMultiplier.ShouldBe(2 * 4 / (1 - options.StructureShare), 1e-9);
        // Equal-width bins over the declared range, never an observed value.
        using var json = JsonDocument.Parse(Parameters(learned));
        double[] edges = ModelJson.Doubles(json.RootElement.GetProperty("columns")[3], "edges");
        edges.ShouldBe([.. Enumerable.Range(0, 21).Select(b => -10 + 30.0 * b / 20)], 1e-9);
        json.RootElement.GetProperty("columns")[3].TryGetProperty("sketches", out _).ShouldBeFalse();
        ((NumericColumn)model.Sample(500, seed: 1)["v"]).Values.Where(x => !double.IsNaN(x)).ShouldAllBe(x => x >= -10 && x <= 20);

        var unbounded = new Metadata([.. chainMetadata.Columns, bounded with { Minimum = null }]);
        Should.Throw<UsageException>(() => new BayesNetSynthesizer(options).Fit(table, unbounded)).Message.ShouldContain("\"minimum\" and \"maximum\"");
    }

    [Fact]
    public void A_private_fit_takes_declared_categories_as_its_states_and_treats_other_values_as_missing()
    {
        // 'Zebra' is one row's value and not declared; 'rare' is declared and held by no row.
        int[] codes = [.. Enumerable.Range(0, 3000).Select(i => i == 0 ? 2 : i % 2)];
        var table = new Table([new CategoricalColumn("kind", codes, ["common", "usual", "Zebra"])]);
        var declared = new ColumnMetadata("kind", ColumnType.Categorical) { Categories = ["common", "usual", "rare"] };
        var options = new BayesNetOptions { Epsilon = 1 };
        SynthesizerModel model = new BayesNetSynthesizer(options).Fit(table, new Metadata([declared]), new FitOptions { Seed = 3 });
        string parameters = Parameters(model.Learned);
        parameters.ShouldNotContain("Zebra");
        parameters.ShouldContain("\"rare\"");
        ((BayesNetModel)model.Learned).Privacy!.Scope.ShouldContain("every category list is declared in the metadata");
        var sample = (CategoricalColumn)model.Sample(2000, seed: 4)["kind"];
        sample.Categories.ShouldBe(["common", "usual", "rare"]);
        // The declared states keep the data's shares (one row of the 3,000 went to missing), give or take the noise.
        ((double)sample.Codes.Count(c => c == 0)).ShouldBe(1000, 120);
        ((double)sample.Codes.Count(c => c == 1)).ShouldBe(1000, 120);

        // Undeclared, the data's names are used and the scope says they are taken as public; a fit without ε ignores the list.
        var undeclared = new BayesNetSynthesizer(options).Fit(table, new Metadata([declared with { Categories = null }]), new FitOptions { Seed = 3 });
        ((BayesNetModel)undeclared.Learned).Privacy!.Scope.ShouldContain("come from the data and are taken as public");
        Parameters(new BayesNetSynthesizer().Fit(table, new Metadata([declared]), new FitOptions { Seed = 3 }).Learned).ShouldContain("Zebra");
    }

    [Fact]
    public void Private_datetimes_are_binned_over_a_private_range_of_years()
    {
        var rng = Rng.FromSeed(6);
        long start = new DateTime(2020, 1, 1).Ticks;
        long[] when = [.. Enumerable.Range(0, 3000).Select(_ => start + rng.NextInt(3 * 365) * TimeSpan.TicksPerDay)];
        var table = new Table([new DateTimeColumn("when", when), new CategoricalColumn("k", [.. when.Select(t => (int)(t / TimeSpan.TicksPerDay % 2))], ["even", "odd"])]);
        var metadata = new Metadata([new ColumnMetadata("when", ColumnType.DateTime), new ColumnMetadata("k", ColumnType.Categorical)]);
        SynthesizerModel model = new BayesNetSynthesizer(new BayesNetOptions { Epsilon = 1 }).Fit(table, metadata, new FitOptions { Seed = 3 });
        ((BayesNetModel)model.Learned).Privacy!.Epsilon.ShouldBe(1, 1e-12);
        long[] ticks = ((DateTimeColumn)model.Sample(2000, seed: 1)["when"]).Ticks;
        ticks.Where(t => t != DateTimeColumn.Missing).ShouldAllBe(t => t >= start && t <= new DateTime(2023, 1, 1).Ticks);
        ticks.Where(t => t != DateTimeColumn.Missing).Select(t => new DateTime(t).Year).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void A_newer_parameter_version_is_refused_with_the_reason()
    {
        var (_, metadata, model) = Fitted.Value;
        string text = Parameters(model.Learned).Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        var learnedMetadata = new Metadata([.. metadata.Columns.Where(c => c.IsLearned)]);
        using var json = JsonDocument.Parse(text);
        Should.Throw<ModelFormatException>(() => BayesNetModel.ReadParameters(learnedMetadata, json.RootElement)).Message.ShouldContain("version 2");
    }

    private static string Parameters(ILearnedModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) model.WriteParameters(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
