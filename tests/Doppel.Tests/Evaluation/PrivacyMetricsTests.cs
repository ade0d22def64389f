using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Privacy;
using Doppel.IO;
using Doppel.Tests.Synthesizers;

namespace Doppel.Tests.Evaluation;

public class PrivacyMetricsTests
{
    private static readonly string[] AllMetrics =
    [
        "Exact matches", "Distance to closest record", "DCR share", "Nearest-neighbour distance ratio",
        "Membership inference", "Attribute inference", "k-anonymity", "Singling out",
    ];

    // Three disjoint real samples of 600 rows from one generator: training, another real sample, holdout.
    private static (Table Train, Table Other, Table Holdout, Metadata Metadata) Samples()
    {
        (Table table, Metadata metadata) = TestTables.Mixed(1800, seed: 5);
        Table Part(int index) => table.SelectRows([.. Enumerable.Range(index * 600, 600)]);
        return (Part(0), Part(1), Part(2), metadata);
    }

    private static EvaluationInputs Inputs(Table train, Table synthetic, Table? holdout, Metadata metadata) => new(train, synthetic, metadata)
    {
        Holdout = holdout,
        Sensitive = ["flag", "y"],
        QuasiIdentifiers = ["x", "y", "when", "group", "count"],
        Seed = 3,
        MaxThreads = 2,
    };

