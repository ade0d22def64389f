using System.Text;
using System.Text.Json;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Transforms;
using MathNet.Numerics.Distributions;

namespace Doppel.Tests.Transforms;

public class PrivateEncoderTests
{
    private const double Outlier = 987.654;

    /// <summary>2,000 rows: 'common' 1,500 times, 'usual' 499 times and 'Zebra' once; amounts near 50 but one far out; declared range [0, 1000].</summary>
    private static (Table Table, Metadata Metadata) RareValues()
    {
        var rng = Rng.FromSeed(7);
        int rows = 2000;
        var codes = new int[rows];
        var amount = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            codes[i] = i < 1500 ? 0 : i < 1999 ? 1 : 2;
            amount[i] = Math.Round(50 + 5 * rng.NextGaussian(), 2);
        }
        amount[1999] = Outlier;
        return (new Table([new CategoricalColumn("kind", codes, ["common", "usual", "Zebra"]), new NumericColumn("amount", amount)]),
            new Metadata([new ColumnMetadata("kind", ColumnType.Categorical), new ColumnMetadata("amount", ColumnType.Numerical) { Decimals = 2, Minimum = 0, Maximum = 1000 }]));
    }

    private static string Json(TabularEncoder encoder)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) encoder.Write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void A_private_encoder_holds_no_rare_category_and_no_observed_extreme()
    {
        var (table, metadata) = RareValues();
        EncoderPrivacy privacy = EncoderPrivacy.Plan(metadata, 1, 1e-5);
        TabularEncoder encoder = TabularEncoder.Fit(table, metadata, new Rng(1), privacy: privacy);
        string json = Json(encoder);
        json.ShouldNotContain("Zebra");
        json.ShouldNotContain("987.65");
        json.ShouldContain("\"common\"");
        // The decoded range is the declared one, not the observed 34.9…987.654.
        var range = JsonDocument.Parse(json).RootElement[1];
        range.GetProperty("minimum").GetDouble().ShouldBe(0);
        range.GetProperty("maximum").GetDouble().ShouldBe(1000);
        // Every column keeps a missing slot, and the left-out category's row is encoded as missing.
        (ModeSpecificNormalizer? normalizer, _) = encoder.Column(1);
        normalizer!.HasMissing.ShouldBeTrue();
        (_, CappedOneHotEncoder? oneHot) = encoder.Column(0);
        int missingSlot = oneHot!.SlotCodes.ToList().IndexOf(-1);
        missingSlot.ShouldBeGreaterThanOrEqualTo(0);
        Tensor encoded = encoder.Encode(table, new Rng(2));
        encoded.Row(1999)[encoder.DiscreteColumns[0].Start + missingSlot].ShouldBe(1f);
        encoded.Row(0)[encoder.DiscreteColumns[0].Start + oneHot.SlotOf(0)].ShouldBe(1f);
        encoder.ColumnsWithoutCategories.ShouldBeEmpty();
    }

    [Fact]
    public void A_column_whose_every_category_is_too_rare_for_the_budget_is_named()
    {
        // Thirty rows over three categories cannot clear a threshold of hundreds of noisy rows at ε = 1.
        var table = new Table([new CategoricalColumn("kind", [.. Enumerable.Range(0, 30).Select(i => i % 3)], ["a", "b", "c"])]);
        var metadata = new Metadata([new ColumnMetadata("kind", ColumnType.Categorical)]);
        TabularEncoder encoder = TabularEncoder.Fit(table, metadata, new Rng(1), privacy: EncoderPrivacy.Plan(metadata, 1, 1e-5));
        encoder.ColumnsWithoutCategories.ShouldBe(["kind"]);
        encoder.CategoriesOf(0).ShouldBeEmpty();
        TabularEncoder.Fit(table, metadata, new Rng(1)).ColumnsWithoutCategories.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_seed_gives_the_same_private_encoder_and_another_seed_other_noise()
    {
        var (table, metadata) = RareValues();
        EncoderPrivacy privacy = EncoderPrivacy.Plan(metadata, 1, 1e-5);
        string first = Json(TabularEncoder.Fit(table, metadata, new Rng(3), privacy: privacy, maxThreads: 2));
        Json(TabularEncoder.Fit(table, metadata, new Rng(3), privacy: privacy, maxThreads: 1)).ShouldBe(first);
        Json(TabularEncoder.Fit(table, metadata, new Rng(4), privacy: privacy)).ShouldNotBe(first);
    }

    [Fact]
    public void Private_modes_and_counts_follow_the_data_at_a_generous_budget()
    {
        var rng = new Rng(11);
        int rows = 6000;
        var amount = new double[rows];
        var codes = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            amount[i] = i % 2 == 0 ? 20 + 2 * rng.NextGaussian() : 70 + 2 * rng.NextGaussian();
            codes[i] = i % 4 == 0 ? 1 : 0;
        }
        var table = new Table([new NumericColumn("amount", amount), new CategoricalColumn("kind", codes, ["a", "b"])]);
        var metadata = new Metadata([new ColumnMetadata("amount", ColumnType.Numerical) { Minimum = 0, Maximum = 100 }, new ColumnMetadata("kind", ColumnType.Categorical)]);
        TabularEncoder encoder = TabularEncoder.Fit(table, metadata, new Rng(5), privacy: EncoderPrivacy.Plan(metadata, 20, 1e-5));
        ModeSpecificNormalizer normalizer = encoder.Column(0).Normalizer!;
        int[] heaviest = [.. Enumerable.Range(0, normalizer.Means.Count).OrderByDescending(k => normalizer.Weights[k]).Take(2).OrderBy(k => normalizer.Means[k])];
        normalizer.Means[heaviest[0]].ShouldBe(20, 1.5);
        normalizer.Means[heaviest[1]].ShouldBe(70, 1.5);
        (normalizer.Weights[heaviest[0]] + normalizer.Weights[heaviest[1]]).ShouldBeGreaterThan(0.9);
        CappedOneHotEncoder oneHot = encoder.Column(1).OneHot!;
        ((double)oneHot.SlotCounts[oneHot.SlotOf(0)]).ShouldBe(4500, 100);
        ((double)oneHot.SlotCounts[oneHot.SlotOf(1)]).ShouldBe(1500, 100);
    }

    [Fact]
    public void A_private_datetime_column_finds_its_years_from_noisy_counts()
    {
        var rng = new Rng(9);
        long start = new DateTime(2015, 3, 1).Ticks;
        var ticks = new long[3000];
        for (int i = 0; i < ticks.Length; i++) ticks[i] = start + rng.NextInt(3 * 365) * TimeSpan.TicksPerDay;
        var table = new Table([new DateTimeColumn("day", ticks)]);
        var metadata = new Metadata([new ColumnMetadata("day", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" }]);
        EncoderPrivacy privacy = EncoderPrivacy.Plan(metadata, 5, 1e-5);
        privacy.Releases.ShouldBe(2);
        TabularEncoder encoder = TabularEncoder.Fit(table, metadata, new Rng(1), privacy: privacy);
        var part = JsonDocument.Parse(Json(encoder)).RootElement[0];
        static double Seconds(int year) => new DateTime(year, 1, 1).Ticks / (double)TimeSpan.TicksPerSecond;
        part.GetProperty("minimum").GetDouble().ShouldBe(Seconds(2015));
        part.GetProperty("maximum").GetDouble().ShouldBe(Seconds(2019));
        // Whole days, from the declared format rather than from the values.
        part.GetProperty("step").GetDouble().ShouldBe(86400);
    }

    [Fact]
    public void The_plan_spends_its_share_on_the_releases_and_sets_the_selection_threshold()
    {
        var metadata = new Metadata([
            new ColumnMetadata("a", ColumnType.Categorical), new ColumnMetadata("b", ColumnType.Boolean),
            new ColumnMetadata("x", ColumnType.Numerical), new ColumnMetadata("t", ColumnType.DateTime)]);
        EncoderPrivacy privacy = EncoderPrivacy.Plan(metadata, 1, 1e-5);
        privacy.Releases.ShouldBe(5);
        privacy.SelectionDelta.ShouldBe(1e-6, 1e-12);
        RdpAccountant.Epsilon(1, 1, 0, 1e-5 - privacy.SelectionDelta, privacy.RdpSlope).ShouldBe(0.1, 0.0002);
        // A category held by one row clears the threshold with probability δ_selection per categorical column.
        (1 - Normal.CDF(1, privacy.NoiseStd, privacy.CategoryThreshold)).ShouldBe(privacy.SelectionDelta / 2, 1e-9);
        // More ε, less noise.
        EncoderPrivacy.Plan(metadata, 10, 1e-5).NoiseStd.ShouldBeLessThan(privacy.NoiseStd / 5);
        // Without categorical columns no δ is set aside.
        EncoderPrivacy.Plan(new Metadata([new ColumnMetadata("x", ColumnType.Numerical)]), 1, 1e-5).SelectionDelta.ShouldBe(0);
    }

    [Fact]
    public void Declared_categories_name_a_private_encoders_slots_and_need_no_selection()
    {
        var (table, metadata) = RareValues();
        // The list is public: 'Zebra' (one row) is not on it, 'rare' (no row) is.
        var declared = new Metadata([metadata.Columns[0] with { Categories = ["common", "usual", "rare"] }, metadata.Columns[1]]);
        EncoderPrivacy privacy = EncoderPrivacy.Plan(declared, 1, 1e-5);
        privacy.SelectionDelta.ShouldBe(0, "no category name comes from the data");
        privacy.DeclaredCategoryLists.ShouldBe(1);
        // Names that need no selection are cut lower: at three noise deviations rather than the selection threshold.
        (EncoderPrivacy.DefaultDeclaredCut * privacy.NoiseStd).ShouldBeLessThan(EncoderPrivacy.Plan(metadata, 1, 1e-5).CategoryThreshold);
        TabularEncoder encoder = TabularEncoder.Fit(table, declared, new Rng(1), privacy: privacy);
        encoder.CategoriesOf(0).ShouldBe(["common", "usual"]);
        Json(encoder).ShouldNotContain("Zebra");
        // The one 'Zebra' row is encoded as missing; the others keep their category.
        Tensor encoded = encoder.Encode(table, new Rng(2));
        Table decoded = encoder.Decode(encoded, table.RowCount, new Rng(3));
        int[] codes = ((CategoricalColumn)decoded["kind"]).Codes;
        codes[1999].ShouldBe(-1);
        codes.Take(1999).Count(c => c < 0).ShouldBe(0);
        // The manifest's scope says how the declared list was cut.
        PrivacyPlan plan = PrivacyPlan.ForModel(new PrivacyBudget(1, 1e-5), declared, 2000, 500, 100);
        plan.Report(10, false).Scope.ShouldContain("declared categories kept above");
        plan.Report(10, false).Scope.ShouldNotContain("categories kept above 0");
    }

    [Fact]
    public void A_private_fit_without_declared_bounds_names_the_column()
    {
        var table = new Table([new NumericColumn("income", [1, 2, 3])]);
        var metadata = new Metadata([new ColumnMetadata("income", ColumnType.Numerical)]);
        Should.Throw<UsageException>(() => TabularEncoder.Fit(table, metadata, new Rng(1), privacy: EncoderPrivacy.Plan(metadata, 1, 1e-5)))
            .Message.ShouldContain("'income'");
    }
}
