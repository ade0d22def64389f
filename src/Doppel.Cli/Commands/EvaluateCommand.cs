using System.CommandLine;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Reports;
using Doppel.IO;
using Doppel.Models;
using Spectre.Console;
using Table = Doppel.Data.Table;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel evaluate --real train.csv --synthetic synth.csv [--model model.doppel] [-o folder]</c>: fidelity, validity, utility and privacy scores; report.json and report.html (with the model's synthesizer and privacy budget when given).</summary>
internal static class EvaluateCommand
{
    /// <summary>The machine-readable report written inside the output folder.</summary>
    public const string ReportFileName = "report.json";

    /// <summary>The self-contained page written beside it.</summary>
    public const string HtmlFileName = "report.html";

    public static Command Create(CliContext context)
    {
        Option<string> real = new("--real") { Description = "The real (training) data file.", Required = true };
        Option<string> synthetic = new("--synthetic") { Description = "The synthetic data file to evaluate.", Required = true };
        Option<string?> holdout = new("--holdout") { Description = "Real rows the synthesizer never saw (a test set), for utility and privacy comparisons." };
        Option<string?> metadata = CommonOptions.Metadata();
        Option<string?> target = new("--target") { Description = "The column to predict, for utility." };
        Option<string?> sensitive = new("--sensitive") { Description = "Comma-separated columns an attacker tries to infer." };
        Option<string?> quasi = new("--quasi-identifiers") { Description = "Comma-separated columns an attacker may know about a person." };
        Option<long> seed = CommonOptions.Seed();
        Option<string> output = CommonOptions.Output($"Folder to write {ReportFileName} into (created when missing).", required: false);
        Option<bool> force = CommonOptions.Force();
        Option<int> threads = CommonOptions.Threads();
        Option<string?> delimiter = CommonOptions.Delimiter();
        Option<string?> model = new("--model") { Description = "The model file (.doppel) the synthetic data was sampled from: the report states its synthesizer and its differential-privacy budget." };
        var command = new Command("evaluate", "Score synthetic data against the real data: fidelity (SDMetrics-comparable quality, detection), validity, ML utility (TSTR, with --holdout and --target) and privacy; writes report.json and report.html.")
            { real, synthetic, holdout, metadata, target, sensitive, quasi, seed, output, force, threads, delimiter, model };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string realPath = parse.GetValue(real)!, syntheticPath = parse.GetValue(synthetic)!;
            string? holdoutPath = parse.GetValue(holdout), metadataPath = parse.GetValue(metadata);
            string? reportPath = ReportTarget(parse.GetValue(output), parse.GetValue(force));
            CsvReadOptions readOptions = CliInputs.ReadOptions(parse.GetValue(delimiter));
            int maxThreads = parse.GetValue(threads);
            if (maxThreads < 1) throw new UsageException($"--threads {maxThreads} must be at least 1.");
            foreach (string? path in new[] { realPath, syntheticPath, holdoutPath, metadataPath })
                if (path is not null) RequireFile(path);
            string[] sensitiveColumns = Split(parse.GetValue(sensitive)), quasiColumns = Split(parse.GetValue(quasi));
            // The model is read before any data: a wrong path or a damaged file is reported at once.
            SourceModel? source = parse.GetValue(model) is { } modelPath ? SourceModel.Of(ModelFile.Load(modelPath)) : null;

            // With metadata given, the column options are checked before any data file is read.
            Metadata? given = metadataPath is null ? null : MetadataJson.Load(metadataPath);
            if (given is not null) CheckColumns(given, parse.GetValue(target), sensitiveColumns, quasiColumns);
            LoadedTable loaded = TableLoader.Load(realPath, metadataPath, readOptions);
            if (given is null) CheckColumns(loaded.Metadata, parse.GetValue(target), sensitiveColumns, quasiColumns);

            if (source?.SourceSha256 is { } fitted && loaded.Sha256 is { } read && !string.Equals(fitted, read, StringComparison.OrdinalIgnoreCase))
                context.Console.MarkupLineInterpolated($"[yellow]Note:[/] the model was fitted on {source.SourceName}, not on {Path.GetFileName(realPath)} (their contents differ); the scores compare with {Path.GetFileName(realPath)}.");
            (RawTable syntheticRaw, Table syntheticTable) = Build(syntheticPath, loaded.Metadata, readOptions);
            Table? holdoutTable = holdoutPath is null ? null : Build(holdoutPath, loaded.Metadata, readOptions).Table;
            var inputs = new EvaluationInputs(loaded.Table, syntheticTable, loaded.Metadata)
            {
                Holdout = holdoutTable,
                Target = parse.GetValue(target),
                Sensitive = sensitiveColumns,
                QuasiIdentifiers = quasiColumns,
                Seed = parse.GetValue(seed),
                MaxThreads = maxThreads,
                Model = source,
            };
            EvaluationReport report = Evaluator.Full(syntheticRaw).Evaluate(inputs);
            EvaluationView.Render(context, report, Path.GetFileName(realPath), Path.GetFileName(syntheticPath));
            if (reportPath is null)
            {
                context.Console.MarkupLine($"Add [bold]-o folder[/] to save {ReportFileName}.");
                return;
            }
            string folder = Path.GetDirectoryName(reportPath)!;
            Directory.CreateDirectory(folder);
            string htmlPath = Path.Combine(folder, HtmlFileName);
            ReportJson.Save(report, reportPath, parse.GetValue(force));
            HtmlReport.Write(htmlPath, inputs, report.Results, overwrite: parse.GetValue(force));
            context.Console.MarkupLineInterpolated($"Report written to [bold]{reportPath}[/] and [bold]{htmlPath}[/].");
        }));
        return command;
    }

    /// <summary>The report path, checked before any work: the folder may be missing (it is created) but not a file, and report.json is replaced only with --force.</summary>
    private static string? ReportTarget(string? folder, bool force)
    {
        if (folder is null) return null;
        if (string.IsNullOrWhiteSpace(folder)) throw new UsageException("The output folder is empty. Give a folder to write report.json into.");
        if (File.Exists(folder)) throw new UsageException($"The output '{folder}' is a file; -o takes a folder to write {ReportFileName} into.");
        string path = Path.Combine(folder, ReportFileName);
        if (!Directory.Exists(folder)) return Path.GetFullPath(path);
        AtomicFileWriter.CheckTarget(Path.Combine(folder, HtmlFileName), force);
        return AtomicFileWriter.CheckTarget(path, force);
    }

    private static void RequireFile(string path)
    {
        if (Directory.Exists(path)) throw new DataFormatException($"'{path}' is a folder, not a file. Pass the path of a data file.");
        if (!File.Exists(path)) throw new DataFormatException($"File '{path}' does not exist (looked for '{Path.GetFullPath(path)}'). Check the path and the current folder.");
    }

    private static (RawTable Raw, Table Table) Build(string path, Metadata metadata, CsvReadOptions options)
    {
        RawTable raw = TableFileReader.Read(path, options);
        return (raw, TableBuilder.Build(raw, metadata));
    }

    private static string[] Split(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void CheckColumns(Metadata metadata, string? target, string[] sensitive, string[] quasi)
    {
        var problems = new List<string>();
        if (target is not null && metadata.Find(target) is null) problems.Add($"--target '{target}'");
        problems.AddRange(sensitive.Where(c => metadata.Find(c) is null).Select(c => $"--sensitive '{c}'"));
        problems.AddRange(quasi.Where(c => metadata.Find(c) is null).Select(c => $"--quasi-identifiers '{c}'"));
        if (problems.Count > 0)
            throw new UsageException($"{string.Join(", ", problems)}: no such column. Columns: {string.Join(", ", metadata.Columns.Select(c => c.Name))}.");
    }
}
