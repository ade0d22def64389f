using Doppel.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Learning;

/// <summary>
/// The design matrix of a linear model: numerical and datetime columns standardised on the training table (a
/// missing value becomes the mean, with a 0/1 missing indicator when the column had any), categorical and boolean
/// columns one-hot on their most frequent labels (at most 50; the rest and missing share the all-zero row),
/// matched by text, plus an intercept.
/// </summary>
public sealed class LinearFeatures
{
    private const int MaxLevels = 50;

    private readonly List<(string Column, double Mean, double Scale, bool Indicator)> _numbers = [];
    private readonly List<(string Column, Dictionary<string, int> Levels)> _categories = [];

    private LinearFeatures()
    {
    }

    /// <summary>Columns of the design matrix, intercept included.</summary>
    public int Width { get; private set; }

    /// <summary>Learns means, scales and levels from <paramref name="train"/>, leaving out <paramref name="exclude"/>.</summary>
    public static LinearFeatures Fit(Table train, Metadata metadata, IEnumerable<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(metadata);
        var skip = new HashSet<string>(exclude ?? [], StringComparer.Ordinal);
        var features = new LinearFeatures();
        int width = 1;
        foreach (ColumnMetadata column in metadata.Columns)
        {
            if (skip.Contains(column.Name) || !column.IsLearned || !train.TryGetColumn(column.Name, out Column? data)) continue;
            if (data is CategoricalColumn categorical)
            {
                var counts = new long[categorical.Categories.Length];
                foreach (int code in categorical.Codes) if (code >= 0) counts[code]++;
                var levels = Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0).OrderByDescending(c => counts[c]).ThenBy(c => c)
                    .Skip(1) // the most frequent label is the baseline (all zeros), so the intercept stays identifiable
                    .Take(MaxLevels).Select((c, i) => (categorical.Categories[c], width + i)).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
                features._categories.Add((column.Name, levels));
                width += levels.Count;
                continue;
            }
            double[] values = FeatureEncoder.Values(data);
            double[] present = [.. values.Where(double.IsFinite)];
            double mean = present.Length == 0 ? 0 : present.Average();
            double sd = present.Length < 2 ? 1 : Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1));
            bool indicator = present.Length < values.Length;
            features._numbers.Add((column.Name, mean, sd > 0 ? sd : 1, indicator));
            width += indicator ? 2 : 1;
        }
        features.Width = width;
        return features;
    }

    /// <summary>The design matrix of a table: one row per table row, <see cref="Width"/> columns, intercept first.</summary>
    public double[][] Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = table.RowCount;
        var rows = new double[n][];
        for (int i = 0; i < n; i++) { rows[i] = new double[Width]; rows[i][0] = 1; }
        int next = 1;
        foreach (var (column, mean, scale, indicator) in _numbers)
        {
            double[] values = FeatureEncoder.Values(table[column]);
            for (int i = 0; i < n; i++)
            {
                bool missing = !double.IsFinite(values[i]);
                rows[i][next] = missing ? 0 : (values[i] - mean) / scale;
                if (indicator) rows[i][next + 1] = missing ? 1 : 0;
            }
            next += indicator ? 2 : 1;
        }
        foreach (var (column, levels) in _categories)
        {
            if (table[column] is not CategoricalColumn categorical) throw new UsageException($"Column '{column}' was categorical in training but is not here.");
            int[] slot = [.. categorical.Categories.Select(c => levels.TryGetValue(c, out int s) ? s : -1)];
            for (int i = 0; i < n; i++)
            {
                int code = categorical.Codes[i];
                if (code >= 0 && slot[code] >= 0) rows[i][slot[code]] = 1;
            }
            next += levels.Count;
        }
        return rows;
    }
}

/// <summary>
/// Linear learners for the second opinion in utility scores: ridge regression (closed form) and L2-regularised
/// logistic regression, binary or multinomial, fitted by Newton steps on the full batch (binary) or by
/// gradient descent with a fixed schedule (multinomial). Deterministic.
/// </summary>
public sealed class LinearModel
{
    private readonly double[][] _weights; // one weight vector per output (one for binary and regression)

    private LinearModel(BoostingObjective objective, double[][] weights)
    {
        Objective = objective;
        _weights = weights;
    }

    /// <summary>What the model predicts (the same encoding as <see cref="BoostedTrees.Predict"/>).</summary>
    public BoostingObjective Objective { get; }

