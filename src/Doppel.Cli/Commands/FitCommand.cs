using System.CommandLine;
using Doppel.IO;
using Doppel.Neural;
using Doppel.Models;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Auto;
using Doppel.Transforms;
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
        var auto = new AutoSelectionOptions();
        Option<long> seed = CommonOptions.Seed();
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var command = new Command("fit", "Fit a synthesizer on a table and save the model.") { data, output, metadata, synthesizer, distribution, seed, force, delimiter };
        training.AddTo(command);
        auto.AddTo(command);
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string target = parse.GetValue(output)!;
            AtomicFileWriter.CheckTarget(target, parse.GetValue(force));
            Fitter fitter = Choose(context, parse, parse.GetValue(synthesizer)!, parse.GetValue(distribution)!, training, auto, parse.GetValue(metadata) is not null);
            LoadedTable loaded = TableLoader.Load(parse.GetValue(data)!, parse.GetValue(metadata), CliInputs.ReadOptions(parse.GetValue(delimiter)));
            SynthesizerModel model = Fit(context, loaded, fitter, parse.GetValue(seed));
            ModelFile.Save(model, target, parse.GetValue(force));
            context.Console.MarkupLineInterpolated($"Model written to [bold]{target}[/] ({new FileInfo(target).Length:N0} bytes). Sample it with: doppel sample {target} -n 1000 -o synthetic.csv");
        }));
        return command;
    }

    /// <summary>How a table is fitted: one synthesizer, or the best of several (<c>--synthesizer auto</c>).</summary>
    public delegate SynthesizerModel Fitter(LoadedTable loaded, FitOptions options, IProgress<FitProgress> progress);

    /// <summary>The fitter the options ask for; shared by fit and synth. Every option is checked before any data is read.</summary>
    public static Fitter Choose(CliContext context, ParseResult parse, string synthesizer, string distribution, TrainingOptions training, AutoSelectionOptions auto, bool metadataGiven)
    {
        TrainingRequest request = training.Read(parse);
        if (auto.IsAuto(parse, synthesizer))
        {
            if (!request.IsEmpty)
                throw new UsageException("--epochs, --patience, --set, --epsilon and --delta set one synthesizer's training; with --synthesizer auto, each candidate trains with its defaults.");
            AutoOptions options = auto.Read(parse);
            return (loaded, fit, progress) => AutoSynthesizer.Fit(loaded.Table, loaded.Metadata, options, fit, progress);
        }
        ISynthesizer chosen = CliInputs.Synthesizer(synthesizer, distribution, request);
        if (chosen is Synthesizers.Ctgan.CtganSynthesizer { Options: { } ctgan } && ctgan.BatchSize % ctgan.Pac != 0)
            context.Console.MarkupLineInterpolated($"[yellow]Note:[/] batchSize {ctgan.BatchSize} is not a multiple of pac {ctgan.Pac} (the critic judges whole packs), so each step uses {ctgan.Packing(int.MaxValue).BatchSize} rows.");
        return (loaded, fit, progress) =>
        {
            NoteDetectedBounds(context, chosen, loaded.Metadata, metadataGiven);
            return chosen.Fit(loaded.Table, loaded.Metadata, fit, progress);
        };
    }

    /// <summary>Fits with progress and reports the result; shared by fit, synth and demo.</summary>
    public static SynthesizerModel Fit(CliContext context, LoadedTable loaded, Fitter fitter, long seed)
    {
        var options = new FitOptions { Seed = seed, SourceName = loaded.SourceName, SourceSha256 = loaded.Sha256 };
        SynthesizerModel model = ProgressDisplay.Run(context, "Fitting", progress => fitter(loaded, options, new Forward(progress)));
        IReadOnlyList<AutoCandidate>? candidates = AutoSynthesizer.SelectionOf(model);
        if (candidates is not null)
            foreach (AutoCandidate c in candidates)
                context.Console.MarkupLineInterpolated($"  {c.Name,-16} {(c.Skipped is null ? $"score {c.Score:F3} (quality {c.Quality:F3}{(c.UtilityRatio is { } u ? $", utility {u:F3}" : "")}{(c.DcrShare is { } d ? $", DCR share {d:F3}" : "")}), {c.FitSeconds:F2} s" : c.Skipped)}");
        context.Console.MarkupLineInterpolated($"Fitted {SynthesizerRegistry.NameOf(model.Kind)}{(candidates is null ? "" : " (chosen by auto)")} on {loaded.SourceName}: {loaded.Table.RowCount:N0} rows × {loaded.Metadata.Columns.Count} columns in {model.Lineage.FitSeconds:F2} s.");
        // A pure-ε mechanism (δ = 0, e.g. PrivBayes) has no training steps to report.
        if (model.Learned is IPrivateModel { Privacy: { Delta: 0 } pure })
            context.Console.MarkupLineInterpolated($"Differential privacy (pure ε-DP, {pure.Accountant}): ε = {pure.Epsilon:G4} of {pure.EpsilonBudget} spent (δ = 0).");
        else if (model.Learned is IPrivateModel { Privacy: { } deep })
            context.Console.MarkupLineInterpolated($"Differential privacy: ε = {deep.Epsilon:F3} of {deep.EpsilonBudget} spent (δ = {deep.Delta:G3}) over {deep.Steps:N0} steps{(deep.BudgetExhausted ? "; the budget ran out and training stopped early" : "")}.");
        if (model.Learned is IPrivateModel { Privacy: not null }) NoteCategories(context, loaded, model);
        return model;
    }

    /// <summary>After a private fit: what became of the category lists (declared ones missing values of the data, undeclared ones under pure ε-DP, columns left with none).</summary>
    private static void NoteCategories(CliContext context, LoadedTable loaded, SynthesizerModel model)
    {
        // A declared list that misses values of the data (a typo, another spelling) turns those rows missing: say how many.
        foreach (Data.ColumnMetadata column in loaded.Metadata.Columns.Where(c => c.Categories is not null))
            if (loaded.Table[column.Name] is Data.CategoricalColumn data && OutsideDeclared(data, column.Categories!) is > 0 and int outside)
                context.Console.MarkupLineInterpolated($"[yellow]Note:[/] {outside:N0} of {data.Length:N0} rows of {column.Name} hold a value outside its declared categories, so the private fit treats them as missing. Check the list's spelling in metadata.json.");
        // Pure ε-DP cannot select category names: where the metadata declares no list, they came from the data.
        if (model.Learned is Synthesizers.BayesianNetwork.BayesNetModel
            && loaded.Metadata.Columns.Where(c => c.Type is Data.ColumnType.Categorical or Data.ColumnType.Boolean && c.Categories is null).Select(c => c.Name).ToArray() is { Length: > 0 } undeclared)
            context.Console.MarkupLineInterpolated($"[yellow]Note:[/] the categories of {string.Join(", ", undeclared)} were read from the data, which the ε guarantee does not cover (a value one row holds is named in the model). Declare each column's public list as \"categories\" in metadata.json and pass [bold]--metadata[/].");
        // Under a small ε a categorical column can keep no category at all; say so now rather than in an all-empty column later.
        TabularEncoder? encoder = (model.Learned as Synthesizers.IEncodedModel)?.Encoder;
        if (encoder is { ColumnsWithoutCategories: { Count: > 0 } empty })
            context.Console.MarkupLineInterpolated($"[yellow]Note:[/] no category of {string.Join(", ", empty)} was frequent enough to pass the privacy threshold, so those columns come out all missing. Raise --epsilon or fit more rows.");
    }

    /// <summary>Rows of <paramref name="data"/> whose (present) value is not in <paramref name="declared"/>.</summary>
    private static int OutsideDeclared(Data.CategoricalColumn data, IReadOnlyList<string> declared)
    {
        int[] position = data.PositionsIn(declared);
        return data.Codes.Count(code => code >= 0 && position[code] < 0);
    }

    /// <summary>
    /// A private fit bins numbers over the metadata's bounds; detected metadata takes them from the data, which the
    /// guarantee does not cover, so the user is told how to declare public ones (only when the table has numbers).
    /// </summary>
    public static void NoteDetectedBounds(CliContext context, ISynthesizer synthesizer, Data.Metadata metadata, bool metadataGiven)
    {
        bool isPrivate = synthesizer switch
        {
            Synthesizers.BayesianNetwork.BayesNetSynthesizer bayes => bayes.Options.Epsilon is not null,
            Synthesizers.Ctgan.CtganSynthesizer ctgan => ctgan.Options.Privacy is not null,
            Synthesizers.Tvae.TvaeSynthesizer tvae => tvae.Options.Privacy is not null,
            _ => false,
        };
        if (metadataGiven || !isPrivate || !metadata.Columns.Any(c => c.Type == Data.ColumnType.Numerical)) return;
        context.Console.MarkupLineInterpolated($"[yellow]Note:[/] the numerical bounds were detected from the data, so the bins of a private {SynthesizerRegistry.NameOf(synthesizer.Kind)} reveal each column's minimum and maximum. For the full ε guarantee, write metadata.json with [bold]doppel profile[/], set public bounds, and pass [bold]--metadata[/].");
    }

    private sealed class Forward(IProgress<(double, string)> target) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => target.Report((value.Fraction, value.Stage));
    }
}
