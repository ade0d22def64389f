using Doppel.Data;
using Doppel.IO;
using Doppel.Synthesizers.Sampling;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Doppel.Data.Sqlite;

/// <summary>
/// Writes sampled blocks into a table of a SQLite database. Integers go to INTEGER, floats to REAL, categories,
/// ids, PII and text to TEXT, booleans keep their category text, and datetimes become ISO 8601 TEXT
/// (<see cref="DatabaseColumn.DateText"/>, <see cref="DatabaseColumn.TimestampText"/>,
/// <see cref="DatabaseColumn.TimestampUtcText"/>); missing values are NULL; the metadata's primary key becomes the
/// table's. Rows go in through one prepared statement inside one transaction. Either the whole database file is new
/// (<see cref="CreateFile"/>: written beside the target with the journal off and renamed into place on commit) or
/// the table is added to an existing file (<see cref="AddTable"/>: one transaction that rolls back unless committed).
/// </summary>
public sealed class SqliteTableSink : ITableSink<DatabaseBlock>
{
    private const int Done = 101; // SQLITE_DONE

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly DatabaseColumn[] _columns;
    private readonly sqlite3_stmt _insert;
    private readonly string _path;
    private readonly string? _temporaryPath;
    private readonly bool _overwrite;
    private bool _finished;