    [Fact]
    public void A_copy_of_the_training_set_is_flagged_by_every_metric()
    {
        (Table train, _, Table holdout, Metadata metadata) = Samples();
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(Inputs(train, train, holdout, metadata));
        results.Count.ShouldBe(9); // attribute inference once per sensitive column
        // k-anonymity is a property of a table: the copy is flagged because the real rows themselves fall in small
        // quasi-identifier groups (a faithful synthesizer would be flagged too); every other metric sees the copying.
        foreach (MetricResult result in results)
        {
            result.Score.ShouldNotBeNull($"{result.Name}: {result.Reason}");
            result.Score.Value.ShouldBeLessThan(0.5, result.Name);
            result.Status.ShouldBe(MetricStatus.Poor, result.Name);
        }
        results.Single(r => r.Name == "Exact matches").Raw.ShouldBe(1);
        results.Single(r => r.Name == "Membership inference").Raw!.Value.ShouldBeGreaterThan(0.95);
        results.Single(r => r.Name == "DCR share").Raw!.Value.ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void Another_real_sample_looks_like_the_holdout()
    {
        (Table train, Table other, Table holdout, Metadata metadata) = Samples();
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(Inputs(train, other, holdout, metadata));
        // 600 rows a side: the standard error of the share and of the AUC is about 0.02.
        results.Single(r => r.Name == "DCR share").Raw!.Value.ShouldBe(0.5, 0.07);
        results.Single(r => r.Name == "Membership inference").Raw!.Value.ShouldBe(0.5, 0.07);
        foreach (string name in new[] { "Exact matches", "Distance to closest record", "DCR share", "Membership inference", "Attribute inference (flag)", "Attribute inference (y)", "Singling out" })
            results.Single(r => r.Name == name).Score!.Value.ShouldBeGreaterThan(0.8, name);
    }

    [DatasetFact("adult/train.csv", "adult/test.csv")]
    public void Two_halves_of_adult_give_a_half_share_and_a_chance_auc()
    {
        RawTable raw = TableFileReader.Read(Datasets.Require("adult/train.csv"));
        Metadata metadata = Profiler.Detect(raw);
        Table all = TableBuilder.Build(raw, metadata);
        Table holdout = TableBuilder.Build(TableFileReader.Read(Datasets.Require("adult/test.csv")), metadata);
        // Alternate rows: 5,000 train, 5,000 "synthetic" (real rows the synthesizer would never have seen), 5,000 holdout.
        Table train = all.SelectRows([.. Enumerable.Range(0, 5000).Select(i => 2 * i)]);
        Table other = all.SelectRows([.. Enumerable.Range(0, 5000).Select(i => 2 * i + 1)]);
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(new EvaluationInputs(train, other, metadata)
        {
            Holdout = holdout.SelectRows([.. Enumerable.Range(0, 5000)]),
            Seed = 1,
        });
        // 5,000 a side: standard errors about 0.007.
        results.Single(r => r.Name == "DCR share").Raw!.Value.ShouldBe(0.5, 0.025);
        results.Single(r => r.Name == "Membership inference").Raw!.Value.ShouldBe(0.5, 0.025);
        results.Single(r => r.Name == "Distance to closest record").Score!.Value.ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        (Table train, Table other, Table holdout, Metadata metadata) = Samples();
        string one = Describe(PrivacyMetrics.Compute(Inputs(train, other, holdout, metadata) with { MaxThreads = 1 }));
        Describe(PrivacyMetrics.Compute(Inputs(train, other, holdout, metadata) with { MaxThreads = 3 })).ShouldBe(one);
    }

    [Fact]
    public void Without_a_holdout_what_needs_one_is_skipped_and_the_rest_is_computed()
    {
        (Table train, Table other, _, Metadata metadata) = Samples();
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(Inputs(train, other, null, metadata));
        NoNaN(results);
        foreach (string name in new[] { "DCR share", "Membership inference" })
            results.Single(r => r.Name == name).Reason!.ShouldContain("holdout");
        MetricResult closest = results.Single(r => r.Name == "Distance to closest record");
        closest.Status.ShouldBe(MetricStatus.Skipped);
        closest.Raw.ShouldNotBeNull(); // the distribution is reported, only not scored
        closest.Breakdown.Count.ShouldBe(2);
        results.Single(r => r.Name == "Exact matches").Score.ShouldNotBeNull();
        results.Single(r => r.Name == "Attribute inference (flag)").Reason!.ShouldContain("No holdout");
        results.Single(r => r.Name == "Singling out").Score.ShouldNotBeNull();
    }

    [Fact]
    public void Missing_roles_and_unknown_columns_are_skipped_with_reasons()
    {
        (Table train, Table other, Table holdout, Metadata metadata) = Samples();
        IReadOnlyList<MetricResult> plain = PrivacyMetrics.Compute(new EvaluationInputs(train, other, metadata) { Holdout = holdout });
        plain.Single(r => r.Name == "Attribute inference").Reason!.ShouldContain("No sensitive columns");
        plain.Single(r => r.Name == "k-anonymity").Reason!.ShouldContain("No quasi-identifiers");
        plain.Single(r => r.Name == "Singling out").Status.ShouldBe(MetricStatus.Skipped);

        IReadOnlyList<MetricResult> wrong = PrivacyMetrics.Compute(new EvaluationInputs(train, other, metadata)
        {
            Sensitive = ["email", "salary"],
            QuasiIdentifiers = ["zip"],
        });
        wrong.Single(r => r.Name == "Attribute inference (email)").Reason!.ShouldContain("'email' is not a learned column");
        wrong.Single(r => r.Name == "Attribute inference (salary)").Reason!.ShouldContain("'salary'");
        wrong.Single(r => r.Name == "k-anonymity").Reason!.ShouldContain("'zip' is not a column of the real table");
        NoNaN(wrong);
    }

    [Fact]
    public void Empty_tables_skip_every_metric_with_the_reason()
    {
        (Table train, _, _, Metadata metadata) = Samples();
        Table empty = train.SelectRows([]);
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(new EvaluationInputs(train, empty, metadata) { Sensitive = ["flag"], QuasiIdentifiers = ["x"] });
        results.Select(r => r.Name).ShouldBe(AllMetrics);
        results.ShouldAllBe(r => r.Status == MetricStatus.Skipped && r.Reason == "The synthetic table has no rows." && r.Group == "privacy");
        PrivacyMetrics.Compute(new EvaluationInputs(empty, train, metadata)).ShouldAllBe(r => r.Reason == "The real table has no rows.");
    }

    [Fact]
    public void Constant_and_tiny_tables_give_finite_results()
    {
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Numerical), new ColumnMetadata("c", ColumnType.Boolean)]);
        Table One(double x) => new([new NumericColumn("x", [x]), CategoricalColumn.FromValues("c", ["true"])]);
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(new EvaluationInputs(One(1), One(1), metadata)
        {
            Holdout = One(1),
            Sensitive = ["c", "x"],
            QuasiIdentifiers = ["x", "c"],
        });
        NoNaN(results);
        results.Single(r => r.Name == "Nearest-neighbour distance ratio").Reason!.ShouldContain("two training rows");
        results.Single(r => r.Name == "Exact matches").Raw.ShouldBe(1);
    }

    [Fact]
    public void Infinite_values_do_not_leak_into_results()
    {
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Numerical), new ColumnMetadata("c", ColumnType.Categorical)]);
        Table Make(double[] x) => new([new NumericColumn("x", x), CategoricalColumn.FromValues("c", ["a", "b", "a", "b"])]);
        IReadOnlyList<MetricResult> results = PrivacyMetrics.Compute(new EvaluationInputs(
            Make([1, double.PositiveInfinity, 3, 4]), Make([double.NegativeInfinity, 2, 3, double.NaN]), metadata)
        {
            Holdout = Make([1, 2, double.PositiveInfinity, 5]),
            Sensitive = ["x", "c"],
            QuasiIdentifiers = ["x"],
        });
        NoNaN(results);
        results.Single(r => r.Name == "Attribute inference (x)").Raw!.Value.ShouldBeInRange(0, 10);
    }

    [Fact]
    public void Tables_beyond_the_query_limit_are_sampled_deterministically()
    {
        var metadata = new Metadata([new ColumnMetadata("x", ColumnType.Numerical)]);
        Table Numbers(int rows, int modulus) => new([new NumericColumn("x", [.. Enumerable.Range(0, rows).Select(i => (double)(i % modulus))])]);
        // 50,010 synthetic rows with x = 0..99 in turn; training and holdout both hold x = 0..29 (range 29).
        EvaluationInputs inputs = new(Numbers(30, 30), Numbers(PrivacyMetrics.MaxQueries + 10, 100), metadata) { Holdout = Numbers(30, 30), Seed = 9 };
        IReadOnlyList<MetricResult> one = PrivacyMetrics.Compute(inputs with { MaxThreads = 1 });
        Describe(PrivacyMetrics.Compute(inputs with { MaxThreads = 2 })).ShouldBe(Describe(one));
        NoNaN(one);
        // 30% of synthetic rows (x < 30) repeat a training row, exactly as often as every holdout row does.
        one.Single(r => r.Name == "Exact matches").Raw!.Value.ShouldBe(0.3, 1e-3);
        // A sampled synthetic row is closer to training than to the identical holdout never: all ties, share ½.
        one.Single(r => r.Name == "DCR share").Raw.ShouldBe(0.5);
        // Distances min(1, (x − 29) / 29) over x = 0..99 at 30% zeros: the median of the sample is about (49.5 − 29) / 29.
        one.Single(r => r.Name == "Distance to closest record").Raw!.Value.ShouldBe(20.5 / 29, 0.03);
    }

    private static void NoNaN(IReadOnlyList<MetricResult> results)
    {
        foreach (MetricResult result in results)
        {
            result.Meaning.ShouldNotBeNullOrWhiteSpace();
            if (result.Score is null) result.Reason.ShouldNotBeNullOrWhiteSpace(result.Name);
            foreach (MetricPart part in result.Breakdown)
            {
                if (part.Raw is { } raw) double.IsFinite(raw).ShouldBeTrue($"{result.Name} / {part.Item}");
                if (part.Score is { } score) score.ShouldBeInRange(0, 1);
            }
        }
    }

    private static string Describe(IReadOnlyList<MetricResult> results) => string.Join("\n", results.Select(r =>
        $"{r.Name} {r.Score:R} {r.Raw:R} {r.Status} {r.Reason} " + string.Join(";", r.Breakdown.Select(p => $"{p.Item}={p.Score:R}/{p.Raw:R}"))));
}
