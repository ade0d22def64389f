using System.CommandLine;
using Doppel.IO;
using Doppel.Neural;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel synth data.csv -n N -o out.csv</c>: fit and sample in one go.</summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> data = CommonOptions.Data();
        Option<long> rows = CommonOptions.Rows();
        Option<string> output = CommonOptions.Output("The file to write (.csv, .tsv, .jsonl).");
        Option<string?> metadata = CommonOptions.Metadata();
        Option<string> synthesizer = CommonOptions.Synthesizer();
        Option<string> distribution = CommonOptions.Distribution();
        var training = new TrainingOptions();
        Option<long> seed = CommonOptions.Seed();
        Option<string[]> conditions = CommonOptions.Conditions();
        Option<string> locale = CommonOptions.Locale();
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var command = new Command("synth", "Fit a synthesizer and sample from it in one go.")
            { data, rows, output, metadata, synthesizer, distribution, seed, conditions, locale, threads, force, delimiter };
        training.AddTo(command);
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var request = CliInputs.Request(parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(conditions), null, parse.GetValue(locale)!, parse.GetValue(threads));
            string target = parse.GetValue(output)!;
            AtomicFileWriter.CheckTarget(target, parse.GetValue(force));
            (int? epochs, PrivacyBudget? privacy) = training.Read(parse);
            ISynthesizer chosen = CliInputs.Synthesizer(parse.GetValue(synthesizer)!, parse.GetValue(distribution)!, epochs, privacy);
            LoadedTable loaded = TableLoader.Load(parse.GetValue(data)!, parse.GetValue(metadata), CliInputs.ReadOptions(parse.GetValue(delimiter)));
            SynthesizerModel model = FitCommand.Fit(context, loaded, chosen, parse.GetValue(seed));
            // The real table is at hand, so no regenerated PII value may equal one of its values.
            request = request with { ExcludedValues = SamplingRequest.RealPersonalValues(loaded.Table, loaded.Metadata) };
            Sampling.ToFile(context, model, request, target, parse.GetValue(force));
            Summary.Render(context, loaded, target);
        }));
        return command;
    }
}
