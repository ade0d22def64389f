using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Ctgan;

namespace Doppel.Tests.Synthesizers.Deep;

public class CtganTests
{
    // Small networks and a larger learning rate so a few hundred steps suffice.
    private static readonly CtganOptions Quick = new() { Epochs = 30, BatchSize = 100, LearningRate = 1e-3, MaxThreads = 2, GeneratorDimensions = [64, 64], DiscriminatorDimensions = [64, 64] };

    private static readonly Lazy<(Table Table, SynthesizerModel Model)> Dependency = new(() =>
    {
        var (table, metadata) = DeepTables.Dependency(1000, 21);
        return (table, new CtganSynthesizer(Quick with { Epochs = 100 }).Fit(table, metadata, new FitOptions { Seed = 5 }));
    });

    [Fact]
    public void Gradient_penalty_backward_matches_finite_differences()
    {
        var rng = new Rng(1);
        var critic = new CtganDiscriminator(6, [5, 4], rng.Fork("init"), new ManagedKernels(1), dropout: 0);
        var x = new Doppel.Neural.Tensor(4, 6);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (float)rng.NextGaussian();
        foreach (Parameter p in critic.Parameters) p.ClearGradient();
        critic.GradientPenalty(x, 10, averaged: true);
        float[][] gradients = [.. critic.Parameters.Select(p => (float[])p.Gradient.Clone())];
        foreach ((Parameter p, float[] analytic) in critic.Parameters.Zip(gradients))
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                float original = p.Value[i];
                const float step = 1e-4f;
                p.Value[i] = original + step;
                double up = critic.GradientPenalty(x, 10, averaged: true);
                p.Value[i] = original - step;
                double down = critic.GradientPenalty(x, 10, averaged: true);
                p.Value[i] = original;
                double numeric = (up - down) / (2 * step);
                Math.Abs(numeric - analytic[i]).ShouldBeLessThan(2e-2 * Math.Max(1, Math.Abs(numeric)), $"{p.Name}[{i}] numeric {numeric} analytic {analytic[i]}");
            }
        }
    }

    [Fact]
    public void Gradient_penalty_returns_the_mean_over_packs_whether_its_gradient_is_averaged_or_summed()
    {
        // The private critic step sums the packs' gradients (DP-SGD) but reports the same mean penalty as the plain step.
        var rng = new Rng(2);
        var critic = new CtganDiscriminator(6, [5], rng.Fork("init"), new ManagedKernels(1), dropout: 0);
        var x = new Doppel.Neural.Tensor(4, 6);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (float)rng.NextGaussian();
        double averaged = critic.GradientPenalty(x, 10, averaged: true);
        float[] averagedGradient = (float[])critic.Parameters[0].Gradient.Clone();
        foreach (Parameter p in critic.Parameters) p.ClearGradient();
        double summed = critic.GradientPenalty(x, 10, averaged: false);
        summed.ShouldBe(averaged);
        critic.Parameters[0].Gradient[3].ShouldBe(averagedGradient[3] * x.Rows, 1e-5);
        var single = new Doppel.Neural.Tensor(1, 6);
        double expected = 0;
        for (int r = 0; r < x.Rows; r++)
        {
            x.Row(r).CopyTo(single.Row(0));
            expected += critic.GradientPenalty(single, 10, averaged: true) / x.Rows;
        }
        averaged.ShouldBe(expected, 1e-4);
    }

    [Fact]
    public void Recovers_the_eight_gaussians_of_a_ring()
    {
        var (table, metadata) = DeepTables.Ring(2000, 1);
        SynthesizerModel model = new CtganSynthesizer(Quick with { Epochs = 100 }).Fit(table, metadata, new FitOptions { Seed = 2 });
        var nearest = DeepTables.NearestCentres(model.Sample(4000, seed: 3));
        nearest.Count(n => n.Distance < 0.3).ShouldBeGreaterThan((int)(0.75 * nearest.Length));
        for (int k = 0; k < 8; k++) nearest.Count(n => n.Centre == k).ShouldBeGreaterThan(4000 / 8 / 3, $"mode {k}");
    }

    [Fact]
    public void Recovers_a_category_to_number_dependency()
    {
        var (_, model) = Dependency.Value;
        Table synthetic = model.Sample(3000, seed: 1);
        DeepTables.MeanAmount(synthetic, "low").ShouldBe(10, 6);
        DeepTables.MeanAmount(synthetic, "mid").ShouldBe(50, 6);
        DeepTables.MeanAmount(synthetic, "high").ShouldBe(90, 6);
        var levels = (CategoricalColumn)synthetic["level"];
        (levels.Codes.Count(c => c == 0) / 3000.0).ShouldBe(0.5, 0.08);
    }

    [Doppel.Tests.Neural.Bf16Fact]
    public void Bfloat16_training_recovers_the_dependency_and_gives_the_same_rows_for_a_seed_whatever_the_thread_count()
    {
        var (table, metadata) = DeepTables.Dependency(1000, 11);
        SynthesizerModel model = new CtganSynthesizer(Quick with { Epochs = 100, Precision = Precision.BFloat16 }).Fit(table, metadata, new FitOptions { Seed = 9 });
        Table synthetic = model.Sample(3000, seed: 1);
        DeepTables.MeanAmount(synthetic, "low").ShouldBe(10, 6);
        DeepTables.MeanAmount(synthetic, "mid").ShouldBe(50, 6);
        DeepTables.MeanAmount(synthetic, "high").ShouldBe(90, 6);

        var (small, smallMetadata) = DeepTables.Dependency(300, 12);
        var one = new CtganSynthesizer(Quick with { Epochs = 2, MaxThreads = 1, Precision = Precision.BFloat16 }).Fit(small, smallMetadata, new FitOptions { Seed = 9 });
        var two = new CtganSynthesizer(Quick with { Epochs = 2, MaxThreads = 2, Precision = Precision.BFloat16 }).Fit(small, smallMetadata, new FitOptions { Seed = 9 });
        var full = new CtganSynthesizer(Quick with { Epochs = 2, MaxThreads = 2 }).Fit(small, smallMetadata, new FitOptions { Seed = 9 });
        TvaeTests.CsvOf(one.Sample(300, seed: 4)).ShouldBe(TvaeTests.CsvOf(two.Sample(300, seed: 4)));
        TvaeTests.CsvOf(one.Sample(300, seed: 4)).ShouldNotBe(TvaeTests.CsvOf(full.Sample(300, seed: 4)));
    }

    [Fact]
    public void Each_network_takes_its_own_rate_and_decay_when_given_and_conditions_may_follow_plain_frequencies()
    {
        var (table, metadata) = DeepTables.Dependency(300, 4);
        CtganOptions tiny = Quick with { Epochs = 1, GeneratorDimensions = [16], DiscriminatorDimensions = [16] };
        double[] Amounts(CtganOptions options) =>
            ((NumericColumn)new CtganSynthesizer(options).Fit(table, metadata, new FitOptions { Seed = 3 }).Sample(40, seed: 1)["amount"]).Values;
        double[] baseline = Amounts(tiny);
        // Own values equal to the shared ones change nothing; other values change the training.
        Amounts(tiny with { GeneratorLearningRate = tiny.LearningRate, DiscriminatorLearningRate = tiny.LearningRate, GeneratorWeightDecay = tiny.WeightDecay, DiscriminatorWeightDecay = tiny.WeightDecay })
            .ShouldBe(baseline);
        Amounts(tiny with { GeneratorLearningRate = 1e-2 }).ShouldNotBe(baseline);
        Amounts(tiny with { DiscriminatorLearningRate = 1e-2 }).ShouldNotBe(baseline);
        Amounts(tiny with { DiscriminatorWeightDecay = 0.5 }).ShouldNotBe(baseline);
        Amounts(tiny with { LogFrequency = false }).ShouldNotBe(baseline);
        Should.Throw<ArgumentOutOfRangeException>(() => tiny with { GeneratorLearningRate = 0 });
        Should.Throw<ArgumentOutOfRangeException>(() => tiny with { DiscriminatorWeightDecay = -1 });
        Should.Throw<ArgumentOutOfRangeException>(() => tiny with { DiscriminatorLearningRate = double.NaN });
    }

    [Fact]
    public void A_step_takes_whole_packs_of_at_most_the_tables_rows()
    {
        var options = new CtganOptions { BatchSize = 27, Pac = 5 };
        options.Packing(10_000).ShouldBe((5, 25));
        options.Packing(12).ShouldBe((5, 10));
        options.Packing(3).ShouldBe((3, 3), "a table smaller than a pack is one pack");
        new CtganOptions().Packing(32_561).ShouldBe((10, 500));
        Should.Throw<ArgumentOutOfRangeException>(() => options.Packing(0));
    }

    [Fact]
    public void Conditional_vector_samples_a_category_natively_and_exactly()
    {
        var (_, model) = Dependency.Value;
        Table synthetic = model.Sample(500, seed: 2, new ConditionSet([new Condition("level", "high")]));
        synthetic.RowCount.ShouldBe(500);
        ((CategoricalColumn)synthetic["level"]).Codes.ShouldAllBe(c => c == 2);
        DeepTables.MeanAmount(synthetic, "high").ShouldBe(90, 8);
        Should.Throw<InfeasibleRequestException>(() => model.Sample(10, seed: 2, new ConditionSet([new Condition("level", "none")])));
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_rows_whatever_the_thread_count_and_the_model_file_round_trips()
    {
        var (table, metadata) = DeepTables.Dependency(300, 12);
        var one = new CtganSynthesizer(Quick with { Epochs = 2, MaxThreads = 1 }).Fit(table, metadata, new FitOptions { Seed = 9 });
        var two = new CtganSynthesizer(Quick with { Epochs = 2, MaxThreads = 2 }).Fit(table, metadata, new FitOptions { Seed = 9 });
        TvaeTests.CsvOf(one.Sample(300, seed: 4)).ShouldBe(TvaeTests.CsvOf(two.Sample(300, seed: 4)));
        TvaeTests.CsvOf(one.Sample(300, seed: 5)).ShouldNotBe(TvaeTests.CsvOf(one.Sample(300, seed: 4)));
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "ctgan.doppel");
        ModelFile.Save(one, path);
        SynthesizerModel loaded = ModelFile.Load(path);
        TvaeTests.CsvOf(loaded.Sample(300, seed: 4)).ShouldBe(TvaeTests.CsvOf(one.Sample(300, seed: 4)));
        // The loss curve: one entry per epoch, the generator's and the critic's, kept through the file.
        IReadOnlyList<EpochLoss> losses = ((ITrainingHistory)one.Learned).Losses;
        losses.Select(l => l.Epoch).ShouldBe([1, 2]);
        losses.ShouldAllBe(l => double.IsFinite(l.Loss) && l.CriticLoss.HasValue && double.IsFinite(l.CriticLoss.Value));
        ((ITrainingHistory)two.Learned).Losses.ShouldBe(losses);
        ((ITrainingHistory)loaded.Learned).Losses.ShouldBe(losses);
    }
}
