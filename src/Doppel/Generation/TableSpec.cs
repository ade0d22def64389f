namespace Doppel.Generation;

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
