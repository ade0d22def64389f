using System.CommandLine;
using Doppel.IO;
using Doppel.Neural;
using Doppel.Models;
using Doppel.Synthesizers;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel fit data.csv -o model.doppel</c>: learn a table and save the model.</summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> data = CommonOptions.Data();
        Option<string> output = CommonOptions.Output("The model file to write (.doppel).");
        Option<string?> metadata = CommonOptions.Metadata();
        Option<string> synthesizer = CommonOptions.Synthesizer();
        Option<string> distribution = CommonOptions.Distribution();
        var training = new TrainingOptions();
        Option<long> seed = CommonOptions.Seed();
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var command = new Command("fit", "Fit a synthesizer on a table and save the model.") { data, output, metadata, synthesizer, distribution, seed, force, delimiter };
        training.AddTo(command);
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string target = parse.GetValue(output)!;
            AtomicFileWriter.CheckTarget(target, parse.GetValue(force));
            ISynthesizer chosen = CliInputs.Synthesizer(parse.GetValue(synthesizer)!, parse.GetValue(distribution)!, training.Read(parse));
            NoteDetectedBounds(context, chosen, parse.GetValue(metadata) is not null);
            SynthesizerModel model = Fit(context, parse.GetValue(data)!, parse.GetValue(metadata), parse.GetValue(delimiter), chosen, parse.GetValue(seed));
            ModelFile.Save(model, target, parse.GetValue(force));
            context.Console.MarkupLineInterpolated($"Model written to [bold]{target}[/] ({new FileInfo(target).Length:N0} bytes). Sample it with: doppel sample {target} -n 1000 -o synthetic.csv");
        }));
        return command;
    }

    /// <summary>Loads the data and fits with progress; shared by fit, synth and demo.</summary>
    public static SynthesizerModel Fit(CliContext context, string path, string? metadataPath, string? delimiter, ISynthesizer synthesizer, long seed)
    {
        LoadedTable loaded = TableLoader.Load(path, metadataPath, CliInputs.ReadOptions(delimiter));
        return Fit(context, loaded, synthesizer, seed);
    }

    public static SynthesizerModel Fit(CliContext context, LoadedTable loaded, ISynthesizer synthesizer, long seed)
    {
        var options = new FitOptions { Seed = seed, SourceName = loaded.SourceName, SourceSha256 = loaded.Sha256 };
        SynthesizerModel model = ProgressDisplay.Run(context, "Fitting", progress =>
            synthesizer.Fit(loaded.Table, loaded.Metadata, options, new Forward(progress)));
        context.Console.MarkupLineInterpolated($"Fitted {SynthesizerRegistry.NameOf(model.Kind)} on {loaded.SourceName}: {loaded.Table.RowCount:N0} rows × {loaded.Metadata.Columns.Count} columns in {model.Lineage.FitSeconds:F2} s.");
        if (model.Learned is IPrivateModel { Privacy: { } spent } && model.Kind == SynthesizerKind.BayesNet)
            context.Console.MarkupLineInterpolated($"Differential privacy (PrivBayes, pure ε-DP): ε = {spent.Epsilon:G4} of {spent.EpsilonBudget} spent (δ = 0).");
        else if (model.Learned is IPrivateModel { Privacy: { } deep })
            context.Console.MarkupLineInterpolated($"Differential privacy: ε = {deep.Epsilon:F3} of {deep.EpsilonBudget} spent (δ = {deep.Delta:G3}) over {deep.Steps:N0} steps{(deep.BudgetExhausted ? "; the budget ran out and training stopped early" : "")}.");
        return model;
    }

    /// <summary>
    /// bayesnet with --epsilon bins numbers over the metadata's bounds; detected metadata takes them from the data,
    /// which the guarantee does not cover, so the user is told how to declare public ones.
    /// </summary>
    public static void NoteDetectedBounds(CliContext context, ISynthesizer synthesizer, bool metadataGiven)
    {
        if (metadataGiven || synthesizer is not Synthesizers.BayesianNetwork.BayesNetSynthesizer { Options.Epsilon: not null }) return;
        context.Console.MarkupLine("[yellow]Note:[/] the numerical bounds were detected from the data, so the bins of a private bayesnet reveal each column's minimum and maximum. For the full ε guarantee, write metadata.json with [bold]doppel profile[/], set public bounds, and pass [bold]--metadata[/].");
    }

    private sealed class Forward(IProgress<(double, string)> target) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => target.Report((value.Fraction, value.Stage));
    }
}
