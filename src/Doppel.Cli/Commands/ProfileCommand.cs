using System.CommandLine;
using Doppel.Data;
using Doppel.IO;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel profile data.csv [-o metadata.json]</c>: what each column is, and the metadata file to edit.</summary>
internal static class ProfileCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> data = CommonOptions.Data();
        Option<string> output = CommonOptions.Output("Write the detected metadata to this JSON file (edit it, then pass it with --metadata).", required: false);
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var command = new Command("profile", "Detect what each column is and write metadata.json.") { data, output, force, delimiter };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string path = parse.GetValue(data)!;
            string? target = parse.GetValue(output);
            if (target is not null) AtomicFileWriter.CheckTarget(target, parse.GetValue(force));
            RawTable raw = TableFileReader.Read(path, CliInputs.ReadOptions(parse.GetValue(delimiter)));
            Metadata metadata = Profiler.Detect(raw);
            Render(context, path, raw, Profiler.Summarize(raw, metadata));
            if (target is not null)
            {
                MetadataJson.Save(metadata, target, parse.GetValue(force));
                context.Console.MarkupLineInterpolated($"Metadata written to [bold]{target}[/]. Edit it and pass it to fit or synth with --metadata.");
            }
            else
            {
                context.Console.MarkupLine("Add [bold]-o metadata.json[/] to save the metadata for editing.");
            }
        }));
        return command;
    }

    private static void Render(CliContext context, string path, RawTable raw, IReadOnlyList<ColumnSummary> summaries)
    {
        var table = new Spectre.Console.Table().Title($"{Path.GetFileName(path)}: {raw.RowCount:N0} rows × {raw.Names.Count} columns");
        table.AddColumns("column", "type", "missing", "distinct", "example", "notes");
        foreach (ColumnSummary summary in summaries)
        {
            table.AddRow(
                Markup.Escape(summary.Name),
                Markup.Escape(summary.TypeDetail),
                $"{summary.MissingFraction:P1}",
                $"{summary.DistinctCount:N0}",
                Markup.Escape(Shorten(summary.Example ?? "")),
                Markup.Escape(string.Join("; ", summary.Warnings)));
        }
        context.Console.Write(table);
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..31] + "…";
}
