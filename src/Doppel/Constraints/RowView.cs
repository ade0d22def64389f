using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>One row of a columnar <see cref="Table"/>, read by column name, for <see cref="PredicateConstraint"/>.</summary>
public readonly struct RowView
{
    private readonly Table _table;

    public RowView(Table table, int row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, table.RowCount);
        _table = table;
        Row = row;
    }

    /// <summary>The row's index in its table.</summary>
    public int Row { get; }

    /// <summary>Whether the column's value is missing in this row.</summary>
    public bool IsMissing(string column) => _table[column].IsMissing(Row);

    /// <summary>A numerical column's value (NaN when missing); a datetime as seconds since 0001-01-01.</summary>
    public double Number(string column) => _table[column] switch
    {
        NumericColumn or DateTimeColumn => Constraint.Value(_table[column], Row),
        Column other => throw new InvalidOperationException($"Column '{column}' is {other.Kind.ToString().ToLowerInvariant()}, not numerical; read it with Text(\"{column}\")."),
    };

    /// <summary>A datetime column's value, or null when missing.</summary>
    public DateTime? DateTime(string column) => _table[column] is DateTimeColumn dates
        ? dates.Ticks[Row] == DateTimeColumn.Missing ? null : new DateTime(dates.Ticks[Row])
        : throw new InvalidOperationException($"Column '{column}' is not a datetime column.");

    /// <summary>A categorical, boolean or text column's value (null when missing); numbers as invariant text.</summary>
    public string? Text(string column) => _table[column] switch
    {
        CategoricalColumn categorical => categorical[Row],
        TextColumn text => text.Values[Row],
        Column other => other.IsMissing(Row) ? null : Constraint.Value(other, Row).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
