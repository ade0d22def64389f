using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Fidelity;
using Doppel.Evaluation.Utility;
using Doppel.Randomness;

namespace Doppel.Tests.Evaluation;

public class UtilityAndDetectionTests
{
    /// <summary>x ~ N(0,1), a group that depends on x, and a label that is 1 when x + noise > 0.</summary>
    private static Table People(int rows, long seed, bool shuffleLabel = false)
    {
        var rng = Rng.FromSeed(seed);
        var x = new double[rows];
        var group = new string?[rows];
        var label = new string?[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = rng.NextGaussian();
            group[i] = x[i] + 0.5 * rng.NextGaussian() > 0 ? "high" : "low";
            label[i] = x[i] + 0.3 * rng.NextGaussian() > 0 ? "yes" : "no";
        }
        if (shuffleLabel)
            for (int i = rows - 1; i > 0; i--) { int j = rng.NextInt(i + 1); (label[i], label[j]) = (label[j], label[i]); }
        return new Table([new NumericColumn("x", x), CategoricalColumn.FromValues("group", group), CategoricalColumn.FromValues("label", label)]);
    }

    private static readonly Metadata PeopleMetadata = new(
    [
        new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
        new ColumnMetadata("group", ColumnType.Categorical),
        new ColumnMetadata("label", ColumnType.Categorical),
    ]);

    private static EvaluationInputs Inputs(Table synthetic) =>
        new(People(3000, 1), synthetic, PeopleMetadata) { Holdout = People(2000, 2), Target = "label", Seed = 5 };

    [Fact]
    public void Synthetic_rows_as_good_as_real_ones_score_about_one()
    {
        var results = UtilityMetrics.Evaluate(Inputs(People(3000, 3)));
        results.Select(r => r.Name).ShouldBe(["Accuracy (TSTR/TRTR)", "Macro-F1 (TSTR/TRTR)", "ROC-AUC (TSTR/TRTR)",
            "Accuracy (TSTR/TRTR, linear)", "Macro-F1 (TSTR/TRTR, linear)", "ROC-AUC (TSTR/TRTR, linear)"]);
        results.ShouldAllBe(r => r.Score > 0.97);
        results.ShouldAllBe(r => r.Breakdown.Count == 2);
    }

    [Fact]
    public void A_label_unrelated_to_the_features_in_the_synthetic_rows_scores_low()
    {
        var auc = UtilityMetrics.Evaluate(Inputs(People(3000, 3, shuffleLabel: true))).First(r => r.Name.StartsWith("ROC-AUC", StringComparison.Ordinal));
        // No better than guessing (a chance tilt learned from noise can even rank the holdout backwards).
        auc.Raw!.Value.ShouldBeLessThan(0.65);
        auc.Score!.Value.ShouldBeLessThan(0.7);
    }

    [Fact]
    public void Utility_without_a_holdout_or_target_or_with_one_class_says_why()
    {
        UtilityMetrics.Evaluate(Inputs(People(100, 3)) with { Holdout = null }).Single().Reason!.ShouldContain("--holdout");
        UtilityMetrics.Evaluate(Inputs(People(100, 3)) with { Target = null }).Single().Reason!.ShouldContain("--target");
        Table oneClass = People(300, 3);
        oneClass = new Table([oneClass["x"], oneClass["group"], new CategoricalColumn("label", new int[300], ["yes"])]);
        UtilityMetrics.Evaluate(Inputs(oneClass)).ShouldAllBe(r => r.Status == MetricStatus.Skipped && r.Reason!.Contains("fewer than two classes"));
    }

    [Fact]
    public void Detection_cannot_tell_two_real_samples_apart_but_spots_noise()
    {
        DetectionMetric.Evaluate(new EvaluationInputs(People(3000, 1), People(3000, 9), PeopleMetadata)).Score!.Value.ShouldBeGreaterThan(0.85);
        var rng = new Rng(4);
        Table noise = new([
            new NumericColumn("x", [.. Enumerable.Range(0, 3000).Select(_ => 10 * rng.NextDouble() - 5)]),
            CategoricalColumn.FromValues("group", [.. Enumerable.Range(0, 3000).Select(_ => rng.NextDouble() < 0.5 ? "high" : "low")]),
            CategoricalColumn.FromValues("label", [.. Enumerable.Range(0, 3000).Select(_ => rng.NextDouble() < 0.5 ? "yes" : "no")]),
        ]);
        MetricResult detection = DetectionMetric.Evaluate(new EvaluationInputs(People(3000, 1), noise, PeopleMetadata));
        detection.Score!.Value.ShouldBeLessThan(0.3);
        detection.Raw!.Value.ShouldBeGreaterThan(0.85);
    }
}
