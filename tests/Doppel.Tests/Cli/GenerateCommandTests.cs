namespace Doppel.Tests.Cli;

public class GenerateCommandTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "people.yaml");

    [Fact]
    public void Generate_writes_one_file_per_table_and_the_same_bytes_for_any_thread_count()
    {
        using var folder = new TempFolder();
        string one = Path.Combine(folder.Path, "one"), two = Path.Combine(folder.Path, "two");
        var first = CliRunner.Run("generate", Example, "-n", "500", "-o", one, "--threads", "1", "--seed", "3");
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldContain("customers: 500 rows");
        CliRunner.Run("generate", Example, "-n", "500", "-o", two, "--threads", "2", "--seed", "3").ExitCode.ShouldBe(0);
        foreach (string table in new[] { "customers", "orders", "order_items" })
            File.ReadAllBytes(Path.Combine(two, table + ".csv")).ShouldBe(File.ReadAllBytes(Path.Combine(one, table + ".csv")), table);
        File.ReadLines(Path.Combine(one, "customers.csv")).First().ShouldBe("id,first_name,last_name,email,phone,birth_date,city,country,vat_id,salary,signup,segment");

        var again = CliRunner.Run("generate", Example, "-n", "500", "-o", one);
        again.ExitCode.ShouldBe(2);
        again.Error.ShouldContain("--force");
    }

    [Fact]
    public void Schema_errors_exit_3_listing_every_problem_and_write_nothing()
    {
        using var folder = new TempFolder();
        string schema = folder.Write("bad.yaml", """
            tables:
              orders:
                rows: 10
                columns:
                  price: { type: uniform, min: 1, max: 2 }
                  total: price * qty
                  who: { type: reference, table: customers }
                  name: { type: fullname }
            """);
        string output = Path.Combine(folder.Path, "out");
        var result = CliRunner.Run("generate", schema, "-o", output);
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("tables.orders.columns.total: unknown column 'qty' in expression");
        result.Error.ShouldContain("tables.orders.columns.who: references table 'customers'");
        result.Error.ShouldContain("tables.orders.columns.name: unknown generator 'fullname'");
        Directory.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public void Jsonl_format_and_shards_name_their_files()
    {
        using var folder = new TempFolder();
        string schema = folder.Write("s.json", """{ "tables": { "t": { "rows": 20, "columns": { "id": "sequence", "ok": { "type": "boolean" }, "x": { "type": "uniform", "min": 0, "max": 1 } } } } }""");
        string output = Path.Combine(folder.Path, "out");
        foreach (string shard in new[] { "0/2", "1/2" })
        {
            var result = CliRunner.Run("generate", schema, "-o", output, "--format", "jsonl", "--shard", shard);
            result.ExitCode.ShouldBe(0, result.ToString());
        }
        // 20 rows make one block of 8,192: shard 0 of 2 owns no block and shard 1 owns it.
        File.ReadAllLines(Path.Combine(output, "t.part-0-of-2.jsonl")).ShouldBeEmpty();
        string[] lines = File.ReadAllLines(Path.Combine(output, "t.part-1-of-2.jsonl"));
        lines.Length.ShouldBe(20);
        lines[0].ShouldStartWith("{\"id\":\"1\",\"ok\":");
        CliRunner.Run("generate", schema, "-o", output, "--format", "xml").ExitCode.ShouldBe(2);
    }
}
