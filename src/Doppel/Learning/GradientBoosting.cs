using Doppel.Randomness;

namespace Doppel.Learning;

/// <summary>What a boosted model predicts.</summary>
public enum BoostingObjective
{
    /// <summary>Two classes (labels 0 and 1), log-loss; predicts the probability of class 1.</summary>
    Binary,

    /// <summary>K classes (labels 0..K−1), softmax log-loss; one tree per class and round.</summary>
    Multiclass,

    /// <summary>A number, squared error.</summary>
    Regression,
}

/// <summary>Options of <see cref="GradientBoosting"/>, validated when set.</summary>
public sealed record BoostingOptions
{
    /// <summary>The most boosting rounds.</summary>
    public int Rounds { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Rounds), value, "At least one round."); } = 400;

    /// <summary>Shrinkage of every tree's values.</summary>
    public double LearningRate { get; init => field = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "Between 0 (excluded) and 1."); } = 0.1;

    /// <summary>Leaves per tree (leaf-wise growth).</summary>
    public int MaxLeaves { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(MaxLeaves), value, "At least 2."); } = 31;

    /// <summary>The fewest training rows in a leaf.</summary>
    public int MinRowsPerLeaf { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinRowsPerLeaf), value, "At least 1."); } = 20;

    /// <summary>L2 regularisation of leaf values.</summary>
    public double L2 { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(L2), value, "Not negative."); } = 1.0;

    /// <summary>Stop when the validation loss has not improved for this many rounds (0 = never stop early).</summary>
    public int EarlyStoppingRounds { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(EarlyStoppingRounds), value, "Not negative."); } = 30;

    /// <summary>Share of the training rows held out for early stopping (0 = none).</summary>
    public double ValidationFraction { get; init => field = value >= 0 && value < 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), value, "In [0, 0.5)."); } = 0.1;

    /// <summary>Seed of the validation split.</summary>
    public long Seed { get; init; }

    /// <summary>Threads for histogram building; the model does not depend on it.</summary>
    public int MaxThreads { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxThreads), value, "At least 1."); } = Environment.ProcessorCount;
}

/// <summary>
/// Histogram gradient-boosted trees (in the manner of LightGBM): binned features, leaf-wise trees, native
/// categorical splits, missing values routed by a learned direction, early stopping on a held-out split.
/// Deterministic for a seed, whatever the thread count.
/// </summary>
public static class GradientBoosting
{
    /// <summary>Fits a classifier on labels 0..<paramref name="classes"/>−1 (binary when 2, multiclass above).</summary>
    public static BoostedTrees FitClassifier(FeatureEncoder encoder, byte[][] features, int[] labels, int classes, BoostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classifier needs at least two classes.");
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentOutOfRangeException(nameof(labels), "Every label must be in 0..classes−1.");
        var objective = classes == 2 ? BoostingObjective.Binary : BoostingObjective.Multiclass;
        return Fit(encoder, features, [.. labels.Select(l => (double)l)], objective, classes, options ?? new BoostingOptions());
    }

