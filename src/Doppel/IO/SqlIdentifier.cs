namespace Doppel.IO;

/// <summary>Quotes table and column names for SQL (standard double quotes, as SQLite and PostgreSQL read them).</summary>
public static class SqlIdentifier
{
    /// <summary>The name in double quotes, inner quotes doubled: any column name becomes a valid, case-preserving identifier.</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0')) throw new UsageException($"The name \"{name.Replace("\0", "\\0")}\" holds a NUL character, which no SQL name may hold.");
        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>The column list of an INSERT or COPY: each name quoted, separated by commas.</summary>
    public static string List(IEnumerable<DatabaseColumn> columns) => string.Join(", ", columns.Select(c => Quote(c.Name)));
}
