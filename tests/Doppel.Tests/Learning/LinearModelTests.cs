using Doppel.Data;
using Doppel.Learning;
using Doppel.Randomness;

namespace Doppel.Tests.Learning;

public class LinearModelTests
{
    private static (Table Table, Metadata Metadata) Data(int rows, long seed)
    {
        var rng = Rng.FromSeed(seed);
        var x = new double[rows];
        var kind = new string?[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = i % 10 == 0 ? double.NaN : rng.NextGaussian() * 3 + 10;
            kind[i] = rng.NextDouble() < 0.5 ? "a" : "b";
        }
        return (new Table([new NumericColumn("x", x), CategoricalColumn.FromValues("kind", kind)]), new Metadata(
        [
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("kind", ColumnType.Categorical),
        ]));
    }

    [Fact]
    public void The_design_matrix_standardises_numbers_flags_missing_and_one_hots_labels_by_text()
    {
        var (table, metadata) = Data(1000, 1);
        LinearFeatures features = LinearFeatures.Fit(table, metadata);
        features.Width.ShouldBe(4); // intercept, x, x missing, kind = the less frequent label
        double[][] rows = features.Encode(table);
        rows.Average(r => r[1]).ShouldBe(0, 1e-9);
        rows.Where((_, i) => i % 10 != 0).Select(r => r[1] * r[1]).Average().ShouldBe(1, 0.01);
        rows.Where((_, i) => i % 10 == 0).ShouldAllBe(r => r[1] == 0 && r[2] == 1);
        // Another table whose codes are in another order gets the same one-hot columns.
        var other = new Table([new NumericColumn("x", [10, 10]), new CategoricalColumn("kind", [0, 1], ["b", "a"])]);
        double[][] encoded = features.Encode(other);
        (encoded[0][3] + encoded[1][3]).ShouldBe(1);
    }

    [Fact]
    public void Ridge_recovers_a_linear_relation_and_logistic_a_linear_boundary()
    {
        var rng = new Rng(2);
        double[][] x = [.. Enumerable.Range(0, 2000).Select(_ => new[] { 1.0, rng.NextGaussian(), rng.NextGaussian() })];
        double[] y = [.. x.Select(r => 1 + 2 * r[1] - 3 * r[2] + 0.01 * rng.NextGaussian())];
        double[] fitted = LinearModel.FitRidge(x, y, lambda: 1e-6).Predict(x);
        Scores.RSquared(fitted, y)!.Value.ShouldBeGreaterThan(0.9999);

        int[] labels = [.. x.Select(r => r[1] - r[2] + 0.3 * rng.NextGaussian() > 0 ? 1 : 0)];
        double[] p = LinearModel.FitLogistic(x, labels, 2).Predict(x);
        Scores.RocAuc(p, [.. labels.Select(l => l == 1)])!.Value.ShouldBeGreaterThan(0.97);

        int[] three = [.. x.Select(r => r[1] < -0.5 ? 0 : r[1] < 0.5 ? 1 : 2)];
        double[] q = LinearModel.FitLogistic(x, three, 3).Predict(x);
        int[] predicted = [.. Enumerable.Range(0, x.Length).Select(i => Enumerable.Range(0, 3).MaxBy(k => q[i * 3 + k]))];
        Scores.Accuracy(predicted, three).ShouldBeGreaterThan(0.9);
    }
}