    /// <summary>Ridge regression: w = (XᵀX + λI)⁻¹ Xᵀy (the intercept is not penalised).</summary>
    public static LinearModel FitRidge(double[][] x, double[] y, double lambda = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Matrix<double> a = Matrix<double>.Build.DenseOfRowArrays(x);
        Matrix<double> gram = a.TransposeThisAndMultiply(a);
        for (int j = 1; j < gram.RowCount; j++) gram[j, j] += lambda;
        Vector<double> w = gram.Solve(a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(y)));
        return new LinearModel(BoostingObjective.Regression, [w.ToArray()]);
    }

    /// <summary>Logistic regression on labels 0..<paramref name="classes"/>−1 with L2 penalty <paramref name="lambda"/>.</summary>
    public static LinearModel FitLogistic(double[][] x, int[] labels, int classes, double lambda = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least two classes.");
        return classes == 2 ? new LinearModel(BoostingObjective.Binary, [Newton(x, labels, lambda)]) : new LinearModel(BoostingObjective.Multiclass, Multinomial(x, labels, classes, lambda));
    }

    private static double[] Newton(double[][] x, int[] y, double lambda)
    {
        int n = x.Length, d = x[0].Length;
        var w = new double[d];
        for (int iteration = 0; iteration < 25; iteration++)
        {
            var gradient = new double[d];
            var hessian = Matrix<double>.Build.Dense(d, d);
            double[,] h = new double[d, d];
            for (int i = 0; i < n; i++)
            {
                double p = GradientBoosting.Sigmoid(Dot(w, x[i]));
                double r = p - y[i], s = Math.Max(p * (1 - p), 1e-9);
                double[] xi = x[i];
                for (int j = 0; j < d; j++)
                {
                    if (xi[j] == 0) continue;
                    gradient[j] += r * xi[j];
                    for (int k = 0; k <= j; k++) h[j, k] += s * xi[j] * xi[k];
                }
            }
            for (int j = 0; j < d; j++)
            {
                if (j > 0) { gradient[j] += lambda * w[j]; h[j, j] += lambda; }
                h[j, j] += 1e-9;
                for (int k = 0; k <= j; k++) hessian[j, k] = hessian[k, j] = h[j, k];
            }
            Vector<double> step = hessian.Solve(Vector<double>.Build.DenseOfArray(gradient));
            double largest = 0;
            for (int j = 0; j < d; j++) { w[j] -= step[j]; largest = Math.Max(largest, Math.Abs(step[j])); }
            if (largest < 1e-6) break;
        }
        return w;
    }

    private static double[][] Multinomial(double[][] x, int[] y, int classes, double lambda)
    {
        int n = x.Length, d = x[0].Length;
        var w = new double[classes][];
        for (int k = 0; k < classes; k++) w[k] = new double[d];
        var p = new double[classes];
        var gradient = new double[classes][];
        for (int k = 0; k < classes; k++) gradient[k] = new double[d];
        const double rate = 0.5;
        for (int iteration = 0; iteration < 300; iteration++)
        {
            foreach (double[] g in gradient) Array.Clear(g);
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++) max = Math.Max(max, p[k] = Dot(w[k], x[i]));
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += p[k] = Math.Exp(p[k] - max);
                for (int k = 0; k < classes; k++)
                {
                    double r = p[k] / sum - (y[i] == k ? 1 : 0);
                    for (int j = 0; j < d; j++) gradient[k][j] += r * x[i][j];
                }
            }
            for (int k = 0; k < classes; k++)
                for (int j = 0; j < d; j++)
                    w[k][j] -= rate * (gradient[k][j] / n + (j > 0 ? lambda / n * w[k][j] : 0));
        }
        return w;
    }

    /// <summary>Predictions in the same form as <see cref="BoostedTrees.Predict"/>.</summary>
    public double[] Predict(double[][] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        switch (Objective)
        {
            case BoostingObjective.Binary:
                return [.. x.Select(row => GradientBoosting.Sigmoid(Dot(_weights[0], row)))];
            case BoostingObjective.Regression:
                return [.. x.Select(row => Dot(_weights[0], row))];
            default:
                int classes = _weights.Length;
                var result = new double[x.Length * classes];
                var raw = new double[classes][];
                for (int k = 0; k < classes; k++) raw[k] = [.. x.Select(row => Dot(_weights[k], row))];
                var p = new double[classes];
                for (int i = 0; i < x.Length; i++)
                {
                    GradientBoosting.Softmax(raw, i, p);
                    Array.Copy(p, 0, result, i * classes, classes);
                }
                return result;
        }
    }

    private static double Dot(double[] w, double[] x)
    {
        double s = 0;
        for (int j = 0; j < w.Length; j++) s += w[j] * x[j];
        return s;
    }
}
