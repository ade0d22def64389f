using System.CommandLine;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.IO;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel profile data.csv [-o metadata.json] [--suggest-constraints]</c>: what each column is, the metadata file to
/// edit and, on request, rules that hold in every row. Suggestions go under <c>"suggestedConstraints"</c>, never
/// <c>"constraints"</c>: a rule found in one sample may be chance, so the user accepts each by moving it.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> data = CommonOptions.Data();
        Option<string> output = CommonOptions.Output("Write the detected metadata to this JSON file (edit it, then pass it with --metadata).", required: false);
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var suggest = new Option<bool>("--suggest-constraints")
        {
            Description = "Also look for rules that hold in every row (a < b, total = a + b, positive values, fixed combinations, one-hot groups). "
                + "They are printed and written to metadata.json under \"suggestedConstraints\", which is not enforced: move the ones you accept into \"constraints\".",
        };
        var command = new Command("profile", "Detect what each column is and write metadata.json.") { data, output, force, delimiter, suggest };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string path = parse.GetValue(data)!;
            string? target = parse.GetValue(output);
            if (target is not null) AtomicFileWriter.CheckTarget(target, parse.GetValue(force));
            RawTable raw = TableFileReader.Read(path, CliInputs.ReadOptions(parse.GetValue(delimiter)));
            Metadata metadata = Profiler.Detect(raw);
            Render(context, path, raw, Profiler.Summarize(raw, metadata));
            IReadOnlyList<Constraint> suggested = parse.GetValue(suggest) ? Suggest(context, raw, metadata, target) : [];
            if (target is not null)
            {
                MetadataJson.Save(metadata, target, parse.GetValue(force), suggested);
                context.Console.MarkupLineInterpolated($"Metadata written to [bold]{target}[/]. Edit it and pass it to fit or synth with --metadata.");
            }
            else
            {
                context.Console.MarkupLine("Add [bold]-o metadata.json[/] to save the metadata for editing.");
            }
        }));
        return command;
    }

    private static IReadOnlyList<Constraint> Suggest(CliContext context, RawTable raw, Metadata metadata, string? target)
    {
        IReadOnlyList<Constraint> suggested = ConstraintSuggester.Suggest(TableBuilder.Build(raw, metadata), metadata);
        if (suggested.Count == 0)
        {
            context.Console.MarkupLine("No constraint holds in every row beyond what the column types say.");
            return suggested;
        }
        context.Console.MarkupLineInterpolated($"[bold]{suggested.Count} suggested constraint{(suggested.Count == 1 ? "" : "s")}[/] (each holds in all {raw.RowCount:N0} rows):");
        foreach (Constraint rule in suggested)
            context.Console.MarkupLineInterpolated($"  {rule.Type,-18} {rule.Describe()}");
        context.Console.MarkupLine(target is null
            ? "With [bold]-o metadata.json[/] they are saved under \"suggestedConstraints\", not enforced until you move them into \"constraints\"."
            : "They are saved under \"suggestedConstraints\" and not enforced: move the ones you accept into \"constraints\".");
        return suggested;
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
