namespace Doppel.Data;

/// <summary>What every column of a table means, plus its primary key. Saved as metadata.json (see MetadataJson).</summary>
public sealed record Metadata
{
    /// <summary>The version of the metadata.json format this library writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    public Metadata(IReadOnlyList<ColumnMetadata> columns, string? primaryKey = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        PrimaryKey = primaryKey;
    }

    /// <summary>The columns, in table order.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; init; }

    /// <summary>The primary key column, if any.</summary>
    public string? PrimaryKey { get; init; }

    /// <summary>Business rules every synthetic row meets (see <see cref="Doppel.Constraints.ConstraintSet"/>).</summary>
    public IReadOnlyList<Doppel.Constraints.Constraint> Constraints { get; init; } = [];

    /// <summary>The column with this name, or null.</summary>
    public ColumnMetadata? Find(string name)
    {
        foreach (ColumnMetadata column in Columns)
            if (column.Name == name) return column;
        return null;
    }

    /// <summary>The column with this name; throws listing the known names when absent.</summary>
    public ColumnMetadata this[string name] => Find(name)
        ?? throw new MetadataException($"no column '{name}'. Columns: {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>Equal when the primary key and every column (in order) are equal.</summary>
    public bool Equals(Metadata? other) =>
        other is not null && PrimaryKey == other.PrimaryKey && Columns.SequenceEqual(other.Columns) && Constraints.SequenceEqual(other.Constraints);

    public override int GetHashCode() => HashCode.Combine(PrimaryKey, Columns.Count, Columns.Count > 0 ? Columns[0] : null);

    /// <summary>A copy with one column's metadata replaced.</summary>
    public Metadata With(ColumnMetadata column) =>
        this with { Columns = [.. Columns.Select(c => c.Name == column.Name ? column : c)] };
}
