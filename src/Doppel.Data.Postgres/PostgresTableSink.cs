using Doppel.IO;
using Doppel.Synthesizers.Sampling;
using Npgsql;

namespace Doppel.Data.Postgres;

/// <summary>
/// Writes sampled blocks into a new PostgreSQL table with binary COPY. Integers go to bigint, floats to double
/// precision, booleans to boolean, datetimes to date, timestamp or timestamptz (by the column's format: no time of
/// day, no offset, or an offset / unix time), everything else to text; missing values are NULL. Blocks are encoded in
/// parallel and streamed in order. Everything happens in one transaction: the table is created (an existing one is
/// dropped first only when overwriting), loaded, given the metadata's primary key and committed by
/// <see cref="Commit"/>; disposing without commit rolls it all back, leaving no table.
/// </summary>
public sealed class PostgresTableSink : ITableSink<byte[]>
{
    /// <summary>The table written when no name is given.</summary>
    public const string DefaultTable = "synthetic";

    private const string DuplicateTable = "42P07";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly DatabaseColumn[] _columns;
    private readonly string _qualified;
    private readonly string? _primaryKey;
    private readonly IReadOnlyList<ForeignKey> _foreignKeys;
    private readonly NpgsqlRawCopyStream _copy;
    private bool _finished;

