using System.CommandLine;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary>Options shared by several commands; each call makes a fresh option for one command.</summary>
internal static class CommonOptions
{
    public static Option<string> Output(string description, bool required = true) =>
        new("--output", "-o") { Description = description, Required = required };

    public static Option<string?> Postgres() =>
        new("--postgres") { Description = "Write to PostgreSQL instead of a file: a connection string such as \"Host=localhost;Port=5432;Username=postgres;Database=postgres\"." };

    public static Option<string?> Table() =>
        new("--table") { Description = "Database table to write (default: the SQLite file's name, or 'synthetic' in PostgreSQL). With an existing SQLite file, adds the table to it." };

    public static Option<bool> Force() =>
        new("--force") { Description = "Replace the output file (or database table) if it exists." };

    public static Option<long> Seed() =>
        new("--seed") { Description = "Seed of every random draw: the same seed gives the same bytes.", DefaultValueFactory = _ => 0 };

    public static Option<long?> Rows() =>
        new("--rows", "-n") { Description = "Number of rows to sample (required unless --conditions gives the counts)." };

    public static Option<string?> ConditionsFile() =>
        new("--conditions") { Description = "A CSV file of condition groups: a count column and one column per conditioned column (a value, or a bound like >=60); rows are written group by group." };

    public static Option<string[]> Conditions() =>
        new("--condition") { Description = "Sample only rows meeting this, e.g. --condition income='>50K' or --condition \"age>=60\" (repeatable).", Arity = ArgumentArity.ZeroOrMore };

    public static Option<string?> Shard() =>
        new("--shard") { Description = "Write only part i of N of the run (i/N, or auto/N from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)." };

    public static Option<string> Locale() =>
        new("--locale") { Description = "Locale of regenerated personal data (e.g. en, de, fr, en_GB).", DefaultValueFactory = _ => "en" };

    public static Option<int> Threads() =>
        new("--threads") { Description = "Threads to use (the output does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Option<string?> Metadata() =>
        new("--metadata") { Description = "metadata.json to use instead of detecting the columns (write one with `doppel profile`)." };

    /// <summary>--synthesizer: <c>fit</c> defaults to the copula (one model, fitted once), <c>synth</c> and <c>demo</c> to auto.</summary>
    public static Option<string> Synthesizer(string defaultName = "gaussian-copula") =>
        new("--synthesizer") { Description = $"Synthesizer to fit: {string.Join(", ", SynthesizerRegistry.All)}, or auto (fits the candidates on part of the rows, keeps the best on held-out rows).", DefaultValueFactory = _ => defaultName };

    public static Option<string> Distribution() =>
        new("--distribution") { Description = "Marginal for numerical and datetime columns: auto, normal, truncated-normal, beta, gamma, lognormal, uniform, empirical.", DefaultValueFactory = _ => "auto" };

    public static Option<string?> Delimiter() =>
        new("--delimiter") { Description = "CSV delimiter (default: detected among , ; tab |). Use 'tab' for a tab." };

    public static Argument<string> Data() =>
        new("data") { Description = "The data file (.csv, .tsv, .jsonl)." };
}
