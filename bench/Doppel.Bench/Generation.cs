using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using Doppel.Data;
using Doppel.Generation;
using Doppel.IO;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Bench;

/// <summary>
/// Schema generation throughput: a 10-column person table to CSV with 1 and 2 threads, against Bogus
/// <c>Faker&lt;T&gt;.Generate</c> of the same record type measured in the same run (generation only, no file).
/// </summary>
public static class GenerationBench
{
    /// <summary>The record Bogus fills; the schema below declares the same ten columns.</summary>
    public sealed class Person
    {
        public long Id { get; set; }
        public string FirstName { get; set; } = "";
        public string LastName { get; set; } = "";
        public string Email { get; set; } = "";
        public string Phone { get; set; } = "";
        public DateTime BirthDate { get; set; }
        public string City { get; set; } = "";
        public string Country { get; set; } = "";
        public decimal Salary { get; set; }
        public DateTime Signup { get; set; }
    }

    public const string Schema = """
        tables:
          people:
            rows: 1000000
            columns:
              id: sequence
              first_name: first_name
              last_name: last_name
              email: email
              phone: phone
              birth_date: { type: date, min: 1950-01-01, max: 2005-12-31 }
              city: city
              country: country
              salary: { type: lognormal, mu: 10.8, sigma: 0.4, decimals: 2 }
              signup: { type: datetime, min: 2015-01-01, max: 2025-06-30 }
        """;

    public sealed record Result(string Machine, string LoadBefore, string LoadAfter, long Rows, double BogusRowsPerSecond,
        double DoppelGenerateOnlyRowsPerSecond1, double DoppelEncodeNoFileRowsPerSecond1, double DoppelCsvRowsPerSecond1, double DoppelCsvRowsPerSecond2, double RatioCsv2VsBogus, double RatioCsv1VsBogus, long CsvBytes, double? DoppelPostgresRowsPerSecond2);

