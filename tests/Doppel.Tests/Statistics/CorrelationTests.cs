using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Tests.Statistics;

public class CorrelationTests
{
    private static double[,] RandomCorrelation(int dimensions, int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var columns = new double[dimensions][];
        double[] shared = Enumerable.Range(0, rows).Select(_ => rng.NextGaussian()).ToArray();
        for (int c = 0; c < dimensions; c++)
        {
            double weight = (c % 5) * 0.2;
            columns[c] = Enumerable.Range(0, rows).Select(r => weight * shared[r] + rng.NextGaussian()).ToArray();
        }
        return Correlation.PairwisePearson(columns);
    }

    [Fact]
    public void NearestPositiveDefinite_repairs_an_indefinite_matrix_to_a_unit_diagonal()
    {
        double[,] indefinite = { { 1, 0.9, 0.9 }, { 0.9, 1, -0.9 }, { 0.9, -0.9, 1 } };
        Correlation.IsPositiveDefinite(indefinite).ShouldBeFalse();
        double[,] repaired = Correlation.NearestPositiveDefinite(indefinite);
        Correlation.IsPositiveDefinite(repaired).ShouldBeTrue();
        for (int i = 0; i < 3; i++)
        {
            repaired[i, i].ShouldBe(1.0);
            for (int j = 0; j < 3; j++)
            {
                repaired[i, j].ShouldBe(repaired[j, i]);
                repaired[i, j].ShouldBe(indefinite[i, j], 0.6);
            }
        }
        // The eigenvalue floor keeps it safely away from singular.
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(repaired);
        matrix.Evd().EigenValues.Min(e => e.Real).ShouldBeGreaterThan(1e-7);
    }

    [Fact]
    public void NearestPositiveDefinite_leaves_a_positive_definite_matrix_unchanged_as_a_copy()
    {
        double[,] correlation = RandomCorrelation(12, 500, 1);
        double[,] result = Correlation.NearestPositiveDefinite(correlation);
        result.ShouldNotBeSameAs(correlation);
        result.ShouldBe(correlation);
    }

    [Fact]
    public void NearestPositiveDefinite_handles_a_300_dimension_rank_deficient_matrix()
    {
        // More dimensions than rows: the sample correlation is singular.
        double[,] singular = RandomCorrelation(300, 100, 2);
        Correlation.IsPositiveDefinite(singular).ShouldBeFalse();
        double[,] repaired = Correlation.NearestPositiveDefinite(singular);
        Correlation.IsPositiveDefinite(repaired).ShouldBeTrue();
        repaired[17, 17].ShouldBe(1.0);
    }

    [Fact]
    public void Cholesky_factor_reproduces_the_matrix()
    {
        double[,] a = RandomCorrelation(40, 300, 3);
        double[,] lower = Correlation.Cholesky(a);
        int n = a.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (j > i) lower[i, j].ShouldBe(0);
                double product = 0;
                for (int k = 0; k < n; k++) product += lower[i, k] * lower[j, k];
                product.ShouldBe(a[i, j], 1e-12);
            }
    }

    [Fact]
    public void Cholesky_rejects_matrices_that_are_not_positive_definite()
    {
        Should.Throw<ArgumentException>(() => Correlation.Cholesky(new double[,] { { 1, 2 }, { 2, 1 } })).Message.ShouldContain("not symmetric positive definite");
        Should.Throw<ArgumentException>(() => Correlation.Cholesky(new double[,] { { 1, 0.5 }, { 0.4, 1 } }));
        Should.Throw<ArgumentException>(() => Correlation.Cholesky(new double[2, 3]));
        Correlation.IsPositiveDefinite(new double[,] { { 1, 0.5 }, { 0.4, 1 } }).ShouldBeFalse();
    }

    [Fact]
    public void PairwisePearson_uses_the_rows_where_both_values_are_present()
    {
        double nan = double.NaN;
        double[] x = [1, 2, 3, 4, nan, 6];
        double[] y = [2, 1, 4, 3, 5, nan];
        double[] z = [nan, nan, 1, 3, 3, 2];
        double[] w = [nan, nan, nan, nan, 7, 8];
        double[] constant = [5, 5, 5, 5, 5, 5];
        double[,] r = Correlation.PairwisePearson([x, y, z, w, constant]);
        // x, y on rows 0-3: deviations (−1.5, −0.5, 0.5, 1.5) and (−0.5, −1.5, 1.5, 0.5): 3 / √(5·5).
        r[0, 1].ShouldBe(0.6, 1e-14);
        // x, z on rows 2, 3, 5: x = (3, 4, 6), z = (1, 3, 2): covariance sum 1, sums of squares 14/3 and 2.
        r[0, 2].ShouldBe(1 / Math.Sqrt(28.0 / 3), 1e-14);
        r[2, 0].ShouldBe(r[0, 2]);
        r[0, 3].ShouldBe(0); // only row 5 is shared
        r[1, 3].ShouldBe(0); // only row 4
        r[0, 4].ShouldBe(0); // zero variance
        for (int i = 0; i < 5; i++) r[i, i].ShouldBe(1);
    }

    [Fact]
    public void PairwisePearson_of_complete_columns_matches_MathNet()
    {
        var rng = new Rng(4);
        double[] a = Enumerable.Range(0, 1000).Select(_ => rng.NextGaussian()).ToArray();
        double[] b = a.Select(v => 0.3 * v + rng.NextGaussian()).ToArray();
        double[] c = a.Select(v => -v * v + rng.NextGaussian()).ToArray();
        double[,] r = Correlation.PairwisePearson([a, b, c]);
        r[0, 1].ShouldBe(MathNet.Numerics.Statistics.Correlation.Pearson(a, b), 1e-12);
        r[1, 2].ShouldBe(MathNet.Numerics.Statistics.Correlation.Pearson(b, c), 1e-12);
    }

    [Fact]
    public void PairwisePearson_rejects_columns_of_different_lengths() =>
        Should.Throw<ArgumentException>(() => Correlation.PairwisePearson([new double[3], new double[4]])).Message.ShouldContain("equally long");
}