    /// <summary>Fits a regressor on <paramref name="targets"/> (no missing values).</summary>
    public static BoostedTrees FitRegressor(FeatureEncoder encoder, byte[][] features, double[] targets, BoostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Any(t => !double.IsFinite(t))) throw new ArgumentException("Regression targets must be finite numbers.", nameof(targets));
        return Fit(encoder, features, targets, BoostingObjective.Regression, 1, options ?? new BoostingOptions());
    }

    private static BoostedTrees Fit(FeatureEncoder encoder, byte[][] x, double[] y, BoostingObjective objective, int classes, BoostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(x);
        int n = y.Length;
        if (x.Length != encoder.Features.Count || x.Any(f => f.Length != n))
            throw new ArgumentException("The features must be the encoder's, one byte per row.", nameof(x));
        int outputs = objective == BoostingObjective.Multiclass ? classes : 1;

        // Seeded validation split for early stopping.
        var rng = Rng.FromSeed(options.Seed).Fork("gbdt-validation");
        bool[] isValidation = new bool[n];
        if (options.ValidationFraction > 0 && options.EarlyStoppingRounds > 0 && n >= 50)
            for (int i = 0; i < n; i++) isValidation[i] = rng.NextDouble() < options.ValidationFraction;
        int[] train = [.. Enumerable.Range(0, n).Where(i => !isValidation[i])];
        int[] validation = [.. Enumerable.Range(0, n).Where(i => isValidation[i])];

        double[] baseScore = BaseScore(y, train, objective, classes);
        var raw = new double[outputs][];
        for (int k = 0; k < outputs; k++) { raw[k] = new double[n]; Array.Fill(raw[k], baseScore[k]); }
        var gradients = new double[outputs][];
        var hessians = new double[outputs][];
        for (int k = 0; k < outputs; k++) { gradients[k] = new double[n]; hessians[k] = new double[n]; }

        var limits = new TreeLimits(options.MaxLeaves, options.MinRowsPerLeaf, options.L2, 1e-9, options.MaxThreads);
        var grower = new TreeGrower(x, encoder.Features, limits);
        var trees = new List<DecisionTree[]>();
        double bestLoss = double.PositiveInfinity;
        int bestRounds = 0;
        var rows = new int[train.Length];
        for (int round = 0; round < options.Rounds; round++)
        {
            Gradients(raw, y, train, objective, gradients, hessians);
            var roundTrees = new DecisionTree[outputs];
            for (int k = 0; k < outputs; k++)
            {
                Array.Copy(train, rows, train.Length);
                roundTrees[k] = grower.Grow(rows, gradients[k], hessians[k], options.LearningRate);
                DecisionTree tree = roundTrees[k];
                double[] target = raw[k];
                Parallel.For(0, options.MaxThreads, new ParallelOptions { MaxDegreeOfParallelism = options.MaxThreads }, part =>
                {
                    for (int i = part; i < n; i += options.MaxThreads) target[i] += tree.Predict(x, i);
                });
            }
            trees.Add(roundTrees);
            if (validation.Length == 0) { bestRounds = trees.Count; continue; }
            double loss = Loss(raw, y, validation, objective);
            if (loss < bestLoss - 1e-12)
            {
                bestLoss = loss;
                bestRounds = trees.Count;
            }
            else if (trees.Count - bestRounds >= options.EarlyStoppingRounds) break;
        }
        return new BoostedTrees(encoder, objective, classes, baseScore, [.. trees.Take(Math.Max(1, bestRounds))]);
    }

    private static double[] BaseScore(double[] y, int[] rows, BoostingObjective objective, int classes)
    {
        switch (objective)
        {
            case BoostingObjective.Binary:
                double p = Math.Clamp(rows.Average(i => y[i]), 1e-6, 1 - 1e-6);
                return [Math.Log(p / (1 - p))];
            case BoostingObjective.Multiclass:
                var result = new double[classes];
                for (int k = 0; k < classes; k++) result[k] = Math.Log(Math.Max(1e-6, rows.Count(i => (int)y[i] == k) / (double)rows.Length));
                return result;
            default:
                return [rows.Average(i => y[i])];
        }
    }

    private static void Gradients(double[][] raw, double[] y, int[] rows, BoostingObjective objective, double[][] g, double[][] h)
    {
        int outputs = raw.Length;
        var probabilities = new double[outputs];
        foreach (int i in rows)
        {
            switch (objective)
            {
                case BoostingObjective.Binary:
                    double p = Sigmoid(raw[0][i]);
                    g[0][i] = p - y[i];
                    h[0][i] = Math.Max(p * (1 - p), 1e-12);
                    break;
                case BoostingObjective.Multiclass:
                    Softmax(raw, i, probabilities);
                    for (int k = 0; k < outputs; k++)
                    {
                        double pk = probabilities[k];
                        g[k][i] = pk - ((int)y[i] == k ? 1 : 0);
                        h[k][i] = Math.Max(pk * (1 - pk), 1e-12);
                    }
                    break;
                default:
                    g[0][i] = raw[0][i] - y[i];
                    h[0][i] = 1;
                    break;
            }
        }
    }

    private static double Loss(double[][] raw, double[] y, int[] rows, BoostingObjective objective)
    {
        double total = 0;
        var probabilities = new double[raw.Length];
        foreach (int i in rows)
        {
            switch (objective)
            {
                case BoostingObjective.Binary:
                    double p = Math.Clamp(Sigmoid(raw[0][i]), 1e-15, 1 - 1e-15);
                    total -= y[i] > 0.5 ? Math.Log(p) : Math.Log(1 - p);
                    break;
                case BoostingObjective.Multiclass:
                    Softmax(raw, i, probabilities);
                    total -= Math.Log(Math.Max(probabilities[(int)y[i]], 1e-15));
                    break;
                default:
                    double d = raw[0][i] - y[i];
                    total += d * d;
                    break;
            }
        }
        return total / rows.Length;
    }

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    internal static void Softmax(double[][] raw, int row, double[] probabilities)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < raw.Length; k++) max = Math.Max(max, raw[k][row]);
        double sum = 0;
        for (int k = 0; k < raw.Length; k++) sum += probabilities[k] = Math.Exp(raw[k][row] - max);
        for (int k = 0; k < raw.Length; k++) probabilities[k] /= sum;
    }
}