    public static int Run(string resultsFolder, long rows)
    {
        Directory.CreateDirectory(resultsFolder);
        string loadBefore = Load();
        double bogus = Bogus(Math.Min(rows, 300_000));
        double generateOnly = Doppel(rows, threads: 1, csv: false, out _);
        double encodeOnly = Doppel(rows, threads: 1, csv: false, out _, encode: true);
        double csv1 = Doppel(rows, threads: 1, csv: true, out long bytes);
        double csv2 = Doppel(rows, threads: 2, csv: true, out _);
        string? postgres = Environment.GetEnvironmentVariable("DOPPEL_POSTGRES");
        double? pg = postgres is null ? null : Postgres(rows, postgres);
        var result = new Result($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}", loadBefore, Load(), rows,
            bogus, generateOnly, encodeOnly, csv1, csv2, csv2 / bogus, csv1 / bogus, bytes, pg);
        Console.WriteLine($"Bogus Faker<Person>.Generate    {bogus,12:N0} rows/s (1 thread; it takes a global lock per draw)");
        Console.WriteLine($"Doppel generate only (1 thread) {generateOnly,12:N0} rows/s");
        Console.WriteLine($"Doppel CSV bytes, no file (1)   {encodeOnly,12:N0} rows/s");
        Console.WriteLine($"Doppel → CSV, 1 thread          {csv1,12:N0} rows/s  ({csv1 / bogus:F1}× Bogus)");
        Console.WriteLine($"Doppel → CSV, 2 threads         {csv2,12:N0} rows/s  ({csv2 / bogus:F1}× Bogus)");
        Console.WriteLine(pg is { } p ? $"Doppel → PostgreSQL, 2 threads   {p,12:N0} rows/s  (binary COPY, primary key built after loading)" : "PostgreSQL: set DOPPEL_POSTGRES to measure it.");
        Console.WriteLine($"load before {loadBefore}, after {result.LoadAfter}");
        Write(resultsFolder, result);
        return 0;
    }

    private static double Bogus(long rows)
    {
        Randomizer.Seed = new Random(42);
        var faker = new Faker<Person>()
            .RuleFor(p => p.Id, f => f.IndexFaker + 1)
            .RuleFor(p => p.FirstName, f => f.Name.FirstName())
            .RuleFor(p => p.LastName, f => f.Name.LastName())
            .RuleFor(p => p.Email, (f, p) => f.Internet.Email(p.FirstName, p.LastName))
            .RuleFor(p => p.Phone, f => f.Phone.PhoneNumber())
            .RuleFor(p => p.BirthDate, f => f.Date.Between(new DateTime(1950, 1, 1), new DateTime(2005, 12, 31)).Date)
            .RuleFor(p => p.City, f => f.Address.City())
            .RuleFor(p => p.Country, f => f.Address.Country())
            .RuleFor(p => p.Salary, f => Math.Round((decimal)Math.Exp(10.8 + 0.4 * f.Random.Double(-3, 3)), 2))
            .RuleFor(p => p.Signup, f => f.Date.Between(new DateTime(2015, 1, 1), new DateTime(2025, 6, 30)));
        faker.Generate(20_000); // warm-up
        var clock = Stopwatch.StartNew();
        long made = 0;
        while (made < rows)
        {
            made += faker.Generate(10_000).Count;
        }
        return made / clock.Elapsed.TotalSeconds;
    }

    private static double Doppel(long rows, int threads, bool csv, out long bytes, bool encode = false)
    {
        GenerationPlan plan = GenerationSchema.Parse(Schema).Compile(new GenerationOptions { Seed = 1, Rows = rows, MaxThreads = threads });
        string path = Path.Combine(Path.GetTempPath(), $"doppel-generation-bench-{Environment.ProcessId}.csv");
        // Long enough for tiered compilation to reach optimised code and for the locale data to load.
        GenerationPlan warm = GenerationSchema.Parse(Schema).Compile(new GenerationOptions { Rows = 200_000, MaxThreads = threads });
        using (var warmSink = new DiscardSink(new FileTableSink(path, warm["people"].Metadata, overwrite: true))) warm.Write("people", warmSink);
        var clock = Stopwatch.StartNew();
        bytes = 0;
        if (csv)
        {
            using var sink = new FileTableSink(path, plan["people"].Metadata, overwrite: true);
            plan.Write("people", sink);
            sink.Commit();
            bytes = new FileInfo(path).Length;
            File.Delete(path);
        }
        else
        {
            using var sink = new DiscardSink(encode ? new FileTableSink(path, plan["people"].Metadata, overwrite: true) : null);
            plan.Write("people", sink);
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static double Postgres(long rows, string connection)
    {
        GenerationPlan plan = GenerationSchema.Parse(Schema).Compile(new GenerationOptions { Seed = 1, Rows = rows, MaxThreads = 2 });
        const string table = "doppel_generation_bench";
        try
        {
            var clock = Stopwatch.StartNew();
            using (var sink = global::Doppel.Data.Postgres.PostgresTableSink.Open(connection, table, plan["people"].Metadata, overwrite: true))
            {
                plan.Write("people", sink);
                sink.Commit();
            }
            return rows / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            global::Doppel.Data.Postgres.PostgresTableSink.DropTables(connection, [table]);
        }
    }

    /// <summary>Consumes blocks without writing them (optionally encoding them as CSV): measures generation, or generation and encoding.</summary>
    private sealed class DiscardSink(FileTableSink? encoder) : ITableSink<int>
    {
        public int Encode(Table block) => encoder is null ? block.RowCount : encoder.Encode(block).Length;
        public void Write(int encoded) { }
        public void Commit() { }
        public void Dispose() => encoder?.Dispose();
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Write(string folder, Result result)
    {
        File.WriteAllText(Path.Combine(folder, "generation.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var md = new StringBuilder();
        md.AppendLine("# Schema generation throughput");
        md.AppendLine();
        md.AppendLine("`dotnet run -c Release --project bench/Doppel.Bench -- generate`: a 10-column person table (id, first name, last name, email, phone,");
        md.AppendLine("birth date, city, country, salary, signup timestamp) written to CSV, against Bogus `Faker<Person>.Generate` of the same");
        md.AppendLine("record type in the same run (Bogus generates objects only; it writes no file).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {result.Machine}. Load average (1, 5, 15 min) before: {result.LoadBefore}; after: {result.LoadAfter}.");
        md.AppendLine();
        md.AppendLine("| measure | rows/s | × Bogus |");
        md.AppendLine("|---|---:|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Bogus `Faker<Person>.Generate` (objects, 1 thread) | {result.BogusRowsPerSecond:N0} | 1.0 |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Doppel, generation only, 1 thread | {result.DoppelGenerateOnlyRowsPerSecond1:N0} | {result.DoppelGenerateOnlyRowsPerSecond1 / result.BogusRowsPerSecond:F1} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Doppel, generation + CSV encoding, no file, 1 thread | {result.DoppelEncodeNoFileRowsPerSecond1:N0} | {result.DoppelEncodeNoFileRowsPerSecond1 / result.BogusRowsPerSecond:F1} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Doppel → CSV, 1 thread | {result.DoppelCsvRowsPerSecond1:N0} | {result.RatioCsv1VsBogus:F1} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Doppel → CSV, 2 threads | {result.DoppelCsvRowsPerSecond2:N0} | {result.RatioCsv2VsBogus:F1} |");
        if (result.DoppelPostgresRowsPerSecond2 is { } pg)
            md.AppendLine(CultureInfo.InvariantCulture, $"| Doppel → PostgreSQL (binary COPY, loopback), 2 threads | {pg:N0} | {pg / result.BogusRowsPerSecond:F1} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{result.Rows:N0} rows, {result.CsvBytes / 1e6:F0} MB of CSV. The file rows include writing the temporary file and flushing it to disk (fsync) before the rename.");
        md.AppendLine("The machine is shared: with a load average far above the core count, these numbers are pessimistic and vary from run to run,");
        md.AppendLine("and a second thread cannot help when no second core is free.");
        File.WriteAllText(Path.Combine(folder, "generation.md"), md.ToString());
    }
}
