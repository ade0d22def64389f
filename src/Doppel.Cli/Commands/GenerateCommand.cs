using System.CommandLine;
using System.Diagnostics;
using Doppel.Data.Postgres;
using Doppel.Data.Sqlite;
using Doppel.Generation;
using Doppel.IO;
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
        Option<string> output = CommonOptions.Output("The folder to write one file per table into (created when missing), or a SQLite database (.db, .sqlite, .sqlite3) to hold every table.", required: false);
        Option<string?> postgres = CommonOptions.Postgres();
        var seed = new Option<long?>("--seed") { Description = "Seed of every random draw (default: the schema's seed, else 0): the same seed gives the same bytes." };
        var locale = new Option<string?>("--locale") { Description = "Default locale of fake values (e.g. en, de, fr, en_GB); replaces the schema's." };
        Option<string?> shard = CommonOptions.Shard();
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force();
        var format = new Option<string>("--format") { Description = "File format: csv or jsonl.", DefaultValueFactory = _ => "csv" };
        var command = new Command("generate", "Generate tables from a declared schema (no real data needed).") { schemaPath, rows, output, postgres, seed, locale, shard, threads, force, format };
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
            string? target = parse.GetValue(output), connection = parse.GetValue(postgres);
            if (target is not null && connection is not null) throw new UsageException("Give either -o (a folder or a SQLite file) or --postgres, not both.");
            if (target is null && connection is null) throw new UsageException("Say where the tables go: -o FOLDER (one file per table), -o FILE.db (SQLite) or --postgres \"Host=...;Username=...;Database=...\".");
            if (part.Count > 1 && (connection is not null || IsSqlite(target!)))
                throw new UsageException("--shard writes part of every table; database outputs take a whole run. Write shards to folders (or one SQLite file per shard with -o part-i.db).");
            GenerationPlan plan = schema.Compile(options);
            if (connection is not null) RunPostgres(context, plan, connection, parse.GetValue(force));
            else if (IsSqlite(target!)) RunSqlite(context, plan, target!, part, parse.GetValue(force));
            else Run(context, plan, target!, extension, part, parse.GetValue(force));
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
        Report(context, plan, shard, clock.Elapsed.TotalSeconds, targets);
    }

    private static bool IsSqlite(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".db" or ".sqlite" or ".sqlite3";

    /// <summary>
    /// Every table into one new SQLite file: tables are added, parents first and with their foreign keys, to a
    /// temporary database beside the target, which is renamed into place only when all are written.
    /// </summary>
    private static void RunSqlite(CliContext context, GenerationPlan plan, string target, Shard shard, bool force)
    {
        AtomicFileWriter.CheckTarget(target, force);
        string full = Path.GetFullPath(target);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp.db");
        var clock = Stopwatch.StartNew();
        try
        {
            bool first = true;
            foreach (GeneratedTable table in plan.Tables)
            {
                long total = table.RowsInShard(shard);
                ProgressDisplay.Run(context, $"Generating {table.Name}", progress =>
                {
                    using SqliteTableSink sink = first
                        ? SqliteTableSink.CreateFile(temporary, table.Name, table.Metadata, overwrite: false, table.ForeignKeys)
                        : SqliteTableSink.AddTable(temporary, table.Name, table.Metadata, overwrite: false, table.ForeignKeys);
                    plan.Write(table.Name, sink, shard, new Forward(progress, total));
                    sink.Commit();
                    return 0;
                });
                first = false;
            }
            AtomicFileWriter.MoveIntoPlace(temporary, full, force);
        }
        finally
        {
            foreach (string leftover in new[] { temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm" })
                if (File.Exists(leftover)) File.Delete(leftover);
        }
        Report(context, plan, shard, clock.Elapsed.TotalSeconds, plan.Tables.ToDictionary(t => t.Name, t => $"table {t.Name} in {target}"));
    }

    /// <summary>
    /// Every table into PostgreSQL, parents first, each loaded by binary COPY in its own transaction (a child's
    /// foreign keys are checked against committed parents). If a later table fails, the tables this run
    /// committed are dropped again, so a failed run leaves nothing behind.
    /// </summary>
    private static void RunPostgres(CliContext context, GenerationPlan plan, string connection, bool force)
    {
        foreach (GeneratedTable table in plan.Tables) PostgresTableSink.CheckTarget(connection, table.Name, force);
        var clock = Stopwatch.StartNew();
        var committed = new List<string>();
        try
        {
            foreach (GeneratedTable table in plan.Tables)
            {
                long total = table.RowsInShard(Shard.Whole);
                ProgressDisplay.Run(context, $"Generating {table.Name}", progress =>
                {
                    using PostgresTableSink sink = PostgresTableSink.Open(connection, table.Name, table.Metadata, force, table.ForeignKeys);
                    plan.Write(table.Name, sink, Shard.Whole, new Forward(progress, total));
                    sink.Commit();
                    return 0;
                });
                committed.Add(table.Name);
            }
        }
        catch
        {
            committed.Reverse();
            try
            {
                PostgresTableSink.DropTables(connection, committed);
            }
            catch (Exception e) when (e is DoppelException or System.Data.Common.DbException or IOException)
            {
                context.Error.WriteLine($"warning: could not drop the tables this run created ({string.Join(", ", committed)}): {e.Message}");
            }
            throw;
        }
        Report(context, plan, Shard.Whole, clock.Elapsed.TotalSeconds, plan.Tables.ToDictionary(t => t.Name, t => $"PostgreSQL table {t.Name}"));
    }

    private static void Report(CliContext context, GenerationPlan plan, Shard shard, double seconds, Dictionary<string, string> targets)
    {
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
