using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// A rule written as code: <c>new PredicateConstraint("adult drivers", row =&gt; row.Number("age") &gt;= 18 || row.IsMissing("licence"))</c>.
/// Enforced by rejection: sampled rows that fail it are drawn again through the sampler's rejection path, which
/// measures the acceptance and refuses the request (<see cref="InfeasibleRequestException"/>, CLI exit 4) when fewer
/// than 1e-4 of the rows pass (the sampler's minimum acceptance). Library only: code
/// cannot be written to metadata.json, and a model holding a predicate cannot be saved to a model file (saving it
/// without the rule would give a file whose samples silently break it: <see cref="Models.ModelFile.Save"/> refuses
/// with a <see cref="UsageException"/>). Fit without the predicate when the model must be saved.
/// </summary>
public sealed record PredicateConstraint(string Name, Func<RowView, bool> Predicate) : Constraint
{
    public override string Type => "predicate";
    public override IReadOnlyList<string> Columns => [];

    public override bool Holds(Table table, int row) => Predicate(new RowView(table, row));

    public override string Describe() => Name;
}

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
