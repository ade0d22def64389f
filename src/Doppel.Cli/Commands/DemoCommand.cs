using System.CommandLine;
using Doppel.Data;
using Doppel.IO;
using Doppel.Models;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;
using Spectre.Console;
using Table = Doppel.Data.Table;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel demo</c>: the whole flow on a built-in customers table, in its own output folder.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder for the demo's files (replaced on every run).", DefaultValueFactory = _ => "demo-output" };
        var rows = new Option<int>("--rows", "-n") { Description = "Rows of the demo table and of the synthetic table.", DefaultValueFactory = _ => 5000 };
        Option<long> seed = CommonOptions.Seed();
        Option<string> synthesizer = CommonOptions.Synthesizer(AutoSelectionOptions.AutoName);
        var training = new TrainingOptions();
        var command = new Command("demo", "Run the whole flow on a built-in demo table: profile, fit, save, sample, summarise.") { output, rows, seed, synthesizer };
        training.AddTo(command);
        var auto = new AutoSelectionOptions();
        auto.AddTo(command);
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string folder = parse.GetValue(output)!;
            int count = parse.GetValue(rows);
            if (count < Synthesizer.MinimumRows) throw new UsageException($"--rows must be at least {Synthesizer.MinimumRows}; got {count}.");
            FitCommand.Fitter fitter = FitCommand.Choose(context, parse, parse.GetValue(synthesizer)!, DistributionNames.ToName(Distribution.Auto), training, auto, metadataGiven: false);
            Directory.CreateDirectory(folder);
            string realPath = Path.Combine(folder, "customers.csv");
            string metadataPath = Path.Combine(folder, "metadata.json");
            string modelPath = Path.Combine(folder, "model.doppel");
            string syntheticPath = Path.Combine(folder, "synthetic.csv");

            (Table demo, Metadata demoMetadata) = DemoTables.Customers(count);
            FileTableSink.WriteTable(realPath, demo, demoMetadata, overwrite: true);
            context.Console.MarkupLineInterpolated($"Demo data: [bold]{realPath}[/] ({count:N0} customers with names, emails, ages, incomes, dates, churn).");

            LoadedTable loaded = TableLoader.Load(realPath);
            MetadataJson.Save(loaded.Metadata, metadataPath, overwrite: true);
            context.Console.MarkupLineInterpolated($"Detected metadata: [bold]{metadataPath}[/]");

            SynthesizerModel model = FitCommand.Fit(context, loaded, fitter, parse.GetValue(seed));
            ModelFile.Save(model, modelPath, overwrite: true);
            context.Console.MarkupLineInterpolated($"Model: [bold]{modelPath}[/]");

            Sampling.ToFile(context, model, new SamplingRequest(count)
            {
                Seed = parse.GetValue(seed),
                ExcludedValues = SamplingRequest.RealPersonalValues(loaded.Table, loaded.Metadata),
            }, syntheticPath, force: true);
            Summary.Render(context, loaded, syntheticPath);
            context.Console.MarkupLine("Next: [bold]./doppel profile your.csv -o metadata.json[/], then [bold]./doppel synth your.csv --metadata metadata.json -n 10000 -o synthetic.csv[/].");
        }));
        return command;
    }
}
