using Doppel.Data;
using Doppel.Data.Postgres;
using Doppel.Data.Sqlite;
using Doppel.IO;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Cli.Commands;

/// <summary>
/// Where a command's rows go, from <c>-o</c>, <c>--postgres</c> and <c>--table</c>: a CSV/TSV/JSON Lines file, a table
/// in a SQLite file (.db, .sqlite, .sqlite3), or a PostgreSQL table. Checked before any long work, then opened per table.
/// </summary>
internal sealed class Sinks
{
    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3"];

    private readonly string? _file;
    private readonly string? _postgres;
    private readonly string? _table;
    private readonly bool _force;

    private Sinks(string? file, string? postgres, string? table, bool force)
    {
        _file = file;
        _postgres = postgres;
        _table = table;
        _force = force;
    }

    /// <summary>True when the output is a CSV/TSV/JSON Lines file that can be read back.</summary>
    public bool IsFile => _file is not null && !IsSqlite(_file);

    /// <summary>The output file, for file outputs.</summary>
    public string? File => _file;

    /// <summary>Validates the combination of options; every mistake is a usage error (exit 2).</summary>
    public static Sinks From(string? output, string? postgres, string? table, bool force)
    {
        if (output is not null && postgres is not null)
            throw new UsageException("Give either -o/--output (a file) or --postgres (a connection string), not both.");
        if (output is null && postgres is null)
            throw new UsageException("Say where the rows go: -o FILE (.csv, .tsv, .jsonl, or .db/.sqlite/.sqlite3 for SQLite) or --postgres \"Host=...;Username=...;Database=...\".");
        if (table is not null && string.IsNullOrWhiteSpace(table))
            throw new UsageException("--table is empty. Give the name of the table to write.");
        if (output is not null && !IsSqlite(output))
        {
            if (table is not null)
                throw new UsageException($"--table applies to database outputs (-o FILE.db/.sqlite/.sqlite3 or --postgres); '{output}' is a text file.");
            try
            {
                TableFileFormats.FromPath(output);
            }
            catch (UsageException e)
            {
                throw new UsageException(e.Message + " For a SQLite database use .db, .sqlite or .sqlite3; for PostgreSQL use --postgres.");
            }
        }
        return new Sinks(output, postgres, table, force);
    }

    /// <summary>What the output is, for messages: the file, or the table and where it lives.</summary>
    public string Describe(string? table = null) => _postgres is not null
        ? $"PostgreSQL table {TableName(table)}"
        : IsFile ? _file! : $"table {TableName(table)} in {_file}";

    /// <summary>Fails fast (missing folder, existing output without --force, unreachable server) before any long work.</summary>
    public void Check(string? table = null)
    {
        if (_postgres is not null) PostgresTableSink.CheckTarget(_postgres, TableName(table), _force);
        else if (IsFile) AtomicFileWriter.CheckTarget(_file!, _force);
        else SqliteTableSink.CheckTarget(_file!, TableName(table), AddsToExistingFile(table), _force);
    }

    /// <summary>
    /// Opens the sink for one table. A SQLite file is written whole and renamed into place, unless it exists and a
    /// table name was given (by --table or by <paramref name="table"/>): then the table is added to it.
    /// <paramref name="foreignKeys"/> apply to database outputs (write the referenced tables first); files ignore them.
    /// </summary>
    public ITableSink<object> Open(Metadata metadata, string? table = null, IReadOnlyList<ForeignKey>? foreignKeys = null)
    {
        if (_postgres is not null) return new Boxed<byte[]>(PostgresTableSink.Open(_postgres, TableName(table), metadata, _force, foreignKeys));
        if (IsFile) return new Boxed<byte[]>(new FileTableSink(_file!, metadata, _force));
        return new Boxed<DatabaseBlock>(AddsToExistingFile(table)
            ? SqliteTableSink.AddTable(_file!, TableName(table), metadata, _force, foreignKeys)
            : SqliteTableSink.CreateFile(_file!, TableName(table), metadata, _force, foreignKeys));
    }

    private bool AddsToExistingFile(string? table) => (table ?? _table) is not null && System.IO.File.Exists(_file);

    // Default names: the SQLite file's name (data.db → data), or "synthetic" in PostgreSQL.
    private string TableName(string? table) => table ?? _table ?? (_postgres is not null ? PostgresTableSink.DefaultTable : DefaultSqliteTable(_file!));

    private static string DefaultSqliteTable(string file)
    {
        string stem = Path.GetFileNameWithoutExtension(file);
        return stem.Length > 0 && !stem.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase) ? stem : PostgresTableSink.DefaultTable;
    }

    private static bool IsSqlite(string path) =>
        SqliteExtensions.Any(e => Path.GetExtension(path).Equals(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Lets one generic sampling call serve sinks of every encoded type (one cast per block, not per row).</summary>
    private sealed class Boxed<TEncoded>(ITableSink<TEncoded> inner) : ITableSink<object>
    {
        public object Encode(Table block) => inner.Encode(block)!;

        public void Write(object encoded) => inner.Write((TEncoded)encoded);

        public void Commit() => inner.Commit();

        public void Dispose() => inner.Dispose();
    }
}
