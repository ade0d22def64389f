using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Models;
using Doppel.Synthesizers;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel info model.doppel</c>: the manifest, readable.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The model file (.doppel)." };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON." };
        var losses = new Option<bool>("--losses") { Description = "Print a ctgan or tvae model's mean loss per epoch as CSV (SDV's get_loss_values): epoch,generator_loss,critic_loss or epoch,loss." };
        var command = new Command("info", "Show a model's manifest: synthesizer, options, lineage, privacy, training losses and columns.") { modelPath, json, losses };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string path = parse.GetValue(modelPath)!;
            JsonObject manifest = ModelFile.ReadManifest(path);
            string kind = manifest["synthesizer"]?["kind"]?.ToString() ?? "";
            // Only the deep models keep a loss curve; it is in their parameters, so only they are loaded in full.
            IReadOnlyList<EpochLoss>? curve = kind is "ctgan" or "tvae" ? (ModelFile.Load(path).Learned as ITrainingHistory)?.Losses : null;
            if (parse.GetValue(losses))
            {
                if (curve is not { Count: > 0 })
                    throw new UsageException(kind is "ctgan" or "tvae"
                        ? $"'{Path.GetFileName(path)}' was saved without its training losses (by an earlier version); refit it to keep them."
                        : $"'{Path.GetFileName(path)}' is a {kind} model, which does not train in epochs: --losses applies to ctgan and tvae models.");
                TextWriter output = context.Console.Profile.Out.Writer;
                bool critic = curve[0].CriticLoss is not null;
                output.WriteLine(critic ? "epoch,generator_loss,critic_loss" : "epoch,loss");
                foreach (EpochLoss epoch in curve)
                    output.WriteLine(critic
                        ? string.Create(CultureInfo.InvariantCulture, $"{epoch.Epoch},{epoch.Loss:R},{epoch.CriticLoss:R}")
                        : string.Create(CultureInfo.InvariantCulture, $"{epoch.Epoch},{epoch.Loss:R}"));
                return;
            }
            if (parse.GetValue(json))
            {
                // Readable characters (ε, σ) rather than \u escapes: this is for people and for tools that parse JSON alike.
                context.Console.Profile.Out.Writer.WriteLine(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return;
            }
            var overview = new Spectre.Console.Table().Title(Markup.Escape(Path.GetFileName(path))).AddColumns("property", "value");
            overview.AddRow("format", Markup.Escape($"{manifest["format"]} v{manifest["formatVersion"]}"));
            // A choice by --synthesizer auto gets its own table below; the options row keeps the synthesizer's own options.
            var options = manifest["synthesizer"]?["options"]?.DeepClone() as JsonObject;
            JsonNode? selection = options?["selection"];
            options?.Remove("selection");
            overview.AddRow("synthesizer", Markup.Escape($"{manifest["synthesizer"]?["kind"]}"));
            if (options is { Count: > 0 }) overview.AddRow("options", Markup.Escape(Describe(options)));
            if (manifest["lineage"] is JsonObject lineage)
                foreach ((string key, JsonNode? value) in lineage)
                    overview.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? "-"));
            if (curve is { Count: > 0 })
            {
                EpochLoss first = curve[0], last = curve[^1];
                string critic = last.CriticLoss is double c ? string.Create(CultureInfo.InvariantCulture, $", critic {first.CriticLoss:G4} → {c:G4}") : "";
                overview.AddRow("training", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{curve.Count} epochs; loss {first.Loss:G4} (epoch {first.Epoch}) → {last.Loss:G4} (epoch {last.Epoch}){critic}; --losses prints every epoch")));
            }
            AddPrivacy(overview, manifest["privacy"]);
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

    /// <summary>The privacy section as sentences: whether the model is differentially private, what it spent and covers, and which columns are regenerated.</summary>
    private static void AddPrivacy(Spectre.Console.Table overview, JsonNode? privacy)
    {
        if (privacy is not JsonObject section)
        {
            overview.AddRow("privacy", "-");
            return;
        }
        if (section["spent"] is JsonObject spent)
        {
            string delta = Number(spent["delta"]);
            // Steps and a noise multiplier are DP-SGD's; a pure-ε mechanism (PrivBayes) states its own in the scope.
            bool sgd = (string?)spent["accountant"] is null or "rdp-poisson-gaussian";
            string steps = sgd && spent["steps"] is JsonNode count ? $", {count} steps at noise multiplier {Number(spent["noiseMultiplier"])}" : "";
            string cut = (bool?)spent["budgetExhausted"] == true ? "; training stopped when the budget was spent" : "";
            overview.AddRow("differential privacy", Markup.Escape($"ε = {Number(spent["epsilon"])} of {Number(spent["epsilonBudget"])} spent, δ = {delta}{steps} ({spent["accountant"]}){cut}"));
            if (spent["scope"] is JsonNode scope) overview.AddRow("covers", Markup.Escape(scope.ToString()));
        }
        else overview.AddRow("differential privacy", "none");
        var regenerated = section["piiColumnsRegenerated"] as JsonArray;
        overview.AddRow("PII regenerated", Markup.Escape(regenerated is { Count: > 0 } ? Describe(regenerated) : "none"));
    }

    /// <summary>A JSON value in one line: objects as name=value pairs, arrays comma-separated, nested objects in parentheses.</summary>
    private static string Describe(JsonNode? node) => node switch
    {
        null => "-",
        JsonObject o => string.Join(", ", o.Select(p => $"{p.Key}={(p.Value is JsonObject ? $"({Describe(p.Value)})" : Describe(p.Value))}")),
        JsonArray a => string.Join(",", a.Select(Describe)),
        JsonValue v when v.TryGetValue(out double number) => Number(v),
        _ => node.ToString(),
    };

    private static string Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out double number) ? number.ToString("G4", CultureInfo.InvariantCulture) : node?.ToString() ?? "-";
}
