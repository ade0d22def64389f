namespace Doppel.Generation;

/// <summary>
/// Builds a <see cref="GenerationSchema"/> in code: <c>new SchemaBuilder().Table("people", 1000, t => t.Column("id",
/// Generators.Sequence()).Column("age", Generators.Normal(40, 12).Between(18, 90)))</c>. The result is validated like a file.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly MapNode _tables = new();
    private readonly MapNode _root = new();

    public SchemaBuilder() => _root.Set("tables", _tables);

    /// <summary>The default locale of fake values.</summary>
    public SchemaBuilder Locale(string locale)
    {
        _root.Set("locale", locale);
        return this;
    }

    /// <summary>A table with a fixed row count (null: given later by <see cref="GenerationOptions.Rows"/> or by a per-parent reference).</summary>
    public SchemaBuilder Table(string name, long? rows, Action<TableSpec> columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(columns);
        var table = new TableSpec();
        columns(table);
        if (rows is long r) table.Node.Set("rows", r);
        _tables.Set(name, table.Node);
        return this;
    }

    /// <summary>The schema (validated when compiled).</summary>
    public GenerationSchema Build() => new(_root);
}
