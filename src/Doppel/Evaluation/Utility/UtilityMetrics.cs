using Doppel.Data;
using Doppel.Learning;

namespace Doppel.Evaluation.Utility;

/// <summary>
/// Machine-learning utility, train-synthetic-test-real: a model learns the target from the synthetic table (TSTR)
/// and, for reference, from the real table (TRTR); both are scored on the real holdout. Two learners give two
/// opinions: gradient-boosted trees (names without suffix) and a linear model (logistic or ridge regression,
/// names ending in ", linear"), which is more sensitive to whether the simple, global trends survived.
/// Each metric's score is the ratio TSTR / TRTR capped at 1 (for RMSE, TRTR / TSTR, as lower is better);
/// its raw value is the TSTR number. Needs a holdout and a target.
/// </summary>
public sealed class UtilityMetrics : IMetricGroup
{
    /// <summary>The report section.</summary>
    public const string GroupName = "utility";

    public string Group => GroupName;

    public IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken) => Evaluate(inputs, cancellationToken);

    /// <summary>The utility metrics, or skipped ones saying what is missing.</summary>
    public static IReadOnlyList<MetricResult> Evaluate(EvaluationInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        const string meaning = "How well a model trained on synthetic rows predicts the target on real rows it never saw, relative to the same model trained on the real rows (1 = as good). It does not say the synthetic data is private.";
        if (inputs.Target is null) return [MetricResult.Skipped(GroupName, "ML utility (TSTR/TRTR)", "No target column was given (--target).", meaning)];
        if (inputs.Holdout is null) return [MetricResult.Skipped(GroupName, "ML utility (TSTR/TRTR)", "No real holdout was given (--holdout): TSTR needs real rows neither the synthesizer nor the model saw.", meaning)];
        ColumnMetadata? target = inputs.Metadata.Find(inputs.Target);
        if (target is null || !inputs.Real.TryGetColumn(target.Name, out _))
            return [MetricResult.Skipped(GroupName, "ML utility (TSTR/TRTR)", $"The target '{inputs.Target}' is not a column of the table.", meaning)];
        return target.Type switch
        {
            ColumnType.Categorical or ColumnType.Boolean => Classification(inputs, target.Name, cancellationToken),
            ColumnType.Numerical => Regression(inputs, target.Name, cancellationToken),
            _ => [MetricResult.Skipped(GroupName, "ML utility (TSTR/TRTR)", $"The target '{target.Name}' is {target.Type.ToString().ToLowerInvariant()}; utility needs a categorical, boolean or numerical target.", meaning)],
        };
    }

    /// <summary>
    /// The trees' skill on the holdout after training on <paramref name="train"/> (the real table or a synthetic one):
    /// ROC-AUC for a categorical or boolean target, R² for a numerical one. Null with the reason when it cannot be computed.
    /// Used where one number per table is wanted (choosing a synthesizer), not the whole report.
    /// </summary>
    internal static (double? Skill, string Measure, string? Reason) TreeSkill(Table train, EvaluationInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(inputs);
        ColumnMetadata target = (inputs.Target is null ? null : inputs.Metadata.Find(inputs.Target))
            ?? throw new ArgumentException("The inputs need a target column of the metadata.", nameof(inputs));
        if (inputs.Holdout is null) throw new ArgumentException("The inputs need a holdout.", nameof(inputs));
        switch (target.Type)
        {
            case ColumnType.Categorical or ColumnType.Boolean:
                string[] classes = [.. ((CategoricalColumn)inputs.Real[target.Name]).Codes.Where(c => c >= 0)
                    .Select(c => ((CategoricalColumn)inputs.Real[target.Name]).Categories[c]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                var classifier = Classifier(train, inputs, target.Name, classes, Labels(inputs.Holdout, target.Name, classes), linear: false, cancellationToken);
                return (classifier.Auc, "ROC-AUC", classifier.Reason);
            case ColumnType.Numerical:
                var regressor = Regressor(train, inputs, target.Name, ((NumericColumn)inputs.Holdout[target.Name]).Values, linear: false, cancellationToken);
                return (regressor.R2, "R²", regressor.Reason);
            default:
                return (null, "", $"The target '{target.Name}' is {target.Type.ToString().ToLowerInvariant()}; it needs to be categorical, boolean or numerical.");
        }
    }

    private static BoostingOptions Options(EvaluationInputs inputs) => new() { Seed = inputs.Seed, MaxThreads = inputs.MaxThreads };

    private static IReadOnlyList<MetricResult> Classification(EvaluationInputs inputs, string target, CancellationToken cancellationToken)
    {
        // Classes are the real table's labels; a label the synthetic table never produces cannot be predicted.
        string[] classes = [.. ((CategoricalColumn)inputs.Real[target]).Codes.Where(c => c >= 0)
            .Select(c => ((CategoricalColumn)inputs.Real[target]).Categories[c]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        int[] truth = Labels(inputs.Holdout!, target, classes);
        var results = new List<MetricResult>();
        foreach (bool linear in new[] { false, true })
        {
            var real = Classifier(inputs.Real, inputs, target, classes, truth, linear, cancellationToken);
            var synthetic = Classifier(inputs.Synthetic, inputs, target, classes, truth, linear, cancellationToken);
            string note = linear ? "Logistic regression; " : "Gradient-boosted trees; ", suffix = linear ? ", linear" : "";
            results.Add(Ratio($"Accuracy (TSTR/TRTR{suffix})", synthetic.Reason ?? real.Reason, synthetic.Accuracy, real.Accuracy, higherIsBetter: true,
                note + "the share of holdout rows whose class the model gets right."));
            results.Add(Ratio($"Macro-F1 (TSTR/TRTR{suffix})", synthetic.Reason ?? real.Reason, synthetic.MacroF1, real.MacroF1, higherIsBetter: true,
                note + "F1 averaged over classes, so rare classes count as much as common ones."));
            results.Add(Ratio($"ROC-AUC (TSTR/TRTR{suffix})", synthetic.Reason ?? real.Reason, synthetic.Auc, real.Auc, higherIsBetter: true,
                note + "the chance the model ranks a random row of a class above one of another (macro one-vs-rest for several classes); 0.5 is guessing."));
        }
        return results;
    }

    private static (double? Accuracy, double? MacroF1, double? Auc, string? Reason) Classifier(Table train, EvaluationInputs inputs, string target, string[] classes, int[] truth, bool linear, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int[] labels = Labels(train, target, classes);
        int[] rows = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0)];
        if (rows.Select(i => labels[i]).Distinct().Count() < 2)
            return (null, null, null, $"The {(ReferenceEquals(train, inputs.Real) ? "real" : "synthetic")} table holds fewer than two classes of '{target}', so no classifier can be trained on it.");
        Table rowsWithLabel = train.SelectRows(rows);
        int[] y = [.. rows.Select(i => labels[i])];
        double[] p;
        if (linear)
        {
            LinearFeatures features = LinearFeatures.Fit(rowsWithLabel, inputs.Metadata, [target]);
            p = LinearModel.FitLogistic(features.Encode(rowsWithLabel), y, classes.Length).Predict(features.Encode(inputs.Holdout!));
        }
        else
        {
            FeatureEncoder encoder = FeatureEncoder.Fit(rowsWithLabel, inputs.Metadata, [target]);
            p = GradientBoosting.FitClassifier(encoder, encoder.Encode(rowsWithLabel), y, classes.Length, Options(inputs)).Predict(encoder.Encode(inputs.Holdout!), inputs.MaxThreads);
        }
        int k = classes.Length;
        int[] predicted = new int[truth.Length];
        for (int i = 0; i < truth.Length; i++)
        {
            if (k == 2) { predicted[i] = p[i] >= 0.5 ? 1 : 0; continue; }
            int best = 0;
            for (int c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
            predicted[i] = best;
        }
        int[] known = [.. Enumerable.Range(0, truth.Length).Where(i => truth[i] >= 0)];
        if (known.Length == 0) return (null, null, null, $"The holdout has no labelled '{target}' values.");
        int[] t = [.. known.Select(i => truth[i])], pr = [.. known.Select(i => predicted[i])];
        double? auc;
        if (k == 2) auc = Scores.RocAuc([.. known.Select(i => p[i])], [.. t.Select(x => x == 1)]);
        else
        {
            var perClass = Enumerable.Range(0, k).Select(c => Scores.RocAuc([.. known.Select(i => p[i * k + c])], [.. t.Select(x => x == c)])).Where(a => a is not null).ToArray();
            auc = perClass.Length == 0 ? null : perClass.Average(a => a!.Value);
        }
        return (Scores.Accuracy(pr, t), Scores.MacroF1(pr, t, k), auc, null);
    }

    private static int[] Labels(Table table, string target, string[] classes)
    {
        var column = (CategoricalColumn)table[target];
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => Normalise(p.c), p => p.i, StringComparer.Ordinal);
        return [.. column.Codes.Select(code => code >= 0 && index.TryGetValue(Normalise(column.Categories[code]), out int label) ? label : -1)];
    }

    // Adult's test file writes ">50K." where the training file writes ">50K".
    private static string Normalise(string label) => label.Trim().TrimEnd('.');

    private static IReadOnlyList<MetricResult> Regression(EvaluationInputs inputs, string target, CancellationToken cancellationToken)
    {
        double[] truth = ((NumericColumn)inputs.Holdout![target]).Values;
        var results = new List<MetricResult>();
        foreach (bool linear in new[] { false, true })
        {
            var real = Regressor(inputs.Real, inputs, target, truth, linear, cancellationToken);
            var synthetic = Regressor(inputs.Synthetic, inputs, target, truth, linear, cancellationToken);
            string note = linear ? "Ridge regression; " : "Gradient-boosted trees; ", suffix = linear ? ", linear" : "";
            results.Add(Ratio($"R² (TSTR/TRTR{suffix})", synthetic.Reason ?? real.Reason, synthetic.R2, real.R2, higherIsBetter: true,
                note + "the share of the target's variance on the holdout the model explains (1 = all, 0 = no better than the mean)."));
            results.Add(Ratio($"RMSE (TRTR/TSTR{suffix})", synthetic.Reason ?? real.Reason, synthetic.Rmse, real.Rmse, higherIsBetter: false,
                note + "the typical prediction error on the holdout, in the target's unit (lower is better, so the score is TRTR / TSTR)."));
        }
        return results;
    }

    private static (double? R2, double? Rmse, string? Reason) Regressor(Table train, EvaluationInputs inputs, string target, double[] truth, bool linear, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        double[] y = ((NumericColumn)train[target]).Values;
        int[] rows = [.. Enumerable.Range(0, y.Length).Where(i => double.IsFinite(y[i]))];
        if (rows.Length < 10) return (null, null, $"The {(ReferenceEquals(train, inputs.Real) ? "real" : "synthetic")} table has fewer than 10 values of '{target}'.");
        Table rowsWithTarget = train.SelectRows(rows);
        double[] values = [.. rows.Select(i => y[i])];
        double[] predicted;
        if (linear)
        {
            LinearFeatures features = LinearFeatures.Fit(rowsWithTarget, inputs.Metadata, [target]);
            predicted = LinearModel.FitRidge(features.Encode(rowsWithTarget), values).Predict(features.Encode(inputs.Holdout!));
        }
        else
        {
            FeatureEncoder encoder = FeatureEncoder.Fit(rowsWithTarget, inputs.Metadata, [target]);
            predicted = GradientBoosting.FitRegressor(encoder, encoder.Encode(rowsWithTarget), values, Options(inputs)).Predict(encoder.Encode(inputs.Holdout!), inputs.MaxThreads);
        }
        int[] known = [.. Enumerable.Range(0, truth.Length).Where(i => double.IsFinite(truth[i]))];
        if (known.Length < 2) return (null, null, $"The holdout has fewer than two values of '{target}'.");
        double[] t = [.. known.Select(i => truth[i])], p = [.. known.Select(i => predicted[i])];
        return (Scores.RSquared(p, t), Scores.Rmse(p, t), null);
    }

    private static MetricResult Ratio(string name, string? reason, double? tstr, double? trtr, bool higherIsBetter, string how)
    {
        string meaning = how + " Score: TSTR relative to TRTR, capped at 1. It does not say the synthetic data is private.";
        if (reason is not null || tstr is null || trtr is null) return MetricResult.Skipped(GroupName, name, reason ?? "The score could not be computed on this holdout.", meaning);
        double ratio = higherIsBetter ? (trtr > 0 ? tstr.Value / trtr.Value : 0) : (tstr > 0 ? trtr.Value / tstr.Value : 1);
        return new MetricResult(GroupName, name, Math.Clamp(ratio, 0, 1), tstr, meaning)
        {
            Breakdown = [new MetricPart("TSTR (trained on synthetic)", null, tstr), new MetricPart("TRTR (trained on real)", null, trtr)],
        };
    }
}
