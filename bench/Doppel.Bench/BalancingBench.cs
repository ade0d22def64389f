using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doppel.Balancing;
using Doppel.Data;
using Doppel.IO;
using Doppel.Learning;
using Doppel.Tests;

namespace Doppel.Bench;

/// <summary>
/// Class balancing on mammography (2.3 % positive) and Adult (24 % >50K): minority recall and F1 of gradient-boosted
/// trees trained on the original rows and on the rows balanced by each method, measured on a real holdout.
/// </summary>
public static class BalancingBench
{
    private static readonly (string Name, string File, string? Holdout, string Target, string Minority)[] Sets =
    [
        ("mammography", "mammography/mammography.csv", null, "class", "1"),
        ("adult", "adult/train.csv", "adult/test.csv", "income", ">50K"),
    ];

    public static int Run(string resultsFolder)
    {
        var md = new StringBuilder("# Class balancing\n\n");
        md.AppendLine($"Machine: {Environment.ProcessorCount} cores; load average at the start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}. Gradient-boosted trees (defaults), threshold 0.5; the holdout is Adult's test file or every fifth mammography row, never balanced. Time = balancing only.\n");
        md.AppendLine("| dataset | method | rows after | seconds | minority recall | minority F1 |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (name, file, holdoutFile, target, minority) in Sets)
        {
            string? path = Datasets.Find(file);
            if (path is null) { Console.Error.WriteLine($"skip {name}: {file} not found"); continue; }
            LoadedTable loaded = TableLoader.Load(path);
            Table train = loaded.Table, holdout;
            if (holdoutFile is not null) holdout = TableBuilder.Build(TableFileReader.Read(Datasets.Find(holdoutFile)!), loaded.Metadata);
            else
            {
                train = loaded.Table.SelectRows([.. Enumerable.Range(0, loaded.Table.RowCount).Where(i => i % 5 != 0)]);
                holdout = loaded.Table.SelectRows([.. Enumerable.Range(0, loaded.Table.RowCount).Where(i => i % 5 == 0)]);
            }
            foreach (BalanceMethod? method in new BalanceMethod?[] { null, BalanceMethod.Random, BalanceMethod.Smote, BalanceMethod.SmoteNc, BalanceMethod.Borderline, BalanceMethod.Adasyn, BalanceMethod.Synthesizer })
            {
                Table data = train;
                var clock = Stopwatch.StartNew();
                if (method is { } m)
                {
                    try { data = Balancer.Balance(train, loaded.Metadata, target, new BalanceOptions { Method = m, Seed = 1 }).Table; }
                    catch (UsageException e) { Console.WriteLine($"{name} {m}: {e.Message}"); continue; }
                }
                double seconds = clock.Elapsed.TotalSeconds;
                var (recall, f1) = Score(data, holdout, loaded.Metadata, target, minority);
                string line = string.Create(CultureInfo.InvariantCulture, $"| {name} | {(method?.ToString() ?? "none (original)")} | {data.RowCount:N0} | {seconds:F2} | {recall:F3} | {f1:F3} |");
                Console.WriteLine(line);
                md.AppendLine(line);
            }
        }
        Directory.CreateDirectory(resultsFolder);
        File.WriteAllText(Path.Combine(resultsFolder, "balancing.md"), md.ToString());
        return 0;
    }

    private static (double Recall, double F1) Score(Table train, Table holdout, Metadata metadata, string target, string minority)
    {
        static bool IsMinority(CategoricalColumn labels, int i, string minority) => labels[i]?.TrimEnd('.') == minority;
        var labels = (CategoricalColumn)train[target];
        FeatureEncoder encoder = FeatureEncoder.Fit(train, metadata, [target]);
        int[] y = [.. Enumerable.Range(0, train.RowCount).Select(i => IsMinority(labels, i, minority) ? 1 : 0)];
        double[] p = GradientBoosting.FitClassifier(encoder, encoder.Encode(train), y, 2, new BoostingOptions { Seed = 1 }).Predict(encoder.Encode(holdout));
        var truthLabels = (CategoricalColumn)holdout[target];
        int[] truth = [.. Enumerable.Range(0, holdout.RowCount).Select(i => IsMinority(truthLabels, i, minority) ? 1 : 0)];
        int[] predicted = [.. p.Select(v => v >= 0.5 ? 1 : 0)];
        double tp = truth.Zip(predicted).Count(t => t.First == 1 && t.Second == 1), fn = truth.Zip(predicted).Count(t => t.First == 1 && t.Second == 0), fp = truth.Zip(predicted).Count(t => t.First == 0 && t.Second == 1);
        return (tp / Math.Max(1, tp + fn), 2 * tp / Math.Max(1, 2 * tp + fp + fn));
    }
}
