using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Neural;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Tvae;
using Doppel.Tests;

namespace Doppel.Bench;

/// <summary>
/// The deep synthesizers on Adult: fit time for the given epochs, time to sample as many rows as the table,
/// peak working set, column-shape quality, and the privacy spent by DP runs. Writes neural.json and neural.md
/// after each run, with the load average before and after, because the machine is shared.
/// <c>dotnet run -c Release --project bench/Doppel.Bench -- neural [epochs] [runs: tvae ctgan tvae-dp1 tvae-dp10 ctgan-dp1 ctgan-dp10]</c>
/// </summary>
public static class NeuralBench
{
    public sealed record Row(string Run, int Epochs, int Rows, double FitSeconds, double SampleSeconds, double PeakWorkingSetMiB,
        double ColumnShapes, double? EpsilonSpent, double? Delta, double? NoiseMultiplier, long? Steps, bool? BudgetExhausted, string LoadBefore, string LoadAfter);

    public static int Run(string[] args, string resultsFolder)
    {
        string? path = Datasets.Find("adult/train.csv");
        if (path is null)
        {
            Console.Error.WriteLine("adult/train.csv is not here (set DOPPEL_DATASETS or place the datasets at ../shared/datasets); nothing to measure.");
            return 1;
        }
        int epochs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out int e) ? e : 300;
        string[] runs = args.Length > 1 ? args[1..] : ["tvae", "ctgan", "tvae-dp1", "tvae-dp10", "ctgan-dp1", "ctgan-dp10"];
        RawTable raw = TableFileReader.Read(path);
        Metadata metadata = Profiler.Detect(raw);
        Table table = TableBuilder.Build(raw, metadata);
        Directory.CreateDirectory(resultsFolder);
        var rows = new List<Row>();
        foreach (string run in runs)
        {
            Row row = Measure(run, epochs, table, metadata);
            rows.Add(row);
            Console.WriteLine($"{row.Run,-12} epochs {row.Epochs}  fit {row.FitSeconds,8:F1}s  sample {row.SampleSeconds,6:F2}s  peak {row.PeakWorkingSetMiB,6:F0} MiB  shapes {row.ColumnShapes:F3}  ε {row.EpsilonSpent?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"}  load {row.LoadBefore} → {row.LoadAfter}");
            Write(resultsFolder, rows);
        }
        return 0;
    }

    private static ISynthesizer Create(string run, int epochs, int rows)
    {
        double delta = Math.Pow(10, -Math.Ceiling(Math.Log10(rows))); // below 1/rows
        PrivacyBudget? privacy = run.EndsWith("-dp1", StringComparison.Ordinal) ? new PrivacyBudget(1, delta)
            : run.EndsWith("-dp10", StringComparison.Ordinal) ? new PrivacyBudget(10, delta) : null;
        return run.Split('-')[0] switch
        {
            "tvae" => new TvaeSynthesizer(new TvaeOptions { Epochs = epochs, Privacy = privacy }),
            string name => NeuralBenchCtgan.Create(name, epochs, privacy),
        };
    }

    private static Row Measure(string run, int epochs, Table table, Metadata metadata)
    {
        string before = Load();
        ISynthesizer synthesizer = Create(run, epochs, table.RowCount);
        var clock = Stopwatch.StartNew();
        SynthesizerModel model = synthesizer.Fit(table, metadata, new FitOptions { Seed = 1 },
            new Progress<FitProgress>(p => { if (p.Stage.StartsWith("epoch", StringComparison.Ordinal) && (int)(p.Fraction * epochs) % 25 == 0) Console.WriteLine($"  {run}: {p.Stage}"); }));
        double fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Table synthetic = model.Sample(table.RowCount, seed: 2);
        double sample = clock.Elapsed.TotalSeconds;
        var shapes = ColumnShapes.Score(table, synthetic, metadata);
        PrivacySpent? spent = (model.Learned as IPrivateModel)?.Privacy;
        return new Row(run, epochs, table.RowCount, fit, sample, Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
            shapes.Count == 0 ? double.NaN : shapes.Average(s => s.Score), spent?.Epsilon, spent?.Delta, spent?.NoiseMultiplier, spent?.Steps, spent?.BudgetExhausted, before, Load());
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static void Write(string folder, List<Row> rows)
    {
        string machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
        const string reference = "SDV on this machine (from the issue): CTGAN overall quality 0.851, TVAE 0.878; TSTR ROC-AUC 0.885 / 0.887 vs 0.927 real. Targets: CTGAN ≤ 180 s, TVAE ≤ 60 s for 300 epochs.";
        var json = new { machine, date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dataset = "adult/train.csv", reference, rows };
        File.WriteAllText(Path.Combine(folder, "neural.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder();
        md.AppendLine($"# Deep synthesizers on Adult\n\nMachine: {machine}, shared with other jobs: the load average (1, 5, 15 min) before and after each run is shown; times under load are pessimistic.\n");
        md.AppendLine("Quality here is Column Shapes only (KS/TV complement); overall quality, TSTR/TRTR and DCR share come from Evaluation when it lands.\n");
        md.AppendLine("| run | epochs | fit s | sample s (same size) | peak MiB | column shapes | ε spent | δ | noise σ | steps | budget hit | load before | load after |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (Row r in rows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Run} | {r.Epochs} | {r.FitSeconds:F1} | {r.SampleSeconds:F2} | {r.PeakWorkingSetMiB:F0} | {r.ColumnShapes:F3} | {r.EpsilonSpent?.ToString("F3", CultureInfo.InvariantCulture) ?? "–"} | {r.Delta?.ToString("G2", CultureInfo.InvariantCulture) ?? "–"} | {r.NoiseMultiplier?.ToString("F2", CultureInfo.InvariantCulture) ?? "–"} | {r.Steps?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {(r.BudgetExhausted is null ? "–" : r.BudgetExhausted.Value ? "yes" : "no")} | {r.LoadBefore} | {r.LoadAfter} |"));
        md.AppendLine($"\n{reference}");
        File.WriteAllText(Path.Combine(folder, "neural.md"), md.ToString());
    }
}
