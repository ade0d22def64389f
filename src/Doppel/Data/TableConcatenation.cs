namespace Doppel.Data;

/// <summary>Joins tables with the same columns, one under the other.</summary>
public static class TableConcatenation
{
    /// <summary>The rows of every table in order; all tables must have the same column names and kinds.</summary>
    public static Table Concatenate(IReadOnlyList<Table> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0) return new Table([]);
        if (tables.Count == 1) return tables[0];
        Table first = tables[0];
        var columns = new Column[first.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            Column[] parts = [.. tables.Select(t => t.Columns[c])];
            if (parts.Any(p => p.Name != parts[0].Name || p.Kind != parts[0].Kind))
                throw new ArgumentException($"Column {c + 1} differs between the tables ('{parts[0].Name}', {parts[0].Kind}); only tables with the same columns can be joined.", nameof(tables));
            columns[c] = parts[0] switch
            {
                NumericColumn => new NumericColumn(parts[0].Name, [.. parts.SelectMany(p => ((NumericColumn)p).Values)]),
                DateTimeColumn => new DateTimeColumn(parts[0].Name, [.. parts.SelectMany(p => ((DateTimeColumn)p).Ticks)]),
                TextColumn => new TextColumn(parts[0].Name, [.. parts.SelectMany(p => ((TextColumn)p).Values)]),
                CategoricalColumn => JoinCategorical([.. parts.Cast<CategoricalColumn>()]),
                _ => throw new NotSupportedException($"Column kind {parts[0].Kind} cannot be joined."),
            };
        }
        return new Table(columns);
    }

    private static CategoricalColumn JoinCategorical(CategoricalColumn[] parts)
    {
        if (parts.All(p => ReferenceEquals(p.Categories, parts[0].Categories)))
            return new CategoricalColumn(parts[0].Name, [.. parts.SelectMany(p => p.Codes)], parts[0].Categories);
        return CategoricalColumn.FromValues(parts[0].Name, [.. parts.SelectMany(p => Enumerable.Range(0, p.Length).Select(i => p[i]))]);
    }
}
