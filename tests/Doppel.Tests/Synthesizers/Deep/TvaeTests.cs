using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Tests.Synthesizers.Deep;

public class TvaeTests
{
    private static readonly TvaeOptions Quick = new() { Epochs = 40, BatchSize = 200, MaxThreads = 2 };

    private static readonly Lazy<(Table Table, SynthesizerModel Model)> Dependency = new(() =>
    {
        var (table, metadata) = DeepTables.Dependency(1000, 11);
        return (table, new TvaeSynthesizer(Quick with { Epochs = 100, BatchSize = 250 }).Fit(table, metadata, new FitOptions { Seed = 5 }));
    });

    [Fact]
    public void Recovers_the_eight_gaussians_of_a_ring()
    {
        var (table, metadata) = DeepTables.Ring(2000, 1);
        SynthesizerModel model = new TvaeSynthesizer(Quick with { Epochs = 60 }).Fit(table, metadata, new FitOptions { Seed = 2 });
        var nearest = DeepTables.NearestCentres(model.Sample(4000, seed: 3));
        nearest.Count(n => n.Distance < 0.3).ShouldBeGreaterThan((int)(0.85 * nearest.Length));
        for (int k = 0; k < 8; k++) nearest.Count(n => n.Centre == k).ShouldBeGreaterThan(4000 / 8 / 3, $"mode {k}");
    }

    [Fact]
    public void Recovers_a_category_to_number_dependency_and_missing_rate()
    {
        var (table, model) = Dependency.Value;
        Table synthetic = model.Sample(3000, seed: 1);
        DeepTables.MeanAmount(synthetic, "low").ShouldBe(10, 4);
        DeepTables.MeanAmount(synthetic, "mid").ShouldBe(50, 4);
        DeepTables.MeanAmount(synthetic, "high").ShouldBe(90, 4);
        double[] amount = ((NumericColumn)synthetic["amount"]).Values;
        // Missing is a slot decoded by argmax, which under-represents it after few epochs.
        (amount.Count(double.IsNaN) / 3000.0).ShouldBe(0.1, 0.07);
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_rows_whatever_the_thread_count()
    {
        var (table, metadata) = DeepTables.Dependency(400, 12);
        var one = new TvaeSynthesizer(Quick with { Epochs = 3, MaxThreads = 1 }).Fit(table, metadata, new FitOptions { Seed = 9 });
        var two = new TvaeSynthesizer(Quick with { Epochs = 3, MaxThreads = 2 }).Fit(table, metadata, new FitOptions { Seed = 9 });
        Parameters(one).ShouldBe(Parameters(two));
        CsvOf(one.Sample(300, seed: 4)).ShouldBe(CsvOf(two.Sample(300, seed: 4)));
        CsvOf(one.Sample(300, seed: 5)).ShouldNotBe(CsvOf(one.Sample(300, seed: 4)));
    }

    [Doppel.Tests.Neural.Bf16Fact]
    public void Bfloat16_training_recovers_the_dependency_and_gives_the_same_rows_for_a_seed_whatever_the_thread_count()
    {
        var (table, metadata) = DeepTables.Dependency(1000, 11);
        SynthesizerModel model = new TvaeSynthesizer(Quick with { Epochs = 100, BatchSize = 250, Precision = Precision.BFloat16 }).Fit(table, metadata, new FitOptions { Seed = 5 });
        Table synthetic = model.Sample(3000, seed: 1);
        DeepTables.MeanAmount(synthetic, "low").ShouldBe(10, 4);
        DeepTables.MeanAmount(synthetic, "mid").ShouldBe(50, 4);
        DeepTables.MeanAmount(synthetic, "high").ShouldBe(90, 4);

        var (small, smallMetadata) = DeepTables.Dependency(400, 12);
        var one = new TvaeSynthesizer(Quick with { Epochs = 3, MaxThreads = 1, Precision = Precision.BFloat16 }).Fit(small, smallMetadata, new FitOptions { Seed = 9 });
        var two = new TvaeSynthesizer(Quick with { Epochs = 3, MaxThreads = 2, Precision = Precision.BFloat16 }).Fit(small, smallMetadata, new FitOptions { Seed = 9 });
        var full = new TvaeSynthesizer(Quick with { Epochs = 3, MaxThreads = 2 }).Fit(small, smallMetadata, new FitOptions { Seed = 9 });
        Parameters(one).ShouldBe(Parameters(two));
        Parameters(one).ShouldNotBe(Parameters(full));
        CsvOf(one.Sample(300, seed: 4)).ShouldBe(CsvOf(two.Sample(300, seed: 4)));
    }

    [Fact]
    public void Saved_model_loads_and_samples_the_same_rows()
    {
        var (_, model) = Dependency.Value;
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "tvae.doppel");
        ModelFile.Save(model, path);
        SynthesizerModel loaded = ModelFile.Load(path);
        loaded.Kind.ShouldBe(SynthesizerKind.Tvae);
        CsvOf(loaded.Sample(500, seed: 8)).ShouldBe(CsvOf(model.Sample(500, seed: 8)));
        ModelFile.ReadManifest(path)["privacy"]!["differentialPrivacy"]!.GetValue<bool>().ShouldBeFalse();
        IReadOnlyList<EpochLoss> losses = ((ITrainingHistory)model.Learned).Losses;
        losses.Count.ShouldBe(100);
        losses.Select(l => l.Epoch).ShouldBe(Enumerable.Range(1, losses.Count));
        losses.ShouldAllBe(l => double.IsFinite(l.Loss) && l.CriticLoss == null);
        // Training lowers the loss from the first epoch to the last.
        losses[^1].Loss.ShouldBeLessThan(losses[0].Loss);
        ((ITrainingHistory)loaded.Learned).Losses.ShouldBe(losses);
    }

    [Fact]
    public void Conditions_on_a_category_are_met_exactly()
    {
        var (_, model) = Dependency.Value;
        Table synthetic = model.Sample(400, seed: 2, new ConditionSet([new Condition("level", "high")]));
        synthetic.RowCount.ShouldBe(400);
        ((CategoricalColumn)synthetic["level"]).Codes.ShouldAllBe(c => c == 2);
        DeepTables.MeanAmount(synthetic, "high").ShouldBe(90, 4);
        Should.Throw<InfeasibleRequestException>(() => model.Sample(10, seed: 2, new ConditionSet([new Condition("level", "none")])));
        // Bounds on numbers are met by the sampler's rejection; a single value of a 1-decimal column is too rare.
        ((NumericColumn)model.Sample(50, seed: 2, new ConditionSet([Condition.Parse("amount>=60")]))["amount"]).Values.ShouldAllBe(v => v >= 60);
        Should.Throw<InfeasibleRequestException>(() => model.Sample(10, seed: 2, new ConditionSet([new Condition("amount", "3")])));
    }

    private static string Parameters(SynthesizerModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) model.Learned.WriteParameters(writer);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()));
    }

    internal static string CsvOf(Table table)
    {
        var lines = new List<string>();
        for (int r = 0; r < table.RowCount; r++)
            lines.Add(string.Join(",", table.Columns.Select(c => c switch
            {
                NumericColumn n => n.Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                CategoricalColumn k => k.Codes[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                DateTimeColumn d => d.Ticks[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "?",
            })));
        return string.Join("\n", lines);
    }
}
