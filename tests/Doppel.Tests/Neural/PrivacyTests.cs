using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.Tvae;
using Doppel.Tests.Synthesizers.Deep;
using Doppel.Transforms;

namespace Doppel.Tests.Neural;

public class PrivacyTests
{
    [Fact]
    public void Accountant_matches_Opacus_reference_values()
    {
        // opacus/tests/accountants_test.py: RDPAccountant, σ = 1.5, q = 0.04, 2,250 steps, δ = 1e-5 → ε = 7.32911117143
        // (Opacus also uses fractional orders; ours are integers, so ours may only be slightly larger).
        RdpAccountant.Epsilon(1.5, 0.04, 2250, 1e-5).ShouldBe(7.32911117143, 0.01);
    }

    [Fact]
    public void Accountant_without_subsampling_is_the_Gaussian_mechanism()
    {
        // q = 1: RDP(α) = T·α/(2σ²); ε = min over α of that + log((α−1)/α) − (log δ + log α)/(α−1), computed here over the same integer orders.
        const double sigma = 5, delta = 1e-5;
        const long steps = 10;
        double expected = Enumerable.Range(2, 63).Min(a => steps * a / (2 * sigma * sigma) + Math.Log((a - 1.0) / a) - (Math.Log(delta) + Math.Log(a)) / (a - 1));
        RdpAccountant.Epsilon(sigma, 1, steps, delta).ShouldBe(expected, 1e-9);
        RdpAccountant.Epsilon(sigma, 1, 0, delta).ShouldBe(0);
    }

    [Fact]
    public void Max_steps_is_the_last_step_within_the_budget_and_epsilon_grows_with_steps()
    {
        long steps = RdpAccountant.MaxSteps(1.1, 0.01, 2, 1e-5);
        steps.ShouldBeGreaterThan(100);
        RdpAccountant.Epsilon(1.1, 0.01, steps, 1e-5).ShouldBeLessThanOrEqualTo(2);
        RdpAccountant.Epsilon(1.1, 0.01, steps + 1, 1e-5).ShouldBeGreaterThan(2);
        RdpAccountant.Epsilon(1.1, 0.01, 10, 1e-5).ShouldBeLessThan(RdpAccountant.Epsilon(1.1, 0.01, 20, 1e-5));
    }

    [Fact]
    public void Clip_factors_bound_every_example_norm()
    {
        float[] squared = [0.25f, 4f, 100f, 0f];
        DpSgd.ClipFactors(squared, 1.0);
        squared.ShouldBe([1f, 0.5f, 0.1f, 1f], 1e-6f);
    }

    [Fact]
    public void A_budget_needs_positive_epsilon_and_a_delta_below_one_and_one_too_small_for_a_step_is_refused()
    {
        Should.Throw<UsageException>(() => new PrivacyBudget(0, 1e-5));
        Should.Throw<UsageException>(() => new PrivacyBudget(1, 1));
        var (table, metadata) = DeepTables.Dependency(200, 3);
        var tiny = new TvaeSynthesizer(new TvaeOptions { Epochs = 1, Privacy = new PrivacyBudget(1e-4, 1e-5) { NoiseMultiplier = 0.5 } });
        Should.Throw<UsageException>(() => tiny.Fit(table, metadata)).Message.ShouldContain("does not cover a single training step");
    }

