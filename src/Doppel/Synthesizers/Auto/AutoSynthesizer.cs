using System.Diagnostics;
using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Fidelity;
using Doppel.Evaluation.Privacy;
using Doppel.Evaluation.Utility;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Auto;

/// <summary>One candidate of a choice: how it did, or why it was left out.</summary>
/// <param name="Name">The synthesizer's name.</param>
/// <param name="Quality">The quality score of its rows against the validation rows.</param>
/// <param name="UtilityRatio">Train-synthetic-test-real skill over train-real-test-real skill, capped at 1 (with a target).</param>
/// <param name="Score">What the choice compared: the quality, or the mean of quality and utility ratio with a target.</param>
/// <param name="FitSeconds">Seconds its fit on the training rows took.</param>
/// <param name="Skipped">Why it was not judged (time budget), or null.</param>
/// <param name="DcrShare">Share of its rows closer to a training row than to a validation row (0.5 ideal; above
/// <see cref="AutoSynthesizer.MaxDcrShare"/> it leans toward the rows it learned and is chosen only if every candidate does).</param>
public sealed record AutoCandidate(string Name, double? Quality, double? UtilityRatio, double? Score, double FitSeconds, string? Skipped, double? DcrShare = null);

/// <summary>
/// Fits the synthesizer that does best on this table: every candidate is fitted on a training split, samples as
/// many rows as the validation split holds, and is scored against that split with the evaluation's quality score
/// (SDMetrics' definitions) and, given a target, with train-synthetic-test-real against train-real-test-real.
/// The best is then fitted on every row. The manifest's options hold the winner's own options plus a "selection"
/// object listing every candidate with its scores, so <c>doppel info</c> shows why.
/// Judging against rows the candidates never saw rewards generalising, not copying.
/// </summary>
public static class AutoSynthesizer
{
    /// <summary>Below this many rows auto does not split the table: it keeps the first candidate and records why.</summary>
    public const int MinimumRowsToJudge = 50;

    /// <summary>
    /// A candidate whose rows are closer to its training rows than to unseen validation rows more than this often is
    /// passed over while another candidate stays below it: quality alone would reward copying.
    /// </summary>
    public const double MaxDcrShare = 0.6;

