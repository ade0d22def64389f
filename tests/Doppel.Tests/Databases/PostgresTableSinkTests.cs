using Doppel.Data;
using Doppel.Data.Postgres;
using Doppel.IO;
using Doppel.Synthesizers.Sampling;
using Doppel.Tests.Cli;
using Npgsql;

namespace Doppel.Tests.Databases;

public class PostgresTableSinkTests
{
    private static string Server => PostgresFactAttribute.ConnectionString!;

    /// <summary>A table name no other test uses, dropped when the test ends.</summary>
    private sealed class ScratchTable : IDisposable
    {
        public string Name { get; } = "doppel_test_" + Guid.NewGuid().ToString("N")[..12];

        public void Dispose() => Execute($"DROP TABLE IF EXISTS \"{Name}\"");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static List<object?[]> Query(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int c = 0; c < row.Length; c++) row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            rows.Add(row);
        }
        return rows;
    }

    private static bool Exists(string table) => (bool)Query($"SELECT to_regclass('\"{table}\"') IS NOT NULL")[0][0]!;

    [PostgresFact]
    public void Sample_into_postgres_holds_the_same_values_as_the_csv_of_the_same_seed()
    {
        using var folder = new TempFolder();
        using var table = new ScratchTable();
        string model = DatabaseTestModel.Save(folder);
        var result = CliRunner.Run("sample", model, "-n", "20000", "--seed", "5", "--postgres", Server, "--table", table.Name);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain($"Wrote 20,000 rows to PostgreSQL table {table.Name}");
        CliRunner.Run("sample", model, "-n", "20000", "--seed", "5", "-o", folder.File("out.csv")).ExitCode.ShouldBe(0);

        Query($"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table.Name}' ORDER BY ordinal_position")
            .Select(r => $"{r[0]} {r[1]}").ShouldBe([
                "id text", "x double precision", "y double precision", "count bigint", "group text", "flag boolean", "when date",
                "email text", "local timestamp without time zone", "stamp timestamp with time zone"]);
        Query($"SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '\"{table.Name}\"'::regclass AND i.indisprimary")
            .Single()[0].ShouldBe("id");

        // Ids are unique: order both sides by them (byte order, whatever the server's collation).
        List<object?[]> rows = Query($"SELECT * FROM \"{table.Name}\" ORDER BY id COLLATE \"C\"");
        RawTable csv = CsvTableReader.Read(folder.File("out.csv"));
        int idColumn = csv.IndexOf("id");
        int[] order = [.. Enumerable.Range(0, csv.RowCount).OrderBy(r => csv.Columns[idColumn][r], StringComparer.Ordinal)];
        var sorted = new RawTable(csv.Source, csv.Names, [.. csv.Columns.Select(column => order.Select(r => column[r]).ToArray())], csv.LineNumbers);
        DatabaseTestModel.ShouldMatchCsv(rows, sorted, DatabaseTestModel.Model.Metadata);
    }

    [PostgresFact]
    public void A_failure_mid_way_leaves_no_table()
    {
        using var table = new ScratchTable();
        using (var sink = new FailingSink<byte[]>(PostgresTableSink.Open(Server, table.Name, DatabaseTestModel.Model.Metadata), failAtBlock: 2))
            Should.Throw<IOException>(() => DatabaseTestModel.Model.Sample(sink, new SamplingRequest(30_000) { Seed = 1 }));
        Exists(table.Name).ShouldBeFalse();
    }

    [PostgresFact]
    public void An_existing_table_is_replaced_only_with_force_and_a_failed_replacement_keeps_it()
    {
        using var folder = new TempFolder();
        using var table = new ScratchTable();
        string model = DatabaseTestModel.Save(folder);
        CliRunner.Run("sample", model, "-n", "10", "--postgres", Server, "--table", table.Name).ExitCode.ShouldBe(0);

        var refused = CliRunner.Run("sample", model, "-n", "30", "--postgres", Server, "--table", table.Name);
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain($"already has a table {table.Name}");
        refused.Error.ShouldContain("--force");

        using (var sink = new FailingSink<byte[]>(PostgresTableSink.Open(Server, table.Name, DatabaseTestModel.Model.Metadata, overwrite: true), failAtBlock: 1))
            Should.Throw<IOException>(() => DatabaseTestModel.Model.Sample(sink, new SamplingRequest(20_000) { Seed = 1 }));
        Query($"SELECT count(*) FROM \"{table.Name}\"")[0][0].ShouldBe(10L);

        var replaced = CliRunner.Run("sample", model, "-n", "30", "--postgres", Server, "--table", table.Name, "--force");
        replaced.ExitCode.ShouldBe(0, replaced.ToString());
        Query($"SELECT count(*) FROM \"{table.Name}\"")[0][0].ShouldBe(30L);
    }

    [PostgresFact]
    public void Synth_writes_postgres_and_summarizes_the_same_rows()
    {
        using var folder = new TempFolder();
        using var table = new ScratchTable();
        string input = folder.Write("in.csv", "age,plan,member\n31,gold,yes\n45,basic,no\n28,gold,yes\n52,silver,no\n33,basic,no\n41,gold,yes\n");
        var result = CliRunner.Run("synth", input, "-n", "200", "--postgres", Server, "--table", table.Name);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Column shapes");
        Query($"SELECT count(*), count(DISTINCT plan), bool_or(member) AND NOT bool_and(member) FROM \"{table.Name}\"")[0].ShouldBe([200L, 3L, true]);
    }

    [Fact]
    public void An_unreachable_server_is_a_clear_error_with_exit_code_3()
    {
        using var folder = new TempFolder();
        string model = DatabaseTestModel.Save(folder);
        // Port 1 on the loopback refuses connections at once.
        var result = CliRunner.Run("sample", model, "-n", "10", "--postgres", "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=3");
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("Cannot connect to PostgreSQL at 127.0.0.1:1 (database 'nothing', user 'nobody')");
    }

    [Fact]
    public void A_malformed_connection_string_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("sample", DatabaseTestModel.Save(folder), "-n", "10", "--postgres", "Hostess=x;Frobnicate=1");
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("connection string is not valid");
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("Sales.Orders", "\"Sales\".\"Orders\"")]
    [InlineData("we\"ird", "\"we\"\"ird\"")]
    public void Table_names_are_quoted_and_may_name_a_schema(string table, string quoted) =>
        PostgresTableSink.Qualify(table).ShouldBe(quoted);
}

