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

/// <summary>The columns of one table in the fluent API.</summary>
public sealed class TableSpec
{
    private readonly MapNode _columns = new();

    internal TableSpec() => Node.Set("columns", _columns);

    internal MapNode Node { get; } = new();

    /// <summary>Adds a column; columns are written in the order added.</summary>
    public TableSpec Column(string name, ColumnSpec generator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(generator);
        _columns.Set(name, generator.Node);
        return this;
    }

    /// <summary>Correlates numeric, categorical or boolean columns through a Gaussian copula with this correlation matrix.</summary>
    public TableSpec Correlate(string[] columns, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(matrix);
        if (Node["correlations"] is not ListNode groups) Node.Set("correlations", groups = new ListNode());
        var names = new ListNode();
        foreach (string column in columns) names.Items.Add(new ScalarNode(column));
        var rows = new ListNode();
        for (int i = 0; i < matrix.GetLength(0); i++)
        {
            var row = new ListNode();
            for (int j = 0; j < matrix.GetLength(1); j++) row.Items.Add(new ScalarNode(matrix[i, j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            rows.Items.Add(row);
        }
        groups.Items.Add(new MapNode().Set("columns", names).Set("matrix", rows));
        return this;
    }
}