    private PostgresTableSink(NpgsqlConnection connection, string table, Metadata metadata, bool overwrite, IReadOnlyList<ForeignKey> foreignKeys)
    {
        _connection = connection;
        _columns = DatabaseColumn.Map(metadata);
        _qualified = Qualify(table);
        _primaryKey = metadata.PrimaryKey;
        _foreignKeys = foreignKeys;
        Table = table;
        try
        {
            if (_primaryKey is not null && !_columns.Any(c => c.Name == _primaryKey))
                throw new MetadataException($"the primary key '{_primaryKey}' is not one of the columns ({string.Join(", ", _columns.Select(c => c.Name))}).");
            foreach (DatabaseColumn column in _columns) CheckLength(column.Name, "column");
            ForeignKey.Check(foreignKeys, _columns);
            foreach (ForeignKey key in foreignKeys) Qualify(key.ReferencedTable);
            _transaction = connection.BeginTransaction();
            if (Exists(connection, _qualified))
            {
                if (!overwrite) throw TableExistsError(table, connection);
                Execute($"DROP TABLE {_qualified}");
            }
            Execute($"CREATE TABLE {_qualified} ({string.Join(", ", _columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {TypeName(c.Kind)}"))})");
            _copy = connection.BeginRawBinaryCopy($"COPY {_qualified} ({SqlIdentifier.List(_columns)}) FROM STDIN (FORMAT BINARY, FREEZE)");
            _copy.Write(PostgresCopyEncoder.Header);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateTable)
        {
            Discard();
            throw TableExistsError(table, connection);
        }
        catch (Exception e) when (e is NpgsqlException or IOException)
        {
            Discard();
            throw new OutputException($"Cannot create the PostgreSQL table {table}: {e.Message}", e);
        }
        catch
        {
            Discard();
            throw;
        }
    }

    /// <summary>The table written, as given (optionally schema-qualified as <c>schema.table</c>).</summary>
    public string Table { get; }

    /// <summary>
    /// Connects, begins a transaction, creates the table (replacing an existing one only when
    /// <paramref name="overwrite"/>) and starts the COPY. <paramref name="table"/> may be <c>schema.table</c>.
    /// <paramref name="foreignKeys"/> are added after loading, so the server checks every row against the
    /// referenced tables (which must be committed already) before the table appears.
    /// </summary>
    public static PostgresTableSink Open(string connectionString, string table, Metadata metadata, bool overwrite = false, IReadOnlyList<ForeignKey>? foreignKeys = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Qualify(table);
        // The sink owns the connection from here; on failure its constructor has closed it.
        return new PostgresTableSink(Connect(connectionString), table, metadata, overwrite, foreignKeys ?? []);
    }

    /// <summary>Checks, without writing, that the server answers and the table may be written, so a command fails before a long computation.</summary>
    public static void CheckTarget(string connectionString, string table, bool overwrite)
    {
        string qualified = Qualify(table);
        using NpgsqlConnection connection = Connect(connectionString);
        try
        {
            if (!overwrite && Exists(connection, qualified)) throw TableExistsError(table, connection);
        }
        catch (NpgsqlException e)
        {
            throw new OutputException($"Cannot check the PostgreSQL table {table}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Drops the given tables if they exist, children first as listed (best effort, one transaction): undoes the
    /// tables a multi-table run committed before a later table failed.
    /// </summary>
    public static void DropTables(string connectionString, IReadOnlyList<string> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0) return;
        using NpgsqlConnection connection = Connect(connectionString);
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        foreach (string table in tables)
        {
            using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS {Qualify(table)}", connection, transaction);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public byte[] Encode(Data.Table block) => PostgresCopyEncoder.Encode(DatabaseBlock.From(block, _columns));

    public void Write(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        try
        {
            _copy.Write(encoded);
        }
        catch (Exception e) when (e is NpgsqlException or IOException)
        {
            throw new OutputException($"Cannot load rows into the PostgreSQL table {Table}: {e.Message}", e);
        }
    }

    /// <summary>Ends the COPY, adds the primary key and commits: the table appears with all its rows.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        try
        {
            _copy.Write(PostgresCopyEncoder.Trailer);
            _copy.Dispose();
            // The key's index is built once after loading, much faster than maintained row by row.
            if (_primaryKey is not null) Execute($"ALTER TABLE {_qualified} ADD PRIMARY KEY ({SqlIdentifier.Quote(_primaryKey)})");
            foreach (ForeignKey key in _foreignKeys)
                Execute($"ALTER TABLE {_qualified} ADD FOREIGN KEY ({SqlIdentifier.Quote(key.Column)}) REFERENCES {Qualify(key.ReferencedTable)} ({SqlIdentifier.Quote(key.ReferencedColumn)})");
            _transaction.Commit();
        }
        catch (Exception e) when (e is NpgsqlException or IOException)
        {
            Discard();
            throw new OutputException($"Cannot finish the PostgreSQL table {Table}: {e.Message}", e);
        }
        _finished = true;
        _connection.Dispose();
    }

    /// <summary>Without <see cref="Commit"/>: cancels the COPY and rolls back, so the table does not appear.</summary>
    public void Dispose()
    {
        if (!_finished) Discard();
    }

    private void Discard()
    {
        _finished = true;
        try
        {
            _copy?.Cancel();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // Cancelling a COPY the server already ended reports an error; the rollback below still happens.
        }
        try
        {
            _transaction?.Rollback();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // A broken connection has lost the transaction already: nothing was committed.
        }
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection, _transaction);
        command.ExecuteNonQuery();
    }

    private static bool Exists(NpgsqlConnection connection, string qualified)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", qualified);
        return (bool)command.ExecuteScalar()!;
    }

    private static string TypeName(DatabaseValueKind kind) => kind switch
    {
        DatabaseValueKind.Integer => "bigint",
        DatabaseValueKind.Real => "double precision",
        DatabaseValueKind.Boolean => "boolean",
        DatabaseValueKind.Date => "date",
        DatabaseValueKind.Timestamp => "timestamp",
        DatabaseValueKind.TimestampUtc => "timestamptz",
        _ => "text",
    };

    /// <summary>The quoted name: <c>"table"</c>, or <c>"schema"."table"</c> for <c>schema.table</c>.</summary>
    internal static string Qualify(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (string.IsNullOrWhiteSpace(table)) throw new UsageException("The table name is empty. Give a name with --table.");
        int dot = table.IndexOf('.');
        if (dot < 0) return SqlIdentifier.Quote(CheckLength(table, "table"));
        string schema = table[..dot], name = table[(dot + 1)..];
        if (schema.Length == 0 || name.Length == 0 || name.Contains('.'))
            throw new UsageException($"The table name '{table}' must be a name or schema.name.");
        return SqlIdentifier.Quote(CheckLength(schema, "schema")) + "." + SqlIdentifier.Quote(CheckLength(name, "table"));
    }

    // PostgreSQL silently cuts names at 63 bytes; two long names could then collide.
    private static string CheckLength(string name, string what) => System.Text.Encoding.UTF8.GetByteCount(name) <= 63
        ? name
        : throw new UsageException($"The {what} name '{name}' is longer than PostgreSQL's 63-byte limit. Choose a shorter name.");

    private static NpgsqlConnection Connect(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--postgres: the connection string is not valid ({e.Message}). Example: Host=localhost;Port=5432;Username=postgres;Database=postgres");
        }
        // Loading and indexing millions of rows may take longer than the default 30-second command timeout.
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase)) builder.CommandTimeout = 0;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            connection.Dispose();
            string where = $"{builder.Host ?? "localhost"}:{builder.Port} (database '{builder.Database ?? builder.Username}', user '{builder.Username}')";
            throw new OutputException($"Cannot connect to PostgreSQL at {where}: {e.Message}. Check the --postgres connection string and that the server is running.", e);
        }
    }

    private static UsageException TableExistsError(string table, NpgsqlConnection connection) =>
        new($"The PostgreSQL database '{connection.Database}' already has a table {table}. Pass --force to replace it, or choose another --table.");
}
