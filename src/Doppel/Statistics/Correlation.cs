using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Doppel.Statistics;

/// <summary>Correlation matrices: pairwise Pearson with missing values, repair to positive definite, Cholesky factors.</summary>
public static class Correlation
{
    /// <summary>
    /// The nearest (in the eigenvalue sense) correlation matrix that is positive definite: eigenvalues below
    /// <paramref name="minEigenvalue"/> are raised to it, the matrix rebuilt and rescaled to a unit diagonal.
    /// A matrix that is already positive definite comes back as an unchanged copy.
    /// </summary>
    public static double[,] NearestPositiveDefinite(double[,] matrix, double minEigenvalue = 1e-6)
    {
        int n = SquareSize(matrix);
        if (!(minEigenvalue > 0 && minEigenvalue < 1))
            throw new ArgumentOutOfRangeException(nameof(minEigenvalue), minEigenvalue, "The smallest eigenvalue to keep must lie in (0, 1).");
        foreach (double value in matrix)
            if (!double.IsFinite(value)) throw new ArgumentException("The matrix holds a NaN or infinite entry; compute correlations without missing values first.", nameof(matrix));
        if (IsPositiveDefinite(matrix)) return (double[,])matrix.Clone();

        var symmetric = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (matrix[i, j] + matrix[j, i]));
        Evd<double> evd = symmetric.Evd(Symmetricity.Symmetric);
        Matrix<double> vectors = evd.EigenVectors;
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = Math.Max(evd.EigenValues[i].Real, minEigenvalue);
        // V · diag(λ) · Vᵀ, then D^(−1/2) A D^(−1/2) so the diagonal is exactly 1 again.
        Matrix<double> scaled = vectors.Clone();
        for (int j = 0; j < n; j++) scaled.SetColumn(j, vectors.Column(j) * values[j]);
        Matrix<double> rebuilt = scaled * vectors.Transpose();
        var result = new double[n, n];
        var inverseRoot = new double[n];
        for (int i = 0; i < n; i++) inverseRoot[i] = 1.0 / Math.Sqrt(rebuilt[i, i]);
        for (int i = 0; i < n; i++)
        {
            result[i, i] = 1.0;
            for (int j = 0; j < i; j++)
            {
                double value = 0.5 * (rebuilt[i, j] + rebuilt[j, i]) * inverseRoot[i] * inverseRoot[j];
                result[i, j] = result[j, i] = Math.Clamp(value, -1.0, 1.0);
            }
        }
        // Rounding can leave an eigenvalue a hair below zero when minEigenvalue is tiny; shrink towards I until it is safe.
        for (double shrink = minEigenvalue; !IsPositiveDefinite(result); shrink *= 10)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (i != j) result[i, j] *= 1.0 - shrink;
        }
        return result;
    }

    /// <summary>The lower-triangular L with L·Lᵀ = A; throws <see cref="ArgumentException"/> when A is not symmetric positive definite.</summary>
    public static double[,] Cholesky(double[,] matrix)
    {
        SquareSize(matrix);
        return TryCholesky(matrix, out double[,] lower, out string? problem)
            ? lower
            : throw new ArgumentException($"The matrix is not symmetric positive definite: {problem}. Repair it with {nameof(NearestPositiveDefinite)} first.", nameof(matrix));
    }

    /// <summary>Whether the matrix is symmetric and positive definite (its Cholesky factorisation succeeds).</summary>
    public static bool IsPositiveDefinite(double[,] matrix)
    {
        SquareSize(matrix);
        return TryCholesky(matrix, out _, out _);
    }

    /// <summary>
    /// Pearson correlations between equally long columns where NaN marks a missing value: each pair uses the rows
    /// where both are present, and is 0 when fewer than 3 such rows remain or either side has no variance there.
    /// The diagonal is 1.
    /// </summary>
    public static double[,] PairwisePearson(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int d = columns.Count;
        int rows = d == 0 ? 0 : columns[0].Length;
        for (int c = 0; c < d; c++)
        {
            if (columns[c] is null) throw new ArgumentException($"Column {c} is null.", nameof(columns));
            if (columns[c].Length != rows) throw new ArgumentException($"Column {c} has {columns[c].Length} rows but column 0 has {rows}; all columns must be equally long.", nameof(columns));
        }

        // Centre each column on its own mean (missing → 0) so the one-pass sums below stay accurate.
        var centred = new double[d][];
        var mask = new double[d][];     // 1 where present; only for columns with missing values
        var squares = new double[d][];  // centred², only when some column has missing values
        var count = new int[d];
        bool anyMissing = false;
        foreach (double[] column in columns) anyMissing |= Array.Exists(column, double.IsNaN);
        var sumOfSquares = new double[d];
        for (int c = 0; c < d; c++)
        {
            double[] source = columns[c];
            double sum = 0;
            int present = 0;
            foreach (double v in source)
                if (!double.IsNaN(v)) { sum += v; present++; }
            double mean = present > 0 ? sum / present : 0;
            var values = new double[rows];
            for (int r = 0; r < rows; r++) values[r] = double.IsNaN(source[r]) ? 0 : source[r] - mean;
            centred[c] = values;
            count[c] = present;
            sumOfSquares[c] = TensorPrimitives.SumOfSquares<double>(values);
            if (anyMissing)
            {
                squares[c] = new double[rows];
                TensorPrimitives.Multiply<double>(values, values, squares[c]);
            }
            if (present < rows)
            {
                mask[c] = new double[rows];
                for (int r = 0; r < rows; r++) mask[c][r] = double.IsNaN(source[r]) ? 0 : 1;
            }
        }

        var result = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            result[i, i] = 1.0;
            for (int j = 0; j < i; j++)
            {
                double r = mask[i] is null && mask[j] is null
                    ? Complete(rows, sumOfSquares[i], sumOfSquares[j], TensorPrimitives.Dot<double>(centred[i], centred[j]))
                    : Pairwise(centred[i], mask[i], squares[i], count[i], sumOfSquares[i], centred[j], mask[j], squares[j], count[j], sumOfSquares[j]);
                result[i, j] = result[j, i] = r;
            }
        }
        return result;
    }

    private static double Complete(int rows, double sxx, double syy, double sxy) =>
        rows < 3 || !(sxx > 0) || !(syy > 0) ? 0 : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);

    /// <summary>Sums over rows where both are present, each as one dot product with the other column's mask.</summary>
    private static double Pairwise(double[] x, double[]? maskX, double[]? squaresX, int countX, double sumSquaresX,
                                   double[] y, double[]? maskY, double[]? squaresY, int countY, double sumSquaresY)
    {
        // Missing entries are 0 in the centred arrays, so x·y already skips them.
        double n = maskX is null ? countY : maskY is null ? countX : TensorPrimitives.Dot<double>(maskX, maskY);
        if (n < 3) return 0;
        double sx = maskY is null ? TensorPrimitives.Sum<double>(x) : TensorPrimitives.Dot<double>(x, maskY);
        double sy = maskX is null ? TensorPrimitives.Sum<double>(y) : TensorPrimitives.Dot<double>(y, maskX);
        double sxx = maskY is null ? sumSquaresX : TensorPrimitives.Dot<double>(squaresX!, maskY);
        double syy = maskX is null ? sumSquaresY : TensorPrimitives.Dot<double>(squaresY!, maskX);
        double sxy = TensorPrimitives.Dot<double>(x, y);
        double cxx = sxx - sx * sx / n, cyy = syy - sy * sy / n, cxy = sxy - sx * sy / n;
        // Relative guards: a column constant on the shared rows has a variance that is rounding noise.
        if (!(cxx > 1e-12 * sxx) || !(cyy > 1e-12 * syy) || !(cxx > 0) || !(cyy > 0)) return 0;
        return Math.Clamp(cxy / Math.Sqrt(cxx * cyy), -1.0, 1.0);
    }

    private static bool TryCholesky(double[,] a, out double[,] lower, out string? problem)
    {
        int n = a.GetLength(0);
        lower = new double[n, n];
        double scale = 0;
        foreach (double v in a) scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                double difference = Math.Abs(a[i, j] - a[j, i]);
                if (!(difference <= 1e-12 * Math.Max(scale, 1e-300)))
                {
                    problem = $"entries [{i},{j}] = {a[i, j]} and [{j},{i}] = {a[j, i]} differ";
                    return false;
                }
            }
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j, j];
            for (int k = 0; k < j; k++) diagonal -= lower[j, k] * lower[j, k];
            if (!(diagonal > 0) || !double.IsFinite(diagonal))
            {
                problem = $"pivot {j} is {diagonal:G6} (must be positive)";
                return false;
            }
            double root = Math.Sqrt(diagonal);
            lower[j, j] = root;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= lower[i, k] * lower[j, k];
                lower[i, j] = sum / root;
            }
        }
        problem = null;
        return true;
    }

    private static int SquareSize(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException($"The matrix is {n}×{matrix.GetLength(1)}; it must be square.", nameof(matrix));
        return n;
    }
}
