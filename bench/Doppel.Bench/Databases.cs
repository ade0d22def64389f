using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Doppel.Data;
using Doppel.Data.Postgres;
using Doppel.Data.Sqlite;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Sampling;
using Doppel.Tests;
using Npgsql;

namespace Doppel.Bench;

/// <summary>
/// Sampling 1,000,000 Adult rows (Gaussian copula) into CSV, SQLite and PostgreSQL (when DOPPEL_POSTGRES names a
/// server): rows per second end to end, sampling included, with the machine's load recorded next to the numbers.
/// </summary>
public static class Databases
{
    private const int Rows = 1_000_000;
    private const int Repeats = 3;

    public sealed record Row(string Output, long Rows, double BestSeconds, double MedianSeconds, double RowsPerSecond, double ProcessCpuSeconds, string Load);

    public static int Run(string resultsFolder)
    {
        string? path = Datasets.Find("adult/train.csv");
        if (path is null)
        {
            Console.Error.WriteLine("adult/train.csv is not here (set DOPPEL_DATASETS or place the shared datasets at ../shared/datasets); nothing to measure.");
            return 1;
        }
        RawTable raw = TableFileReader.Read(path);
        Metadata metadata = Profiler.Detect(raw);
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(TableBuilder.Build(raw, metadata), metadata);
        string? postgres = Environment.GetEnvironmentVariable("DOPPEL_POSTGRES");
        string scratch = Path.Combine(Path.GetTempPath(), "doppel-bench-db-" + Environment.ProcessId);
        Directory.CreateDirectory(scratch);
        var rows = new List<Row>();
        try
        {
            string csv = Path.Combine(scratch, "adult.csv"), db = Path.Combine(scratch, "adult.db");
            rows.Add(Measure("CSV file", () => new FileTableSink(csv, metadata, overwrite: true), model));
            rows.Add(Measure("SQLite (new file)", () => SqliteTableSink.CreateFile(db, "adult", metadata, overwrite: true), model));
            if (postgres is null) Console.Error.WriteLine("DOPPEL_POSTGRES is not set: PostgreSQL not measured.");
            else
            {
                rows.Add(Measure("PostgreSQL (binary COPY)", () => PostgresTableSink.Open(postgres, "doppel_bench_adult", metadata, overwrite: true), model));
                using var connection = new NpgsqlConnection(postgres);
                connection.Open();
                using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS doppel_bench_adult", connection);
                drop.ExecuteNonQuery();
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        Write(resultsFolder, rows, metadata);
        return 0;
    }

    private static Row Measure<TEncoded>(string name, Func<ITableSink<TEncoded>> open, SynthesizerModel model)
    {
        Sample(open, model, 100_000); // warm-up: JIT, caches, connection
        var seconds = new List<double>();
        var cpu = new List<double>();
        string load = "";
        for (int i = 0; i < Repeats; i++)
        {
            load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Sample(open, model, Rows);
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        seconds.Sort();
        cpu.Sort();
        var row = new Row(name, Rows, seconds[0], seconds[seconds.Count / 2], Rows / seconds[0], cpu[cpu.Count / 2], load);
        Console.WriteLine($"{row.Output,-26} best {row.BestSeconds,6:F2}s  median {row.MedianSeconds,6:F2}s  {row.RowsPerSecond,10:N0} rows/s  process CPU {row.ProcessCpuSeconds:F2}s  (load {row.Load})");
        return row;
    }

    private static void Sample<TEncoded>(Func<ITableSink<TEncoded>> open, SynthesizerModel model, int rows)
    {
        using ITableSink<TEncoded> sink = open();
        model.Sample(sink, new SamplingRequest(rows) { Seed = 7 });
    }

    private static void Write(string folder, List<Row> rows, Metadata metadata)
    {
        Directory.CreateDirectory(folder);
        string machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
        string note = "Adult (15 columns), gaussian-copula, 1,000,000 rows sampled and written, end to end; best of 3 after a warm-up. " +
                      "PostgreSQL: local server on the loopback, fsync=off. Load = 1/5/15-minute load average when the last run started (the machine is shared); " +
                      "process CPU = this process's CPU seconds for one run (median), the database server's own work not included.";
        var json = new { machine, date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), columns = metadata.Columns.Count, note, rows };
        File.WriteAllText(Path.Combine(folder, "databases.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder();
        md.AppendLine($"# Sampling into databases\n\nMachine: {machine}. {note}\n");
        md.AppendLine("| output | rows | best s | median s | rows/s | process CPU s | load |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (Row r in rows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Output} | {r.Rows:N0} | {r.BestSeconds:F2} | {r.MedianSeconds:F2} | {r.RowsPerSecond:N0} | {r.ProcessCpuSeconds:F2} | {r.Load} |"));
        File.WriteAllText(Path.Combine(folder, "databases.md"), md.ToString());
        Console.WriteLine($"Results written to {Path.GetFullPath(folder)}");
    }
}
