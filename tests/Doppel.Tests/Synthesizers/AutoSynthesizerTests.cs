using Doppel.Data;
using Doppel.Models;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Auto;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.GaussianCopula;
using Shouldly;

namespace Doppel.Tests.Synthesizers;

public sealed class AutoSynthesizerTests
{
    // One epoch of a GAN has learned almost nothing: clearly worse than the copula on this table.
    private static readonly ISynthesizer Untrained = new CtganSynthesizer(new CtganOptions { Epochs = 1, BatchSize = 100, GeneratorDimensions = [16], DiscriminatorDimensions = [16] });

    [Fact]
    public void Auto_keeps_the_clearly_better_candidate_and_records_every_score()
    {
        var (table, metadata) = TestTables.Mixed(2000);
        var auto = new AutoOptions { Candidates = [Untrained, new GaussianCopulaSynthesizer()], Target = "flag" };
        SynthesizerModel model = AutoSynthesizer.Fit(table, metadata, auto, new FitOptions { Seed = 3 });

        model.Kind.ShouldBe(SynthesizerKind.GaussianCopula);
        IReadOnlyList<AutoCandidate> candidates = AutoSynthesizer.SelectionOf(model)!;
        candidates.Select(c => c.Name).ShouldBe(["ctgan", "gaussian-copula"]);
        candidates.ShouldAllBe(c => c.Skipped == null && c.Quality > 0 && c.UtilityRatio >= 0 && c.UtilityRatio <= 1);
        candidates[1].Score!.Value.ShouldBeGreaterThan(candidates[0].Score!.Value + 0.05);
        candidates[1].Score!.Value.ShouldBe((candidates[1].Quality!.Value + candidates[1].UtilityRatio!.Value) / 2, 1e-5);
        // The winner is refitted on every row, so it learned the whole table.
        model.Lineage.Rows.ShouldBe(2000);
    }

    [Fact]
    public void The_choice_is_deterministic_and_survives_the_model_file()
    {
        var (table, metadata) = TestTables.Mixed(1500);
        var auto = new AutoOptions { Candidates = [new GaussianCopulaSynthesizer(), Untrained] };
        SynthesizerModel first = AutoSynthesizer.Fit(table, metadata, auto, new FitOptions { Seed = 9 });
        SynthesizerModel second = AutoSynthesizer.Fit(table, metadata, auto, new FitOptions { Seed = 9 });
        AutoSynthesizer.SelectionOf(first)!.Select(c => (c.Name, c.Score)).ShouldBe(AutoSynthesizer.SelectionOf(second)!.Select(c => (c.Name, c.Score)));
        ((NumericColumn)first.Sample(300, seed: 1)["x"]).Values.ShouldBe(((NumericColumn)second.Sample(300, seed: 1)["x"]).Values);

        using var folder = new TempFolder();
        ModelFile.Save(first, folder.File("auto.doppel"));
        SynthesizerModel loaded = ModelFile.Load(folder.File("auto.doppel"));
        AutoSynthesizer.SelectionOf(loaded)!.Select(c => c.Score).ShouldBe(AutoSynthesizer.SelectionOf(first)!.Select(c => c.Score));
        loaded.Options["selection"]!["chosen"]!.GetValue<string>().ShouldBe(SynthesizerRegistry.NameOf(first.Kind));
    }

    [Fact]
    public void A_spent_time_budget_leaves_later_candidates_out_but_always_judges_the_first()
    {
        var (table, metadata) = TestTables.Mixed(800);
        var auto = new AutoOptions { Candidates = [new GaussianCopulaSynthesizer(), Untrained], TimeBudgetSeconds = 1e-6 };
        SynthesizerModel model = AutoSynthesizer.Fit(table, metadata, auto);
        model.Kind.ShouldBe(SynthesizerKind.GaussianCopula);
        IReadOnlyList<AutoCandidate> candidates = AutoSynthesizer.SelectionOf(model)!;
        candidates[0].Score.ShouldNotBeNull();
        candidates[1].Score.ShouldBeNull();
        candidates[1].Skipped.ShouldNotBeNull().ShouldContain("time budget");
    }

    [Fact]
    public void A_candidate_that_leans_toward_its_training_rows_is_passed_over_despite_the_best_score()
    {
        AutoCandidate Judged(string name, double score, double? share) => new(name, score, null, score, 0.1, null, share);
        AutoSynthesizer.Winner([Judged("copier", 0.99, 0.95), Judged("gaussian-copula", 0.95, 0.50), Judged("cart", 0.97, 0.58)]).ShouldBe(2);
        // When every candidate leans toward its rows, the best score still wins; ties go to the earlier one.
        AutoSynthesizer.Winner([Judged("a", 0.90, 0.70), Judged("b", 0.95, 0.80)]).ShouldBe(1);
        AutoSynthesizer.Winner([Judged("a", 0.95, 0.50), Judged("b", 0.95, 0.50)]).ShouldBe(0);
        // Candidates left out are never chosen.
        AutoSynthesizer.Winner([new AutoCandidate("late", null, null, null, 0, "time budget"), Judged("b", 0.5, 0.5)]).ShouldBe(1);
    }

    [Fact]
    public void Every_judged_candidate_records_its_dcr_share()
    {
        var (table, metadata) = TestTables.Mixed(1500);
        SynthesizerModel model = AutoSynthesizer.Fit(table, metadata, new AutoOptions { Candidates = [new GaussianCopulaSynthesizer(), Untrained] }, new FitOptions { Seed = 4 });
        AutoSynthesizer.SelectionOf(model)!.ShouldAllBe(c => c.DcrShare > 0.3 && c.DcrShare < AutoSynthesizer.MaxDcrShare);
    }

    [Fact]
    public void Too_few_rows_to_judge_keep_the_first_candidate_and_say_so()
    {
        var (table, metadata) = TestTables.Mixed(AutoSynthesizer.MinimumRowsToJudge - 1);
        SynthesizerModel model = AutoSynthesizer.Fit(table, metadata, new AutoOptions { Candidates = [new GaussianCopulaSynthesizer(), Untrained] });
        model.Kind.ShouldBe(SynthesizerKind.GaussianCopula);
        AutoSynthesizer.SelectionOf(model)!.Single().Skipped.ShouldNotBeNull().ShouldContain("too few");
        model.Sample(10, seed: 1).RowCount.ShouldBe(10);
    }

    [Fact]
    public void Bad_choices_are_refused_with_the_reason()
    {
        var (table, metadata) = TestTables.Mixed(200);
        Should.Throw<UsageException>(() => AutoSynthesizer.Fit(table, metadata, new AutoOptions { Target = "nope" })).Message.ShouldContain("not a column");
        Should.Throw<UsageException>(() => AutoSynthesizer.Fit(table, metadata, new AutoOptions { Target = "when" })).Message.ShouldContain("datetime");
        Should.Throw<UsageException>(() => new AutoOptions { Candidates = [new GaussianCopulaSynthesizer(), new GaussianCopulaSynthesizer()] });
        Should.Throw<UsageException>(() => new AutoOptions { TimeBudgetSeconds = 0 });
    }
}