    /// <summary>Chooses and fits; the model is the winner's, fitted on the whole table with <paramref name="options"/>' seed.</summary>
    public static SynthesizerModel Fit(Table table, Metadata metadata, AutoOptions? auto = null, FitOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        auto ??= new AutoOptions();
        options ??= new FitOptions();
        ColumnMetadata? target = null;
        if (auto.Target is not null)
        {
            target = metadata.Find(auto.Target)
                ?? throw new UsageException($"The target '{auto.Target}' is not a column. Columns: {string.Join(", ", metadata.Columns.Select(c => c.Name))}.");
            if (target.Type is not (ColumnType.Categorical or ColumnType.Boolean or ColumnType.Numerical))
                throw new UsageException($"The target '{target.Name}' is {target.Type.ToString().ToLowerInvariant()}; a target must be categorical, boolean or numerical.");
        }
        var clock = Stopwatch.StartNew();
        if (table.RowCount < MinimumRowsToJudge)
        {
            // Too few rows to hold some out and still judge anything: the first candidate, saying why.
            SynthesizerModel only = auto.Candidates[0].Fit(table, metadata, options, progress, cancellationToken);
            JsonObject kept = only.Options;
            string name = SynthesizerRegistry.NameOf(auto.Candidates[0].Kind);
            kept["selection"] = Record([new AutoCandidate(name, null, null, null, only.Lineage.FitSeconds, $"not judged: {table.RowCount} rows are too few to hold {MinimumRowsToJudge * auto.ValidationShare:F0}+ out; the first candidate was kept")],
                name, auto, table.RowCount, 0, null);
            return new SynthesizerModel(only.Metadata, only.Learned, only.Surrogates, only.Lineage, kept);
        }
        var (training, validation) = Split(table, auto, options.Seed);

        var inputs = new EvaluationInputs(training, training, metadata) { Holdout = validation, Target = target?.Name, Seed = options.Seed, MaxThreads = auto.MaxThreads };
        double? realSkill = target is null ? null : UtilityMetrics.TreeSkill(training, inputs, cancellationToken).Skill;

        var candidates = new List<AutoCandidate>();
        for (int i = 0; i < auto.Candidates.Count; i++)
        {
            string name = SynthesizerRegistry.NameOf(auto.Candidates[i].Kind);
            TimeSpan? left = auto.TimeBudgetSeconds is { } budget ? TimeSpan.FromSeconds(budget) - clock.Elapsed : null;
            if (i > 0 && left <= TimeSpan.Zero)
            {
                candidates.Add(new AutoCandidate(name, null, null, null, 0, "the time budget was spent before it started"));
                continue;
            }
            progress?.Report(new FitProgress($"auto: judging {name} ({i + 1}/{auto.Candidates.Count})", (double)i / (auto.Candidates.Count + 1)));
            candidates.Add(Judge(auto.Candidates[i], name, training, validation, metadata, inputs, realSkill, options, i == 0 ? null : left, cancellationToken));
        }

        int winner = Winner(candidates);
        AutoCandidate best = candidates[winner];
        progress?.Report(new FitProgress($"auto: fitting {best.Name} on every row", auto.Candidates.Count / (auto.Candidates.Count + 1.0)));
        SynthesizerModel model = auto.Candidates[winner].Fit(table, metadata, options, null, cancellationToken);

        JsonObject saved = model.Options;
        saved["selection"] = Record(candidates, best.Name, auto, training.RowCount, validation.RowCount, target is null ? null : UtilityMeasure(target));
        return new SynthesizerModel(model.Metadata, model.Learned, model.Surrogates, model.Lineage with { FitSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3) }, saved);
    }

    /// <summary>
    /// The index of the chosen candidate: the best score among those that do not lean toward their training rows
    /// (DCR share at most <see cref="MaxDcrShare"/>; among all judged ones if every one does); a tie goes to the earlier, faster one.
    /// </summary>
    internal static int Winner(IReadOnlyList<AutoCandidate> candidates)
    {
        int[] judged = [.. Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Score is not null)];
        int[] generalising = [.. judged.Where(i => candidates[i].DcrShare is not > MaxDcrShare)];
        return (generalising.Length > 0 ? generalising : judged).MaxBy(i => (candidates[i].Score!.Value, -i));
    }

    /// <summary>The candidates and the choice as saved in a model's manifest (options.selection), or null for a model not chosen by auto.</summary>
    public static IReadOnlyList<AutoCandidate>? SelectionOf(SynthesizerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Options["selection"]?["candidates"] is not JsonArray list) return null;
        return [.. list.Select(c => new AutoCandidate((string)c!["name"]!, (double?)c["quality"], (double?)c["utilityRatio"], (double?)c["score"], (double?)c["fitSeconds"] ?? 0, (string?)c["skipped"], (double?)c["dcrShare"]))];
    }

    private static AutoCandidate Judge(ISynthesizer candidate, string name, Table training, Table validation, Metadata metadata, EvaluationInputs inputs,
        double? realSkill, FitOptions options, TimeSpan? left, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (left is { } remaining) budget.CancelAfter(remaining);
        var clock = Stopwatch.StartNew();
        Table synthetic;
        try
        {
            SynthesizerModel model = candidate.Fit(training, metadata, options, null, budget.Token);
            synthetic = model.Sample(validation.RowCount, options.Seed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AutoCandidate(name, null, null, null, Math.Round(clock.Elapsed.TotalSeconds, 3), "stopped: the time budget ran out while it was fitting");
        }
        double fitSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        var judged = new EvaluationInputs(validation, synthetic, metadata) { Seed = options.Seed, MaxThreads = inputs.MaxThreads };
        double quality = FidelityMetrics.Compute(judged, cancellationToken).Single(m => m.Name == FidelityMetrics.QualityScoreName).Score ?? 0;
        double? ratio = null;
        if (inputs.Target is not null)
        {
            double? skill = UtilityMetrics.TreeSkill(synthetic, inputs, cancellationToken).Skill;
            ratio = realSkill is > 0 ? Math.Clamp((skill ?? 0) / realSkill.Value, 0, 1) : null;
        }
        double score = ratio is null ? quality : (quality + ratio.Value) / 2;
        // Closer to the rows it learned than to rows it never saw? Compared on equal-size samples of both.
        double? share = PrivacyMetrics.DcrShare(new EvaluationInputs(training, synthetic, metadata) { Holdout = validation, Seed = options.Seed, MaxThreads = inputs.MaxThreads }, cancellationToken);
        return new AutoCandidate(name, Math.Round(quality, 6), ratio is null ? null : Math.Round(ratio.Value, 6), Math.Round(score, 6), fitSeconds, null,
            share is null ? null : Math.Round(share.Value, 6));
    }

    /// <summary>A seeded random split: validation rows first drawn, training rows capped at <see cref="AutoOptions.MaxSelectionRows"/>.</summary>
    private static (Table Training, Table Validation) Split(Table table, AutoOptions auto, long seed)
    {
        int rows = table.RowCount;
        int validationRows = Math.Clamp((int)Math.Round(rows * auto.ValidationShare), 1, rows - Synthesizer.MinimumRows);
        if (rows - validationRows < Synthesizer.MinimumRows || validationRows < 1)
            throw new DataFormatException($"The table has {rows} rows; choosing a synthesizer needs at least {Synthesizer.MinimumRows + 1} (some to train, some to judge).");
        int[] order = [.. Enumerable.Range(0, rows)];
        Rng rng = Rng.FromSeed(seed).Fork("auto").Fork("split");
        for (int i = rows - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int trainingRows = Math.Min(rows - validationRows, auto.MaxSelectionRows);
        int[] validation = [.. order.AsSpan(0, validationRows)];
        int[] training = [.. order.AsSpan(validationRows, trainingRows)];
        Array.Sort(validation);
        Array.Sort(training);
        return (table.SelectRows(training), table.SelectRows(validation));
    }

    private static string UtilityMeasure(ColumnMetadata target) => target.Type == ColumnType.Numerical ? "R² (TSTR/TRTR, trees)" : "ROC-AUC (TSTR/TRTR, trees)";

    private static JsonObject Record(List<AutoCandidate> candidates, string chosen, AutoOptions auto, int trainingRows, int validationRows, string? utility)
    {
        var list = new JsonArray();
        foreach (AutoCandidate c in candidates)
            list.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["quality"] = c.Quality,
                ["utilityRatio"] = c.UtilityRatio,
                ["score"] = c.Score,
                ["fitSeconds"] = c.FitSeconds,
                ["skipped"] = c.Skipped,
                ["dcrShare"] = c.DcrShare,
            });
        return new JsonObject
        {
            ["chosen"] = chosen,
            ["score"] = validationRows == 0 ? "none (too few rows to judge)" : (utility is null ? "quality score against the validation rows" : $"mean of the quality score and {utility} against the validation rows") + $"; candidates with a DCR share above {MaxDcrShare} are passed over while another stays below",
            ["target"] = auto.Target,
            ["trainingRows"] = trainingRows,
            ["validationRows"] = validationRows,
            ["timeBudgetSeconds"] = auto.TimeBudgetSeconds,
            ["candidates"] = list,
        };
    }
}
