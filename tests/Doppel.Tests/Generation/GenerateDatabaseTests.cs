using Doppel.IO;
using Doppel.Tests.Cli;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Doppel.Tests.Generation;

/// <summary>doppel generate into SQLite and PostgreSQL: every table, foreign keys declared and holding, the same values as the CSV files.</summary>
public class GenerateDatabaseTests
{
    private static string Schema(string suffix) => $$"""
        seed: 7
        tables:
          shops{{suffix}}:
            rows: 40
            columns:
              id: sequence
              city: city
          staff{{suffix}}:
            columns:
              id: uuid
              shop_id: { type: reference, table: shops{{suffix}}, children: { type: uniform, min: 1, max: 5 } }
              salary: { type: normal, mean: 3000, sd: 400, decimals: 0 }
          shifts{{suffix}}:
            rows: 500
            columns:
              staff_id: { type: reference, table: staff{{suffix}} }
              hours: { type: uniform, min: 2, max: 10, integer: true }
        """;

    private static List<string[]> Csv(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Every_table_lands_in_one_sqlite_file_with_its_keys_and_the_csv_values()
    {
        using var folder = new TempFolder();
        string schema = folder.Write("schema.yaml", Schema(""));
        CliRunner.Run("generate", schema, "-o", folder.File("csv")).ExitCode.ShouldBe(0);
        var result = CliRunner.Run("generate", schema, "-o", folder.File("all.db"));
        result.ExitCode.ShouldBe(0, result.ToString());
        folder.Files().ShouldBe(["all.db", "schema.yaml"]); // no temporary file left

        using var connection = new SqliteConnection($"Data Source={folder.File("all.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        List<string[]> Query(string sql)
        {
            using var command = new SqliteCommand(sql, connection);
            using var reader = command.ExecuteReader();
            var rows = new List<string[]>();
            while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
            return rows;
        }
        Query("SELECT id, shop_id, salary FROM staff").ShouldBe(Csv(folder.File("csv/staff.csv")));
        Query("SELECT count(*) FROM shifts")[0][0].ShouldBe("500");
        Query("SELECT count(*) FROM shifts WHERE staff_id NOT IN (SELECT id FROM staff)")[0][0].ShouldBe("0");
        Query("SELECT sql FROM sqlite_master WHERE name = 'shifts'")[0][0].ShouldContain("REFERENCES \"staff\" (\"id\")");

        // An existing database is kept without --force.
        var again = CliRunner.Run("generate", schema, "-o", folder.File("all.db"));
        again.ExitCode.ShouldBe(2, again.ToString());
        CliRunner.Run("generate", schema, "-o", folder.File("part.db"), "--shard", "0/2").ExitCode.ShouldBe(2);
    }

    [PostgresFact]
    public void Every_table_lands_in_postgres_with_checked_foreign_keys()
    {
        string suffix = "_" + Guid.NewGuid().ToString("N")[..8];
        using var folder = new TempFolder();
        string schema = folder.Write("schema.yaml", Schema(suffix));
        string connectionString = PostgresFactAttribute.ConnectionString!;
        try
        {
            var result = CliRunner.Run("generate", schema, "--postgres", connectionString);
            result.ExitCode.ShouldBe(0, result.ToString());
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            long Count(string sql) => (long)new NpgsqlCommand(sql, connection).ExecuteScalar()!;
            Count($"SELECT count(*) FROM shifts{suffix}").ShouldBe(500);
            Count($"SELECT count(*) FROM staff{suffix} WHERE shop_id NOT IN (SELECT id FROM shops{suffix})").ShouldBe(0);
            Count($"SELECT count(*) FROM information_schema.table_constraints WHERE table_name = 'shifts{suffix}' AND constraint_type = 'FOREIGN KEY'").ShouldBe(1);
            // Tables that exist are refused without --force, before anything is written.
            CliRunner.Run("generate", schema, "--postgres", connectionString).ExitCode.ShouldBe(2);
        }
        finally
        {
            Doppel.Data.Postgres.PostgresTableSink.DropTables(connectionString, [$"shifts{suffix}", $"staff{suffix}", $"shops{suffix}"]);
        }
    }
}
