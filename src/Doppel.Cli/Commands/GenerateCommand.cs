using System.CommandLine;
using System.Diagnostics;
using Doppel.Generation;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel generate schema.yaml -n N -o out/</c>: generate every table of a declared schema into a folder.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var schemaPath = new Argument<string>("schema") { Description = "The schema file (.yaml, .yml or .json); see docs/generation.md." };
        var rows = new Option<long?>("--rows", "-n") { Description = "Rows of every table without foreign keys (replaces the schema's 'rows')." };
        Option<string> output = CommonOptions.Output("The folder to write one file per table into (created when missing).");
        var seed = new Option<long?>("--seed") { Description = "Seed of every random draw (default: the schema's seed, else 0): the same seed gives the same bytes." };
        var locale = new Option<string?>("--locale") { Description = "Default locale of fake values (e.g. en, de, fr, en_GB); replaces the schema's." };
        Option<string?> shard = CommonOptions.Shard();
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force();
        var format = new Option<string>("--format") { Description = "File format: csv or jsonl.", DefaultValueFactory = _ => "csv" };
        var command = new Command("generate", "Generate tables from a declared schema (no real data needed).") { schemaPath, rows, output, seed, locale, shard, threads, force, format };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string extension = parse.GetValue(format) switch
            {
                "csv" => ".csv",
                "jsonl" => ".jsonl",
                var other => throw new UsageException($"--format \"{other}\" is not supported; use csv or jsonl."),
            };
            GenerationSchema schema = GenerationSchema.Load(parse.GetValue(schemaPath)!);
            var options = new GenerationOptions
            {
                Seed = parse.GetValue(seed) ?? schema.Seed ?? 0,
                Locale = parse.GetValue(locale),
                Rows = parse.GetValue(rows),
                MaxThreads = parse.GetValue(threads),
            };
            Shard part = parse.GetValue(shard) is string s ? Shard.Parse(s) : Shard.Whole;
            string folder = parse.GetValue(output)!;
            GenerationPlan plan = schema.Compile(options);
            Run(context, plan, folder, extension, part, parse.GetValue(force));
        }));
        return command;
    }

    private static void Run(CliContext context, GenerationPlan plan, string folder, string extension, Shard shard, bool force)
    {
        if (File.Exists(folder)) throw new UsageException($"The output '{folder}' is a file; give a folder for the tables' files.");
        Directory.CreateDirectory(folder);
        string suffix = shard.Count > 1 ? $".part-{shard.Index}-of-{shard.Count}" : "";
        var targets = plan.Tables.ToDictionary(t => t.Name, t => Path.Combine(folder, t.Name + suffix + extension));
        foreach (string target in targets.Values) GenerationSinks.Check(target, force);

        var clock = Stopwatch.StartNew();
        var written = new List<GenerationSinks.Committable>();
        try
        {
            foreach (GeneratedTable table in plan.Tables)
            {
                long total = table.RowsInShard(shard);
                var sink = ProgressDisplay.Run(context, $"Generating {table.Name}", progress =>
                    GenerationSinks.Write(plan, table, targets[table.Name], force, shard, new Forward(progress, total)));
                written.Add(sink);
            }
            // Every table succeeded: only now do the files appear, so a failure leaves none of them behind.
            foreach (var sink in written) sink.Commit();
        }
        finally
        {
            foreach (var sink in written) sink.Dispose();
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long rows = plan.Tables.Sum(t => t.RowsInShard(shard));
        foreach (GeneratedTable table in plan.Tables)
            context.Console.MarkupLineInterpolated($"  [bold]{table.Name}[/]: {table.RowsInShard(shard):N0} rows → {targets[table.Name]}");
        string part = shard.Count > 1 ? $" (shard {shard})" : "";
        context.Console.MarkupLineInterpolated($"Wrote [bold]{rows:N0}[/] rows in {plan.Tables.Count} tables{part} in {seconds:F2} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s).");
    }

    private sealed class Forward(IProgress<(double, string)> target, long total) : IProgress<SampleProgress>
    {
        public void Report(SampleProgress value) =>
            target.Report((total == 0 ? 1 : value.RowsWritten / (double)total, $"{value.RowsWritten:N0} rows"));
    }
}