public class PostgresForeignKeyTests
{
    private static Metadata Keys(string name, bool primary) =>
        new([new ColumnMetadata(name, ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }], primary ? name : null);

    private static void Write(string table, Metadata metadata, double[] values, IReadOnlyList<ForeignKey>? foreignKeys = null)
    {
        using var sink = PostgresTableSink.Open(PostgresFactAttribute.ConnectionString!, table, metadata, foreignKeys: foreignKeys);
        sink.Write(sink.Encode(new Table([new NumericColumn(metadata.Columns[0].Name, values)])));
        sink.Commit();
    }

    private static object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    [PostgresFact]
    public void A_child_table_references_its_parent_and_a_dangling_key_leaves_no_table()
    {
        string suffix = Guid.NewGuid().ToString("N")[..12];
        string parent = "doppel_parent_" + suffix, child = "doppel_child_" + suffix, orphan = "doppel_orphan_" + suffix;
        try
        {
            Write(parent, Keys("id", primary: true), [1, 2, 3]);
            Write(child, Keys("parent_id", primary: false), [1, 3, 3, double.NaN], [new ForeignKey("parent_id", parent, "id")]);
            Scalar($"SELECT count(*) FROM information_schema.table_constraints WHERE table_name = '{child}' AND constraint_type = 'FOREIGN KEY'").ShouldBe(1L);

            var error = Should.Throw<OutputException>(() => Write(orphan, Keys("parent_id", primary: false), [1, 4], [new ForeignKey("parent_id", parent, "id")]));
            error.Message.ShouldContain("foreign key");
            Scalar($"SELECT to_regclass('{orphan}') IS NULL").ShouldBe(true);
        }
        finally
        {
            Scalar($"DROP TABLE IF EXISTS {orphan}, {child}, {parent}");
        }
    }
}
