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
        Option<long?> rows = CommonOptions.Rows();
        Option<string> output = CommonOptions.Output("The file to write (.csv, .tsv, .jsonl; .db, .sqlite, .sqlite3 for SQLite).", required: false);
        Option<string?> postgres = CommonOptions.Postgres();
        Option<string?> table = CommonOptions.Table();
        Option<string?> metadata = CommonOptions.Metadata();
        Option<string> synthesizer = CommonOptions.Synthesizer(AutoSelectionOptions.AutoName);
        Option<string> distribution = CommonOptions.Distribution();
        var training = new TrainingOptions();
        var auto = new AutoSelectionOptions();
        Option<long> seed = CommonOptions.Seed();
        Option<string[]> conditions = CommonOptions.Conditions();
        Option<string?> conditionsFile = CommonOptions.ConditionsFile();
        Option<string> locale = CommonOptions.Locale();
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var command = new Command("synth", "Fit a synthesizer and sample from it in one go.")
            { data, rows, output, metadata, synthesizer, distribution, seed, conditions, conditionsFile, locale, threads, force, delimiter, postgres, table };
        training.AddTo(command);
        auto.AddTo(command);
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            var request = CliInputs.Request(parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(conditions), parse.GetValue(conditionsFile), null, parse.GetValue(locale)!, parse.GetValue(threads));
            Sinks target = Sinks.From(parse.GetValue(output), parse.GetValue(postgres), parse.GetValue(table), parse.GetValue(force));
            target.Check();
            FitCommand.Fitter fitter = FitCommand.Choose(context, parse, parse.GetValue(synthesizer)!, parse.GetValue(distribution)!, training, auto, parse.GetValue(metadata) is not null);
            LoadedTable loaded = TableLoader.Load(parse.GetValue(data)!, parse.GetValue(metadata), CliInputs.ReadOptions(parse.GetValue(delimiter)));
            SynthesizerModel model = FitCommand.Fit(context, loaded, fitter, parse.GetValue(seed));
            // The real table is at hand, so no regenerated PII value may equal one of its values.
            request = request with { ExcludedValues = SamplingRequest.RealPersonalValues(loaded.Table, loaded.Metadata) };
            Sampling.ToOutput(context, model, request, target);
            Summary.Render(context, loaded, target.IsFile ? target.File! : null, model, request);
        }));
        return command;
    }
}
