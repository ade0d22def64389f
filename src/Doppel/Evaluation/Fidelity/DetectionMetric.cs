using Doppel.Data;
using Doppel.Learning;
using Doppel.Randomness;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// Detection (a classifier two-sample test): gradient-boosted trees learn to tell real rows from synthetic
/// ones under k-fold cross-validation; the out-of-fold ROC-AUC is the raw value and the score is
/// 1 − max(0, 2·AUC − 1): 1 when the two are indistinguishable, 0 when every row is told apart.
/// </summary>
public sealed class DetectionMetric : IMetricGroup
{
    /// <summary>The metric's name in the report.</summary>
    public const string Name = "Detection";

    private const int Folds = 3;
    private const int MaxRowsPerSide = 20_000;

    public string Group => FidelityMetrics.GroupName;

    public IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken) => [Evaluate(inputs, cancellationToken)];

    /// <summary>Runs the test on equal-size seeded samples of both tables (at most 20,000 rows each).</summary>
    public static MetricResult Evaluate(EvaluationInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        const string meaning = "Whether a classifier (gradient-boosted trees, 3-fold cross-validation) can tell synthetic rows from real ones: 1 means it does no better than chance, 0 that it separates them perfectly. A high score does not mean the data is private; a low one shows a pattern the synthesizer missed.";
        int perSide = Math.Min(MaxRowsPerSide, Math.Min(inputs.Real.RowCount, inputs.Synthetic.RowCount));
        if (perSide < 2 * Folds * 10)
            return MetricResult.Skipped(FidelityMetrics.GroupName, Name, $"Detection needs at least {2 * Folds * 10} rows in each table; the smaller has {perSide}.", meaning);
        var rng = Rng.FromSeed(inputs.Seed).Fork("detection");
        Table real = inputs.Real.SelectRows(Sample(inputs.Real.RowCount, perSide, rng.Fork("real")));
        Table synthetic = inputs.Synthetic.SelectRows(Sample(inputs.Synthetic.RowCount, perSide, rng.Fork("synthetic")));
        FeatureEncoder encoder;
        try
        {
            encoder = FeatureEncoder.Fit(real, inputs.Metadata);
        }
        catch (UsageException e)
        {
            return MetricResult.Skipped(FidelityMetrics.GroupName, Name, e.Message, meaning);
        }
        byte[][] a = encoder.Encode(real), b = encoder.Encode(synthetic);
        int n = 2 * perSide;
        byte[][] x = [.. a.Select((column, f) => (byte[])[.. column, .. b[f]])];
        int[] label = [.. Enumerable.Range(0, n).Select(i => i < perSide ? 0 : 1)];
        // Folds: a seeded shuffle dealt round-robin, so each fold holds both classes evenly.
        int[] order = Sample(n, n, rng.Fork("folds"));
        var fold = new int[n];
        for (int i = 0; i < n; i++) fold[order[i]] = i % Folds;
        var predicted = new double[n];
        var options = new BoostingOptions { Rounds = 200, Seed = inputs.Seed, MaxThreads = inputs.MaxThreads };
        for (int k = 0; k < Folds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] trainRows = [.. Enumerable.Range(0, n).Where(i => fold[i] != k)];
            int[] testRows = [.. Enumerable.Range(0, n).Where(i => fold[i] == k)];
            BoostedTrees model = GradientBoosting.FitClassifier(encoder, Rows(x, trainRows), [.. trainRows.Select(i => label[i])], 2, options);
            double[] p = model.Predict(Rows(x, testRows), inputs.MaxThreads);
            for (int i = 0; i < testRows.Length; i++) predicted[testRows[i]] = p[i];
        }
        double auc = Scores.RocAuc(predicted, [.. label.Select(l => l == 1)]) ?? 0.5;
        return new MetricResult(FidelityMetrics.GroupName, Name, 1 - Math.Max(0, 2 * auc - 1), auc, meaning)
        {
            Reason = $"Out-of-fold ROC-AUC {auc:F3} over {perSide:N0} real and {perSide:N0} synthetic rows.",
        };
    }

    private static byte[][] Rows(byte[][] x, int[] rows) => [.. x.Select(column => rows.Select(i => column[i]).ToArray())];

    /// <summary>A seeded sample of <paramref name="count"/> row indices out of <paramref name="total"/> (a partial Fisher–Yates shuffle).</summary>
    private static int[] Sample(int total, int count, Rng rng)
    {
        int[] all = [.. Enumerable.Range(0, total)];
        for (int i = 0; i < count; i++)
        {
            int j = i + rng.NextInt(total - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..count];
    }
}
