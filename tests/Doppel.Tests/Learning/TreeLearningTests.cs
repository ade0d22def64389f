using Doppel.Data;
using Doppel.Learning;
using Doppel.Randomness;

namespace Doppel.Tests.Learning;

public class TreeLearningTests
{
    private static (Table Table, Metadata Metadata) Table(int rows, Func<Rng, (double X, string Color, double Y)> row, long seed = 1)
    {
        var rng = new Rng((ulong)seed);
        var x = new double[rows];
        var colors = new string?[rows];
        var y = new double[rows];
        for (int i = 0; i < rows; i++) (x[i], colors[i], y[i]) = row(rng);
        var table = new Table([new NumericColumn("x", x), CategoricalColumn.FromValues("color", colors), new NumericColumn("y", y)]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("color", ColumnType.Categorical),
            new ColumnMetadata("y", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
        ]);
        return (table, metadata);
    }

    private static double Accuracy(BoostedTrees model, byte[][] x, double[] y) =>
        model.Predict(x).Select((p, i) => (p >= 0.5 ? 1.0 : 0.0) == y[i]).Count(ok => ok) / (double)y.Length;

    private static (BoostedTrees Model, byte[][] X, double[] Y) FitBinary((Table Table, Metadata Metadata) data, BoostingOptions? options = null)
    {
        FeatureEncoder encoder = FeatureEncoder.Fit(data.Table, data.Metadata, ["y"]);
        byte[][] x = encoder.Encode(data.Table);
        double[] y = ((NumericColumn)data.Table["y"]).Values;
        return (GradientBoosting.FitClassifier(encoder, x, [.. y.Select(v => (int)v)], 2, options), x, y);
    }

    [Fact]
    public void A_threshold_on_a_number_is_found()
    {
        var data = Table(3000, rng => { double x = rng.NextDouble(); return (x, "a", x > 0.3 ? 1 : 0); });
        var (model, x, y) = FitBinary(data);
        Accuracy(model, x, y).ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void A_signal_carried_by_a_set_of_categories_is_split_natively()
    {
        string[] colors = ["a", "b", "c", "d", "e", "f", "g", "h"];
        var data = Table(4000, rng => { string c = colors[rng.NextInt(8)]; return (rng.NextDouble(), c, c is "b" or "e" or "g" ? 1 : 0); });
        var (model, x, y) = FitBinary(data, new BoostingOptions { Rounds = 5, MaxLeaves = 2 });
        // Two leaves per tree: only a split on a category set (not an ordered threshold) can separate b, e, g.
        Accuracy(model, x, y).ShouldBe(1.0);
    }

    [Fact]
    public void Missing_values_follow_the_learned_direction()
    {
        var data = Table(3000, rng => { bool missing = rng.NextDouble() < 0.3; double x = rng.NextDouble(); return (missing ? double.NaN : x, "a", missing || x > 0.8 ? 1 : 0); });
        var (model, x, y) = FitBinary(data);
        Accuracy(model, x, y).ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void Same_seed_gives_the_same_predictions_on_one_or_two_threads()
    {
        var data = Table(5000, rng => { double x = rng.NextGaussian(); string c = rng.NextDouble() < 0.5 ? "u" : "v"; return (x, c, x + (c == "u" ? 0.5 : 0) + rng.NextGaussian() > 0 ? 1 : 0); });
        double[] one = FitBinary(data, new BoostingOptions { MaxThreads = 1, Seed = 3 }).Model.Predict(FitBinary(data).X, 1);
        double[] two = FitBinary(data, new BoostingOptions { MaxThreads = 2, Seed = 3 }).Model.Predict(FitBinary(data).X, 2);
        two.ShouldBe(one);
    }

    [Fact]
    public void Regression_and_several_classes_are_learned()
    {
        var data = Table(4000, rng => { double x = rng.NextDouble(); return (x, rng.NextDouble() < 0.5 ? "p" : "q", 3 * x + 0.05 * rng.NextGaussian()); });
        FeatureEncoder encoder = FeatureEncoder.Fit(data.Table, data.Metadata, ["y"]);
        byte[][] x = encoder.Encode(data.Table);
        double[] y = ((NumericColumn)data.Table["y"]).Values;
        Scores.RSquared(GradientBoosting.FitRegressor(encoder, x, y).Predict(x), y)!.Value.ShouldBeGreaterThan(0.98);

        int[] classes = [.. y.Select(v => v < 1 ? 0 : v < 2 ? 1 : 2)];
        double[] p = GradientBoosting.FitClassifier(encoder, x, classes, 3).Predict(x);
        int[] predicted = [.. Enumerable.Range(0, classes.Length).Select(i => Enumerable.Range(0, 3).MaxBy(k => p[i * 3 + k]))];
        Scores.Accuracy(predicted, classes).ShouldBeGreaterThan(0.97);
    }

    [Fact]
    public void Test_tables_are_binned_by_category_text_not_code()
    {
        var train = Table(200, rng => (rng.NextDouble(), rng.NextDouble() < 0.5 ? "red" : "blue", 0));
        FeatureEncoder encoder = FeatureEncoder.Fit(train.Table, train.Metadata, ["y"]);
        // The same labels with other codes, and one label never seen in training.
        var test = new Table([new NumericColumn("x", [0.5, 0.5, 0.5]), new CategoricalColumn("color", [0, 1, 2], ["blue", "green", "red"]), new NumericColumn("y", [0, 0, 0])]);
        byte[] trainBins = encoder.Encode(train.Table)[1], testBins = encoder.Encode(test)[1];
        var color = (CategoricalColumn)train.Table["color"];
        byte blue = trainBins[Enumerable.Range(0, 200).First(i => color[i] == "blue")], red = trainBins[Enumerable.Range(0, 200).First(i => color[i] == "red")];
        testBins.ShouldBe([blue, (byte)0, red]);
    }

    [Fact]
    public void Scores_match_hand_computed_values()
    {
        // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ranked right.
        Scores.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])!.Value.ShouldBe(0.75, 1e-12);
        Scores.RocAuc([0.5, 0.5], [true, false])!.Value.ShouldBe(0.5, 1e-12); // a tie counts one half
        Scores.RocAuc([0.5, 0.7], [true, true]).ShouldBeNull();
        // Class 0: tp 1, fp 1, fn 0 → F1 2/3; class 1: tp 1, fp 0, fn 1 → 2/3.
        Scores.MacroF1([0, 0, 1], [0, 1, 1], 2).ShouldBe(2.0 / 3, 1e-12);
        Scores.Accuracy([0, 0, 1], [0, 1, 1]).ShouldBe(2.0 / 3, 1e-12);
        // Truth 1, 2, 3 (mean 2, SS_tot 2); predictions off by 1 on one value: SS_res 1 → R² 0.5, RMSE √(1/3).
        Scores.RSquared([1, 2, 4], [1, 2, 3])!.Value.ShouldBe(0.5, 1e-12);
        Scores.Rmse([1, 2, 4], [1, 2, 3]).ShouldBe(Math.Sqrt(1.0 / 3), 1e-12);
    }
}
