using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Models;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel info model.doppel</c>: the manifest, readable.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The model file (.doppel)." };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON." };
        var command = new Command("info", "Show a model's manifest: synthesizer, options, lineage and columns.") { modelPath, json };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string path = parse.GetValue(modelPath)!;
            JsonObject manifest = ModelFile.ReadManifest(path);
            if (parse.GetValue(json))
            {
                context.Console.Profile.Out.Writer.WriteLine(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            var overview = new Spectre.Console.Table().Title(Markup.Escape(Path.GetFileName(path))).AddColumns("property", "value");
            overview.AddRow("format", Markup.Escape($"{manifest["format"]} v{manifest["formatVersion"]}"));
            // A choice by --synthesizer auto gets its own table below; the options row keeps the synthesizer's own options.
            var options = manifest["synthesizer"]?["options"]?.DeepClone() as JsonObject;
            JsonNode? selection = options?["selection"];
            options?.Remove("selection");
            overview.AddRow("synthesizer", Markup.Escape($"{manifest["synthesizer"]?["kind"]} {options?.ToJsonString()}"));
            if (manifest["lineage"] is JsonObject lineage)
                foreach ((string key, JsonNode? value) in lineage)
                    overview.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? "-"));
            overview.AddRow("privacy", Markup.Escape(manifest["privacy"]?.ToJsonString() ?? "-"));
            context.Console.Write(overview);
            if (selection is JsonObject chosen)
            {
                var candidates = new Spectre.Console.Table().Title(Markup.Escape($"chosen by auto: {chosen["chosen"]} ({chosen["score"]}; {chosen["trainingRows"]} training, {chosen["validationRows"]} validation rows)"))
                    .AddColumns("candidate", "score", "quality", "utility", "DCR share", "fit s", "note");
                foreach (JsonNode? c in chosen["candidates"]?.AsArray() ?? [])
                    candidates.AddRow([.. new[] { "name", "score", "quality", "utilityRatio", "dcrShare", "fitSeconds", "skipped" }.Select(k => Markup.Escape(c?[k]?.ToString() ?? "-"))]);
                context.Console.Write(candidates);
            }

            var columns = new Spectre.Console.Table().Title("columns").AddColumns("column", "type", "detail");
            foreach (JsonNode? column in manifest["metadata"]?["columns"]?.AsArray() ?? [])
            {
                if (column is not JsonObject item) continue;
                string detail = string.Join(", ", item.Where(p => p.Key is not ("name" or "type")).Select(p => $"{p.Key}={p.Value}"));
                columns.AddRow(Markup.Escape(item["name"]?.ToString() ?? ""), Markup.Escape(item["type"]?.ToString() ?? ""), Markup.Escape(detail));
            }
            context.Console.Write(columns);
        }));
        return command;
    }
}
