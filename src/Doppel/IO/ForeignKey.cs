namespace Doppel.IO;

/// <summary>
/// A column whose values are keys of another table's column, for database outputs of several related tables: a
/// sink declares it as a FOREIGN KEY of the table it creates. The referenced table must be written (committed) first.
/// </summary>
public sealed record ForeignKey
{
    public ForeignKey(string column, string referencedTable, string referencedColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        ArgumentException.ThrowIfNullOrWhiteSpace(referencedTable);
        ArgumentException.ThrowIfNullOrWhiteSpace(referencedColumn);
        Column = column;
        ReferencedTable = referencedTable;
        ReferencedColumn = referencedColumn;
    }

    /// <summary>The column of the table being written.</summary>
    public string Column { get; }

    /// <summary>The table whose key the column holds.</summary>
    public string ReferencedTable { get; }

    /// <summary>The key column of <see cref="ReferencedTable"/> (its primary key or another unique column).</summary>
    public string ReferencedColumn { get; }

    /// <summary>Checks that every foreign key's column is one of <paramref name="columns"/>.</summary>
    public static void Check(IReadOnlyList<ForeignKey> foreignKeys, IReadOnlyList<DatabaseColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(foreignKeys);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (ForeignKey key in foreignKeys)
            if (!columns.Any(c => c.Name == key.Column))
                throw new MetadataException($"the foreign key column '{key.Column}' (referencing {key.ReferencedTable}.{key.ReferencedColumn}) is not one of the columns ({string.Join(", ", columns.Select(c => c.Name))}).");
    }
}
