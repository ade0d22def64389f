using Doppel.Data;
using Doppel.Data.Sqlite;
using Doppel.IO;
using Doppel.Synthesizers.Sampling;
using Doppel.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace Doppel.Tests.Databases;

public class SqliteTableSinkTests
{
    private static List<object?[]> ReadAll(string path, string table, out List<(string Name, string Type)> schema)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        schema = [];
        using (SqliteCommand info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}') ORDER BY cid";
            using SqliteDataReader reader = info.ExecuteReader();
            while (reader.Read()) schema.Add((reader.GetString(0), reader.GetString(1)));
        }
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        var rows = new List<object?[]>();
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (int c = 0; c < row.Length; c++) row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                rows.Add(row);
            }
        }
        return rows;
    }

    private static string[] Tables(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using SqliteDataReader reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return [.. names];
    }

    [Fact]
    public void Sample_into_a_db_file_holds_the_same_values_as_the_csv_of_the_same_seed()
    {
        using var folder = new TempFolder();
        string model = DatabaseTestModel.Save(folder);
        // 20,000 rows = three blocks, so block order matters.
        var db = CliRunner.Run("sample", model, "-n", "20000", "--seed", "5", "-o", folder.File("out.db"));
        db.ExitCode.ShouldBe(0, db.ToString());
        db.Output.ShouldContain("Wrote 20,000 rows to table out in");
        CliRunner.Run("sample", model, "-n", "20000", "--seed", "5", "-o", folder.File("out.csv")).ExitCode.ShouldBe(0);

        List<object?[]> rows = ReadAll(folder.File("out.db"), "out", out var schema);
        schema.ShouldBe([("id", "TEXT"), ("x", "REAL"), ("y", "REAL"), ("count", "INTEGER"), ("group", "TEXT"), ("flag", "TEXT"), ("when", "TEXT"), ("email", "TEXT"), ("local", "TEXT"), ("stamp", "TEXT")]);
        DatabaseTestModel.ShouldMatchCsv(rows, CsvTableReader.Read(folder.File("out.csv")), DatabaseTestModel.Model.Metadata);
        // Datetimes are ISO 8601 text: dates, local timestamps, and UTC instants marked Z.
        rows[0][6].ShouldBeOfType<string>().ShouldMatch(@"^\d{4}-\d\d-\d\d$");
        rows[0][8].ShouldBeOfType<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$");
        rows[0][9].ShouldBeOfType<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$");
        folder.Files().ShouldBe(["model.doppel", "out.csv", "out.db"]);
    }

    [Fact]
    public void The_primary_key_of_the_metadata_is_the_tables()
    {
        using var folder = new TempFolder();
        string path = folder.File("keys.db");
        using (var sink = SqliteTableSink.CreateFile(path, "people", DatabaseTestModel.Model.Metadata))
            DatabaseTestModel.Model.Sample(sink, new SamplingRequest(100) { Seed = 1 });
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('people') WHERE pk = 1";
        command.ExecuteScalar().ShouldBe("id");
    }

    [Fact]
    public void A_failure_mid_way_leaves_no_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("broken.db");
        using (var sink = new FailingSink<DatabaseBlock>(SqliteTableSink.CreateFile(path, "t", DatabaseTestModel.Model.Metadata), failAtBlock: 2))
            Should.Throw<IOException>(() => DatabaseTestModel.Model.Sample(sink, new SamplingRequest(30_000) { Seed = 1 }));
        folder.Files().ShouldBeEmpty();
    }

    [Fact]
    public void A_failure_mid_way_leaves_an_existing_database_without_the_new_table()
    {
        using var folder = new TempFolder();
        string path = folder.File("shop.db");
        using (var first = SqliteTableSink.CreateFile(path, "first", DatabaseTestModel.Model.Metadata))
            DatabaseTestModel.Model.Sample(first, new SamplingRequest(50) { Seed = 1 });
        using (var sink = new FailingSink<DatabaseBlock>(SqliteTableSink.AddTable(path, "second", DatabaseTestModel.Model.Metadata), failAtBlock: 2))
            Should.Throw<IOException>(() => DatabaseTestModel.Model.Sample(sink, new SamplingRequest(30_000) { Seed = 1 }));
        Tables(path).ShouldBe(["first"]);
        ReadAll(path, "first", out _).Count.ShouldBe(50);
        folder.Files().ShouldBe(["shop.db"]);
    }

    [Fact]
    public void A_table_is_added_to_an_existing_file_and_replaced_only_with_force()
    {
        using var folder = new TempFolder();
        string model = DatabaseTestModel.Save(folder);
        string db = folder.File("shop.db");
        CliRunner.Run("sample", model, "-n", "10", "-o", db).ExitCode.ShouldBe(0);
        var added = CliRunner.Run("sample", model, "-n", "20", "-o", db, "--table", "more");
        added.ExitCode.ShouldBe(0, added.ToString());
        Tables(db).ShouldBe(["more", "shop"]);

        var refused = CliRunner.Run("sample", model, "-n", "30", "-o", db, "--table", "MORE");
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("already has a table 'MORE'");
        refused.Error.ShouldContain("--force");
        ReadAll(db, "more", out _).Count.ShouldBe(20);

        var replaced = CliRunner.Run("sample", model, "-n", "30", "-o", db, "--table", "more", "--force");
        replaced.ExitCode.ShouldBe(0, replaced.ToString());
        ReadAll(db, "more", out _).Count.ShouldBe(30);
        ReadAll(db, "shop", out _).Count.ShouldBe(10);
    }

    [Fact]
    public void An_existing_file_is_not_overwritten_without_force()
    {
        using var folder = new TempFolder();
        string model = DatabaseTestModel.Save(folder);
        string db = folder.File("out.sqlite");
        CliRunner.Run("sample", model, "-n", "10", "-o", db).ExitCode.ShouldBe(0);
        byte[] before = File.ReadAllBytes(db);
        var refused = CliRunner.Run("sample", model, "-n", "99", "-o", db);
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("already exists");
        File.ReadAllBytes(db).ShouldBe(before);
        var forced = CliRunner.Run("sample", model, "-n", "99", "-o", db, "--force");
        forced.ExitCode.ShouldBe(0, forced.ToString());
        ReadAll(db, "out", out _).Count.ShouldBe(99);
        folder.Files().ShouldBe(["model.doppel", "out.sqlite"]);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_clear_error()
    {
        using var folder = new TempFolder();
        string model = DatabaseTestModel.Save(folder);
        string db = folder.Write("notes.db", "these are notes, not a database, and long enough to fill a header page of sixteen bytes\n");
        var result = CliRunner.Run("sample", model, "-n", "10", "-o", db, "--table", "t");
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("notes.db");
        result.Error.ShouldContain("not a database");
    }

    [Fact]
    public void Synth_writes_sqlite_and_summarizes_the_same_rows()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", "age,plan\n31,gold\n45,basic\n28,gold\n52,silver\n33,basic\n41,gold\n");
        var result = CliRunner.Run("synth", input, "-n", "200", "-o", folder.File("synthetic.db"), "--table", "people");
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Column shapes");
        ReadAll(folder.File("synthetic.db"), "people", out var schema).Count.ShouldBe(200);
        schema.ShouldBe([("age", "INTEGER"), ("plan", "TEXT")]);
    }

    [Theory]
    [InlineData("--table", "t")]
    [InlineData("--postgres", "Host=127.0.0.1")]
    public void Bad_output_combinations_are_usage_errors(string option, string value)
    {
        using var folder = new TempFolder();
        string model = DatabaseTestModel.Save(folder);
        var result = CliRunner.Run("sample", model, "-n", "10", "-o", folder.File("out.csv"), option, value);
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain(option);
        folder.Files().ShouldBe(["model.doppel"]);
    }

    [Fact]
    public void No_output_at_all_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("sample", DatabaseTestModel.Save(folder), "-n", "10");
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--postgres");
    }

    [Fact]
    public void A_table_added_to_a_file_declares_its_foreign_keys()
    {
        using var folder = new TempFolder();
        string path = folder.File("shop.db");
        var parent = new Metadata([new ColumnMetadata("id", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }], primaryKey: "id");
        var child = new Metadata([new ColumnMetadata("customer", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }]);
        using (var sink = SqliteTableSink.CreateFile(path, "customers", parent))
        {
            sink.Write(sink.Encode(new Table([new NumericColumn("id", [1, 2])])));
            sink.Commit();
        }
        using (var sink = SqliteTableSink.AddTable(path, "orders", child, foreignKeys: [new ForeignKey("customer", "customers", "id")]))
        {
            sink.Write(sink.Encode(new Table([new NumericColumn("customer", [2, 2, 1])])));
            sink.Commit();
        }
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT \"table\" || '.' || \"to\" || ' <- ' || \"from\" FROM pragma_foreign_key_list('orders')";
        command.ExecuteScalar().ShouldBe("customers.id <- customer");
    }

    [Fact]
    public void Create_statement_quotes_every_name_and_declares_the_key()
    {
        var metadata = new Metadata([new ColumnMetadata("the \"id\"", ColumnType.Id), new ColumnMetadata("n", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }], primaryKey: "the \"id\"");
        SqliteTableSink.CreateStatement("my table", DatabaseColumn.MapToBasicTypes(metadata), metadata.PrimaryKey, [new ForeignKey("n", "other", "key")])
            .ShouldBe("CREATE TABLE \"my table\" (\"the \"\"id\"\"\" TEXT, \"n\" INTEGER, PRIMARY KEY (\"the \"\"id\"\"\"), FOREIGN KEY (\"n\") REFERENCES \"other\" (\"key\"))");
    }
}
