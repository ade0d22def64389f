using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Sampling;
using Doppel.Tests;

namespace Doppel.Bench;

/// <summary>Datasets × synthesizers: profile, fit and sample times, throughput, peak memory and column-shape quality, as a table, JSON and Markdown.</summary>
public static class EndToEnd
{
    private static readonly (string Name, string File)[] Sets =
    [
        ("adult", "adult/train.csv"),
        ("default_credit", "default_credit/default_credit.csv"),
        ("online_shoppers", "online_shoppers/online_shoppers_intention.csv"),
        ("magic_gamma", "magic_gamma/magic04.csv"),
        ("california_housing", "california_housing/housing.csv"),
        ("insurance", "insurance/insurance.csv"),
        ("titanic", "titanic/titanic.csv"),
    ];

    public sealed record Row(string Dataset, int Rows, int Columns, double ProfileSeconds, double FitSeconds,
        double SampleSameSizeSeconds, double SampleMillionSeconds, double MillionRowsPerSecond, double PeakWorkingSetMiB, double ColumnShapes,
        double EvaluateSeconds, double Quality);

    public static int Run(string resultsFolder)
    {
        if (Datasets.Folder is null)
        {
            Console.Error.WriteLine("The shared datasets are not here (set DOPPEL_DATASETS or place them at ../shared/datasets); nothing to measure.");
            return 1;
        }
        Directory.CreateDirectory(resultsFolder);
        string scratch = Path.Combine(Path.GetTempPath(), "doppel-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(scratch);
        var rows = new List<Row>();
        try
        {
            foreach ((string name, string file) in Sets)
            {
                string? path = Datasets.Find(file);
                if (path is null) { Console.Error.WriteLine($"skip {name}: {file} not found"); continue; }
                Measure(name, path, scratch); // warm-up: JIT and caches, not recorded
                Row row = Measure(name, path, scratch);
                rows.Add(row);
                Console.WriteLine($"{row.Dataset,-20} rows {row.Rows,7:N0}  profile {row.ProfileSeconds,6:F3}s  fit {row.FitSeconds,6:F3}s  sample {row.SampleSameSizeSeconds,6:F3}s  1M {row.SampleMillionSeconds,6:F2}s ({row.MillionRowsPerSecond,10:N0} rows/s)  peak {row.PeakWorkingSetMiB,6:F0} MiB  shapes {row.ColumnShapes:F3}  evaluate {row.EvaluateSeconds:F3}s  quality {row.Quality:F3}");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        Write(resultsFolder, rows);
        return 0;
    }

    private static Row Measure(string name, string path, string scratch)
    {
        var clock = Stopwatch.StartNew();
        RawTable raw = TableFileReader.Read(path);
        Metadata metadata = Profiler.Detect(raw);
        Table table = TableBuilder.Build(raw, metadata);
        double profile = clock.Elapsed.TotalSeconds;

        clock.Restart();
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        double fit = clock.Elapsed.TotalSeconds;

        string sameSize = Path.Combine(scratch, name + ".csv");
        clock.Restart();
        using (var sink = new FileTableSink(sameSize, metadata, overwrite: true))
            model.Sample(sink, new SamplingRequest(table.RowCount) { Seed = 1 });
        double sample = clock.Elapsed.TotalSeconds;

        string million = Path.Combine(scratch, name + "-1m.csv");
        clock.Restart();
        using (var sink = new FileTableSink(million, metadata, overwrite: true))
            model.Sample(sink, new SamplingRequest(1_000_000) { Seed = 2 });
        double millionSeconds = clock.Elapsed.TotalSeconds;
        File.Delete(million);

        Table synthetic = TableBuilder.Build(TableFileReader.Read(sameSize), metadata);
        var shapes = ColumnShapes.Score(table, synthetic, metadata);
        clock.Restart();
        EvaluationReport report = new Evaluator().Evaluate(new EvaluationInputs(table, synthetic, metadata));
        double evaluate = clock.Elapsed.TotalSeconds;
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        return new Row(name, table.RowCount, metadata.Columns.Count, profile, fit, sample, millionSeconds, 1_000_000 / millionSeconds, peak,
            shapes.Count == 0 ? double.NaN : shapes.Average(s => s.Score), evaluate, report.QualityScore ?? double.NaN);
    }

    private static void Write(string folder, List<Row> rows)
    {
        string machine = $"{Environment.ProcessorCount} cores, {RuntimeInformationText()}";
        var json = new
        {
            machine,
            date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            synthesizer = "gaussian-copula",
            reference = "SDV 1.38 GaussianCopula on Adult, same machine (from the issue): fit 9.3 s, sample 32,561 rows 0.8 s",
            rows,
        };
        File.WriteAllText(Path.Combine(folder, "end-to-end.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder();
        md.AppendLine($"# End-to-end benchmark (gaussian-copula)\n\nMachine: {machine}. Times in seconds; best of one measured run after a warm-up run.\n");
        md.AppendLine("| dataset | rows | cols | profile | fit | sample (same size) | sample 1M to CSV | rows/s | peak MiB | column shapes | evaluate | quality |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (Row r in rows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Dataset} | {r.Rows:N0} | {r.Columns} | {r.ProfileSeconds:F3} | {r.FitSeconds:F3} | {r.SampleSameSizeSeconds:F3} | {r.SampleMillionSeconds:F2} | {r.MillionRowsPerSecond:N0} | {r.PeakWorkingSetMiB:F0} | {r.ColumnShapes:F3} | {r.EvaluateSeconds:F3} | {r.Quality:F3} |"));
        md.AppendLine("\nReference (SDV 1.38 GaussianCopula on Adult, this machine): fit 9.3 s, sample 32,561 rows 0.8 s.");
        File.WriteAllText(Path.Combine(folder, "end-to-end.md"), md.ToString());
        Console.WriteLine($"Results written to {Path.GetFullPath(folder)}");
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
}