    private SqliteTableSink(SqliteConnection connection, string path, string? temporaryPath, string table, Metadata metadata, bool overwrite, IReadOnlyList<ForeignKey>? foreignKeys)
    {
        _connection = connection;
        _path = path;
        _temporaryPath = temporaryPath;
        _overwrite = overwrite;
        _columns = DatabaseColumn.MapToBasicTypes(metadata);
        Table = table;
        foreignKeys ??= [];
        try
        {
            _transaction = connection.BeginTransaction(deferred: false);
            if (temporaryPath is null) PrepareExisting(table, overwrite);
            Execute(CreateStatement(table, _columns, metadata.PrimaryKey, foreignKeys));
            string parameters = string.Join(", ", _columns.Select((_, i) => "?" + (i + 1)));
            Check(raw.sqlite3_prepare_v2(connection.Handle, $"INSERT INTO {SqlIdentifier.Quote(table)} ({SqlIdentifier.List(_columns)}) VALUES ({parameters})", out _insert));
        }
        catch (SqliteException e)
        {
            Dispose();
            throw new OutputException($"Cannot create table '{table}' in '{path}': {e.Message}", e);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The table written.</summary>
    public string Table { get; }

    /// <summary>
    /// Writes a new database file holding one table: the rows go to a temporary file beside <paramref name="path"/>
    /// that <see cref="Commit"/> renames into place. An existing file is replaced only when <paramref name="overwrite"/>.
    /// </summary>
    public static SqliteTableSink CreateFile(string path, string table, Metadata metadata, bool overwrite = false, IReadOnlyList<ForeignKey>? foreignKeys = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        CheckTableName(table);
        string full = AtomicFileWriter.CheckTarget(path, overwrite);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        SqliteConnection connection = Connect(temporary, SqliteOpenMode.ReadWriteCreate, full);
        try
        {
            // The file is private until renamed: no journal and no syncs while writing; Commit syncs once.
            Execute(connection, null, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;");
        }
        catch
        {
            connection.Dispose();
            DeleteQuietly(temporary);
            throw;
        }
        return new SqliteTableSink(connection, full, temporary, table, metadata, overwrite, foreignKeys);
    }

    /// <summary>
    /// Adds a table to an existing database file in one transaction; an existing table of that name is replaced
    /// (inside the transaction) only when <paramref name="overwrite"/>. <paramref name="foreignKeys"/> are declared
    /// (SQLite checks them only on connections that turn <c>PRAGMA foreign_keys</c> on).
    /// </summary>
    public static SqliteTableSink AddTable(string path, string table, Metadata metadata, bool overwrite = false, IReadOnlyList<ForeignKey>? foreignKeys = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(metadata);
        CheckTableName(table);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new UsageException($"The database file '{path}' does not exist; to create it, leave out the table's file or use CreateFile.");
        SqliteConnection connection = Connect(full, SqliteOpenMode.ReadWrite, full);
        try
        {
            Execute(connection, null, "PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536;");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new SqliteTableSink(connection, full, null, table, metadata, overwrite, foreignKeys);
    }

    /// <summary>
    /// Checks, without writing, that a table could be written: to a new file (<paramref name="table"/> absent from an
    /// existing file is added to it), so a command fails before a long computation.
    /// </summary>
    public static void CheckTarget(string path, string table, bool addToExisting, bool overwrite)
    {
        CheckTableName(table);
        if (!addToExisting)
        {
            AtomicFileWriter.CheckTarget(path, overwrite);
            return;
        }
        string full = Path.GetFullPath(path);
        using SqliteConnection connection = Connect(full, SqliteOpenMode.ReadOnly, full);
        if (!overwrite && TableExists(connection, null, table))
            throw TableExistsError(table, full);
    }

    public DatabaseBlock Encode(Table block) => DatabaseBlock.From(block, _columns);

    public void Write(DatabaseBlock encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        int count = _columns.Length;
        IReadOnlyList<long[]?> integers = encoded.IntegerColumns;
        IReadOnlyList<double[]?> reals = encoded.RealColumns;
        IReadOnlyList<string?[]?> texts = encoded.TextColumns;
        try
        {
            for (int row = 0; row < encoded.RowCount; row++)
            {
                for (int c = 0; c < count; c++)
                {
                    int index = c + 1;
                    int result;
                    if (integers[c] is { } whole)
                        result = whole[row] == DatabaseBlock.MissingInteger ? raw.sqlite3_bind_null(_insert, index) : raw.sqlite3_bind_int64(_insert, index, whole[row]);
                    else if (reals[c] is { } real)
                        result = double.IsNaN(real[row]) ? raw.sqlite3_bind_null(_insert, index) : raw.sqlite3_bind_double(_insert, index, real[row]);
                    else
                        result = texts[c]![row] is { } text ? raw.sqlite3_bind_text(_insert, index, text) : raw.sqlite3_bind_null(_insert, index);
                    Check(result);
                }
                int step = raw.sqlite3_step(_insert);
                raw.sqlite3_reset(_insert);
                if (step != Done) Check(step);
            }
        }
        catch (SqliteException e)
        {
            throw new OutputException($"Cannot insert into table '{Table}' of '{_path}': {e.Message}", e);
        }
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _insert.Dispose();
        try
        {
            _transaction.Commit();
        }
        catch (SqliteException e)
        {
            Discard();
            throw new OutputException($"Cannot commit table '{Table}' to '{_path}': {e.Message}", e);
        }
        _finished = true;
        _connection.Dispose();
        if (_temporaryPath is null) return;
        // The journal was off and nothing synced while writing: sync once, then rename into place.
        try
        {
            using (var file = new FileStream(_temporaryPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                file.Flush(flushToDisk: true);
        }
        catch
        {
            DeleteQuietly(_temporaryPath);
            throw;
        }
        AtomicFileWriter.MoveIntoPlace(_temporaryPath, _path, _overwrite);
    }

    /// <summary>Without <see cref="Commit"/>: rolls the transaction back, or deletes the temporary file.</summary>
    public void Dispose()
    {
        if (!_finished) Discard();
    }

    private void Discard()
    {
        _finished = true;
        _insert?.Dispose();
        try
        {
            _transaction?.Dispose(); // rolls back when not committed
        }
        catch (SqliteException)
        {
            // The connection is closing anyway; an open transaction ends with it.
        }
        _connection.Dispose();
        if (_temporaryPath is not null) DeleteQuietly(_temporaryPath);
    }

    private void PrepareExisting(string table, bool overwrite)
    {
        if (!TableExists(_connection, _transaction, table)) return;
        if (!overwrite) throw TableExistsError(table, _path);
        Execute($"DROP TABLE {SqlIdentifier.Quote(table)}");
    }

    private void Execute(string sql) => Execute(_connection, _transaction, sql);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction? transaction, string table)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        // SQLite compares table names without regard to ASCII case.
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = $name COLLATE NOCASE";
        command.Parameters.AddWithValue("$name", table);
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        catch (SqliteException e)
        {
            throw new OutputException($"Cannot read '{connection.DataSource}' as a SQLite database: {e.Message}", e);
        }
    }

    internal static string CreateStatement(string table, IReadOnlyList<DatabaseColumn> columns, string? primaryKey, IReadOnlyList<ForeignKey> foreignKeys)
    {
        ForeignKey.Check(foreignKeys, columns);
        IEnumerable<string> definitions = columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {TypeName(c.Kind)}");
        if (primaryKey is not null)
        {
            if (!columns.Any(c => c.Name == primaryKey))
                throw new MetadataException($"the primary key '{primaryKey}' is not one of the columns ({string.Join(", ", columns.Select(c => c.Name))}).");
            definitions = definitions.Append($"PRIMARY KEY ({SqlIdentifier.Quote(primaryKey)})");
        }
        definitions = definitions.Concat(foreignKeys.Select(k =>
            $"FOREIGN KEY ({SqlIdentifier.Quote(k.Column)}) REFERENCES {SqlIdentifier.Quote(k.ReferencedTable)} ({SqlIdentifier.Quote(k.ReferencedColumn)})"));
        return $"CREATE TABLE {SqlIdentifier.Quote(table)} ({string.Join(", ", definitions)})";
    }

    private static string TypeName(DatabaseValueKind kind) => kind switch
    {
        DatabaseValueKind.Integer => "INTEGER",
        DatabaseValueKind.Real => "REAL",
        _ => "TEXT",
    };

    private static SqliteConnection Connect(string file, SqliteOpenMode mode, string shownPath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new OutputException($"Cannot open the SQLite database '{shownPath}': {e.Message}", e);
        }
    }

    private static void CheckTableName(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (string.IsNullOrWhiteSpace(table)) throw new UsageException("The table name is empty. Give a name with --table.");
        if (table.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"The table name '{table}' is reserved by SQLite (names starting with 'sqlite_' are). Choose another --table.");
        SqlIdentifier.Quote(table);
    }

    private static UsageException TableExistsError(string table, string path) =>
        new($"The database '{path}' already has a table '{table}'. Pass --force to replace it, or choose another --table.");

    private void Check(int result)
    {
        if (result != 0) throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), result);
    }

    private static void DeleteQuietly(string path)
    {
        foreach (string file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            try { File.Delete(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