    [Fact]
    public void Dp_tvae_stops_when_the_budget_is_spent_and_records_it_in_the_manifest()
    {
        var (table, metadata) = DeepTables.Dependency(400, 4);
        metadata = DeepTables.WithDeclaredBounds(metadata);
        var messages = new List<string>();
        var budget = new PrivacyBudget(3, 1e-4) { NoiseMultiplier = 1.0 };
        SynthesizerModel model = new TvaeSynthesizer(new TvaeOptions { Epochs = 200, BatchSize = 40, Privacy = budget, MaxThreads = 2, CompressDimensions = [32], DecompressDimensions = [32], EmbeddingDimension = 8 })
            .Fit(table, metadata, progress: new SyncProgress(messages));
        var spent = ((IPrivateModel)model.Learned).Privacy!;
        spent.BudgetExhausted.ShouldBeTrue();
        spent.Epsilon.ShouldBeLessThanOrEqualTo(3);
        // The encoder's noisy histograms are paid for first: the steps are those that fit in what they leave.
        EncoderPrivacy encoder = EncoderPrivacy.Plan(metadata, 3, 1e-4);
        spent.EncoderNoise.ShouldBe(encoder.NoiseStd);
        spent.Scope.ShouldContain("column encoders");
        spent.Steps.ShouldBe(RdpAccountant.MaxSteps(1.0, 0.1, 3, 1e-4 - encoder.SelectionDelta, encoder.RdpSlope));
        spent.Steps.ShouldBeLessThan(RdpAccountant.MaxSteps(1.0, 0.1, 3, 1e-4));
        // The loss curve stops where the budget stopped training (ten steps an epoch).
        ((ITrainingHistory)model.Learned).Losses.Count.ShouldBe((int)((spent.Steps + 9) / 10));
        spent.Steps.ShouldBeLessThan(200 * 10);
        messages.ShouldContain(m => m.Contains("privacy budget spent"));
        model.Sample(100, seed: 1).RowCount.ShouldBe(100);
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "dp.doppel");
        ModelFile.Save(model, path);
        var manifest = ModelFile.ReadManifest(path);
        manifest["privacy"]!["differentialPrivacy"]!.GetValue<bool>().ShouldBeTrue();
        manifest["privacy"]!["spent"]!["epsilon"]!.GetValue<double>().ShouldBe(spent.Epsilon);
        ((IPrivateModel)ModelFile.Load(path).Learned).Privacy.ShouldBe(spent);
    }

    [Fact]
    public void Dp_ctgan_calibrates_its_noise_to_fit_every_epoch_in_the_budget()
    {
        var (table, metadata) = DeepTables.Dependency(400, 5);
        metadata = DeepTables.WithDeclaredBounds(metadata);
        var options = new CtganOptions { Epochs = 3, BatchSize = 100, MaxThreads = 2, GeneratorDimensions = [32], DiscriminatorDimensions = [32], Privacy = new PrivacyBudget(5, 1e-4) };
        SynthesizerModel model = new CtganSynthesizer(options).Fit(table, metadata);
        var spent = ((IPrivateModel)model.Learned).Privacy!;
        spent.BudgetExhausted.ShouldBeFalse();
        spent.Steps.ShouldBe(3 * 4);
        spent.Epsilon.ShouldBeLessThanOrEqualTo(5);
        spent.Epsilon.ShouldBeGreaterThan(4);
        Table synthetic = model.Sample(200, seed: 1);
        ((NumericColumn)synthetic["amount"]).Values.Where(v => !double.IsNaN(v)).ShouldAllBe(v => v >= 0 && v <= 120);
    }

    [Fact]
    public void Declared_categories_are_cut_higher_for_ctgan_than_for_tvae_and_the_scope_says_where()
    {
        var (table, metadata) = DeepTables.Dependency(400, 5);
        metadata = DeepTables.WithDeclaredBounds(metadata);
        metadata = metadata with { Columns = [metadata.Columns[0] with { Categories = ["low", "mid", "high", "unused"] }, metadata.Columns[1]] };
        var budget = new PrivacyBudget(5, 1e-4);
        var ctgan = ((IPrivateModel)new CtganSynthesizer(new CtganOptions { Epochs = 1, BatchSize = 100, GeneratorDimensions = [16], DiscriminatorDimensions = [16], Privacy = budget })
            .Fit(table, metadata).Learned).Privacy!;
        var tvae = ((IPrivateModel)new TvaeSynthesizer(new TvaeOptions { Epochs = 1, BatchSize = 100, CompressDimensions = [16], DecompressDimensions = [16], EmbeddingDimension = 8, Privacy = budget })
            .Fit(table, metadata).Learned).Privacy!;
        string Cut(double deviations, PrivacySpent spent) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"declared categories kept above {deviations * spent.EncoderNoise!.Value:G4} noisy rows");
        ctgan.Scope.ShouldContain(Cut(4.4, ctgan));
        tvae.Scope.ShouldContain(Cut(EncoderPrivacy.DefaultDeclaredCut, tvae));
        // Every categorical list is declared, so no category is selected from the data.
        ctgan.Scope.ShouldNotContain("categories kept above 0");
        Should.Throw<ArgumentOutOfRangeException>(() => EncoderPrivacy.Plan(metadata, 1, 1e-5) with { DeclaredCut = 0 });
    }

    [Fact]
    public void A_deep_model_without_declared_bounds_is_refused_before_training_naming_the_column()
    {
        var (table, metadata) = DeepTables.Dependency(200, 6);
        var messages = new List<string>();
        var error = Should.Throw<UsageException>(() => new CtganSynthesizer(new CtganOptions { Epochs = 1, Privacy = new PrivacyBudget(1, 1e-5) })
            .Fit(table, metadata, progress: new SyncProgress(messages)));
        error.Message.ShouldContain("'amount'");
        error.Message.ShouldContain("\"minimum\" and \"maximum\"");
        messages.ShouldNotContain(m => m.StartsWith("epoch"));
    }

    [Fact]
    public void The_plan_charges_the_encoders_releases_from_the_start_and_never_passes_the_budget()
    {
        var (_, metadata) = DeepTables.Dependency(10, 1);
        EncoderPrivacy encoder = EncoderPrivacy.Plan(metadata, 2, 1e-5);
        PrivacyPlan plan = PrivacyPlan.Create(new PrivacyBudget(2, 1e-5), 1000, 100, 300, null, encoder);
        // Before any step the releases alone have cost their share of ε.
        plan.Spent(0).ShouldBe(EncoderPrivacy.DefaultShare * 2, 0.002 * 2);
        plan.Spent(plan.MaxSteps).ShouldBeLessThanOrEqualTo(2);
        plan.Spent(plan.MaxSteps + 1).ShouldBeGreaterThan(2);
        plan.MaxSteps.ShouldBeGreaterThanOrEqualTo(300);
        // Training alone at the same noise would go further: the releases are really paid for.
        RdpAccountant.MaxSteps(plan.NoiseMultiplier, plan.SamplingRate, 2, 1e-5).ShouldBeGreaterThan(plan.MaxSteps);

        // A larger share for the encoders: less noise on their counts, more on the training, the same total.
        var budget = new PrivacyBudget(2, 1e-5) { EncoderShare = 0.3 };
        EncoderPrivacy larger = EncoderPrivacy.Plan(metadata, 2, 1e-5, budget.EncoderShare);
        larger.NoiseStd.ShouldBeLessThan(encoder.NoiseStd);
        PrivacyPlan shared = PrivacyPlan.Create(budget, 1000, 100, 300, null, larger);
        shared.Spent(0).ShouldBe(0.3 * 2, 0.002 * 2);
        shared.NoiseMultiplier.ShouldBeGreaterThan(plan.NoiseMultiplier);
        shared.Report(0, false).Scope.ShouldContain("30 % of ε");
        Should.Throw<ArgumentOutOfRangeException>(() => new PrivacyBudget(1, 1e-5) { EncoderShare = 1 });
        Should.Throw<ArgumentOutOfRangeException>(() => new PrivacyBudget(1, 1e-5) { EncoderShare = 0 });
    }

    private sealed class SyncProgress(List<string> messages) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => messages.Add(value.Stage);
    }
}
