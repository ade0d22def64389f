using System.CommandLine;
using Doppel.Models;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel sample model.doppel -n N -o out.csv</c>: stream rows from a saved model.</summary>
internal static class SampleCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The model file (.doppel) written by `doppel fit`." };
        Option<long?> rows = CommonOptions.Rows();
        Option<string> output = CommonOptions.Output("The file to write (.csv, .tsv, .jsonl; .db, .sqlite, .sqlite3 for SQLite).", required: false);
        Option<string?> postgres = CommonOptions.Postgres();
        Option<string?> table = CommonOptions.Table();
        Option<long> seed = CommonOptions.Seed();
        Option<string[]> conditions = CommonOptions.Conditions();
        Option<string?> conditionsFile = CommonOptions.ConditionsFile();
        Option<string?> shard = CommonOptions.Shard();
        Option<string> locale = CommonOptions.Locale();
        Option<int> threads = CommonOptions.Threads();
        Option<bool> force = CommonOptions.Force();
        var command = new Command("sample", "Sample rows from a saved model.") { modelPath, rows, output, seed, conditions, conditionsFile, shard, locale, threads, force, postgres, table };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            Sinks sinks = Sinks.From(parse.GetValue(output), parse.GetValue(postgres), parse.GetValue(table), parse.GetValue(force));
            var request = CliInputs.Request(parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(conditions), parse.GetValue(conditionsFile), parse.GetValue(shard), parse.GetValue(locale)!, parse.GetValue(threads));
            SynthesizerModel model = ModelFile.Load(parse.GetValue(modelPath)!);
            sinks.Check();
            Sampling.ToOutput(context, model, request, sinks);
        }));
        return command;
    }
}