/// <summary>A fitted boosted model: base scores plus one tree per output and round. Immutable.</summary>
public sealed class BoostedTrees
{
    private readonly double[] _baseScore;
    private readonly DecisionTree[][] _rounds;

    internal BoostedTrees(FeatureEncoder encoder, BoostingObjective objective, int classes, double[] baseScore, DecisionTree[][] rounds)
    {
        Encoder = encoder;
        Objective = objective;
        Classes = classes;
        _baseScore = baseScore;
        _rounds = rounds;
    }

    /// <summary>The encoder the features came from; tables to predict are binned with it.</summary>
    public FeatureEncoder Encoder { get; }

    /// <summary>What the model predicts.</summary>
    public BoostingObjective Objective { get; }

    /// <summary>Classes of a classifier (1 for a regressor).</summary>
    public int Classes { get; }

    /// <summary>Rounds kept after early stopping.</summary>
    public int Rounds => _rounds.Length;

    /// <summary>The trees of one round (one per class for multiclass).</summary>
    public IReadOnlyList<DecisionTree> Round(int round) => _rounds[round];

    /// <summary>
    /// Predictions for binned rows: the probability of class 1 (binary), K class probabilities per row, row-major
    /// (multiclass), or the value (regression).
    /// </summary>
    public double[] Predict(byte[][] features, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(features);
        int n = features.Length == 0 ? 0 : features[0].Length;
        int outputs = Objective == BoostingObjective.Multiclass ? Classes : 1;
        var raw = new double[outputs][];
        for (int k = 0; k < outputs; k++) raw[k] = new double[n];
        int threads = maxThreads > 0 ? maxThreads : Environment.ProcessorCount;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            for (int i = part; i < n; i += threads)
                for (int k = 0; k < outputs; k++)
                {
                    double score = _baseScore[k];
                    foreach (DecisionTree[] round in _rounds) score += round[k].Predict(features, i);
                    raw[k][i] = score;
                }
        });
        switch (Objective)
        {
            case BoostingObjective.Binary:
                return [.. raw[0].Select(GradientBoosting.Sigmoid)];
            case BoostingObjective.Multiclass:
                var result = new double[n * outputs];
                var p = new double[outputs];
                for (int i = 0; i < n; i++)
                {
                    GradientBoosting.Softmax(raw, i, p);
                    Array.Copy(p, 0, result, i * outputs, outputs);
                }
                return result;
            default:
                return raw[0];
        }
    }
}
