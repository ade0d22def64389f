using System.CommandLine;
using Doppel.Balancing;
using Doppel.IO;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel balance data.csv --target label -o balanced.csv</c>: oversample the smaller classes.</summary>
internal static class BalanceCommand
{
    private static readonly Dictionary<string, BalanceMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["smote"] = BalanceMethod.Smote,
        ["smote-nc"] = BalanceMethod.SmoteNc,
        ["borderline"] = BalanceMethod.Borderline,
        ["adasyn"] = BalanceMethod.Adasyn,
        ["random"] = BalanceMethod.Random,
        ["synthesizer"] = BalanceMethod.Synthesizer,
    };

    public static Command Create(CliContext context)
    {
        Argument<string> data = CommonOptions.Data();
        var target = new Option<string>("--target") { Description = "The class column to balance.", Required = true };
        var method = new Option<string>("--method") { Description = "smote, smote-nc (default; mixed types), borderline, adasyn, random or synthesizer.", DefaultValueFactory = _ => "smote-nc" };
        var ratio = new Option<double>("--ratio") { Description = "Grow each smaller class to this share of the largest (0 < ratio <= 1).", DefaultValueFactory = _ => 1.0 };
        var k = new Option<int>("--k") { Description = "Neighbours for the SMOTE family.", DefaultValueFactory = _ => 5 };
        var flag = new Option<string?>("--flag-column") { Description = "Add a boolean column of this name marking the new rows." };
        Option<string> output = CommonOptions.Output("The file to write: the original rows, then the new ones (.csv, .tsv, .jsonl).");
        Option<string?> metadata = CommonOptions.Metadata();
        Option<long> seed = CommonOptions.Seed();
        Option<bool> force = CommonOptions.Force();
        Option<string?> delimiter = CommonOptions.Delimiter();
        var command = new Command("balance", "Oversample the smaller classes of a column (SMOTE family, random copies or a synthesizer).")
            { data, target, method, ratio, k, flag, output, metadata, seed, force, delimiter };
        command.SetAction(parse => CliApp.Guard(context, () =>
        {
            string name = parse.GetValue(method)!;
            if (!Methods.TryGetValue(name, out BalanceMethod chosen))
                throw new UsageException($"Unknown method '{name}'. Available: {string.Join(", ", Methods.Keys)}.");
            var options = new BalanceOptions { Method = chosen, Ratio = parse.GetValue(ratio), K = parse.GetValue(k), Seed = parse.GetValue(seed), FlagColumn = parse.GetValue(flag) };
            string path = parse.GetValue(output)!;
            AtomicFileWriter.CheckTarget(path, parse.GetValue(force));
            LoadedTable loaded = TableLoader.Load(parse.GetValue(data)!, parse.GetValue(metadata), CliInputs.ReadOptions(parse.GetValue(delimiter)));
            var (table, resultMetadata, added) = Balancer.Balance(loaded.Table, loaded.Metadata, parse.GetValue(target)!, options);
            FileTableSink.WriteTable(path, table, resultMetadata, parse.GetValue(force));
            foreach (var (label, rows) in added)
                context.Console.MarkupLineInterpolated($"Class [bold]{label}[/]: {rows:N0} new rows ({name}).");
            context.Console.MarkupLineInterpolated($"Wrote {table.RowCount:N0} rows ({loaded.Table.RowCount:N0} original) to [bold]{path}[/].");
        }));
        return command;
    }
}
