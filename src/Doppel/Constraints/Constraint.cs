using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// A business rule every synthetic row must meet. Declared in metadata.json (<c>"constraints"</c>) or through
/// <see cref="Metadata.Constraints"/>; enforced by construction for every synthesizer (see <see cref="ConstraintSet"/>).
/// </summary>
public abstract record Constraint
{
    /// <summary>The name used in metadata.json (<c>"type"</c>).</summary>
    public abstract string Type { get; }

    /// <summary>The columns the rule reads.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Per row, whether the rule holds (a missing value on either side holds: the rule does not apply).</summary>
    public virtual bool Holds(Table table, int row) => true;

    /// <summary>
    /// Per row of <paramref name="table"/>, whether the rule holds; rules that depend on the real data (fixed
    /// combinations) compare with <paramref name="real"/> and hold trivially without it.
    /// </summary>
    public virtual bool[] Check(Table table, Table? real = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new bool[table.RowCount];
        for (int i = 0; i < result.Length; i++) result[i] = Holds(table, i);
        return result;
    }

    /// <summary>The rule as a person reads it.</summary>
    public abstract string Describe();

    internal static double Value(Column column, int row) => column switch
    {
        NumericColumn numeric => numeric.Values[row],
        DateTimeColumn dates => dates.Ticks[row] == DateTimeColumn.Missing ? double.NaN : dates.Ticks[row] / (double)TimeSpan.TicksPerSecond,
        _ => double.NaN,
    };
}

/// <summary><c>low &lt; high</c> (or <c>≤</c> when not strict) between two numerical or datetime columns.</summary>
public sealed record Inequality(string Low, string High, bool Strict = true) : Constraint
{
    public override string Type => "inequality";
    public override IReadOnlyList<string> Columns => [Low, High];

    public override bool Holds(Table table, int row)
    {
        double a = Value(table[Low], row), b = Value(table[High], row);
        return double.IsNaN(a) || double.IsNaN(b) || (Strict ? a < b : a <= b);
    }

    public override string Describe() => $"{Low} {(Strict ? "<" : "<=")} {High}";
}

/// <summary><c>lowColumn ≤ column ≤ highColumn</c>: a number or date between two other columns of the row.</summary>
public sealed record Between(string Column, string LowColumn, string HighColumn) : Constraint
{
    public override string Type => "between";
    public override IReadOnlyList<string> Columns => [Column, LowColumn, HighColumn];

    public override bool Holds(Table table, int row)
    {
        double x = Value(table[Column], row), low = Value(table[LowColumn], row), high = Value(table[HighColumn], row);
        return double.IsNaN(x) || double.IsNaN(low) || double.IsNaN(high) || (low <= x && x <= high);
    }

    public override string Describe() => $"{LowColumn} <= {Column} <= {HighColumn}";
}

/// <summary><c>low ≤ column ≤ high</c> with fixed bounds (either may be absent); positive and negative are ranges too.</summary>
public sealed record ScalarRange(string Column, double? Low, double? High, bool StrictLow = false, bool StrictHigh = false) : Constraint
{
    public override string Type => "range";
    public override IReadOnlyList<string> Columns => [Column];

    /// <summary><c>column &gt; 0</c>.</summary>
    public static ScalarRange Positive(string column) => new(column, 0, null, StrictLow: true);

    /// <summary><c>column &lt; 0</c>.</summary>
    public static ScalarRange Negative(string column) => new(column, null, 0, StrictHigh: true);

    public override bool Holds(Table table, int row)
    {
        double x = Value(table[Column], row);
        if (double.IsNaN(x)) return true;
        bool low = Low is not { } l || (StrictLow ? x > l : x >= l);
        bool high = High is not { } h || (StrictHigh ? x < h : x <= h);
        return low && high;
    }

    public override string Describe() =>
        string.Join(" and ", new[]
        {
            Low is { } l ? $"{Column} {(StrictLow ? ">" : ">=")} {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null,
            High is { } h ? $"{Column} {(StrictHigh ? "<" : "<=")} {h.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null,
        }.Where(p => p is not null));
}

/// <summary>Values of a numerical column are multiples of <see cref="Step"/>.</summary>
public sealed record FixedIncrements(string Column, double Step) : Constraint
{
    public override string Type => "fixedIncrements";
    public override IReadOnlyList<string> Columns => [Column];

    public override bool Holds(Table table, int row)
    {
        double x = Value(table[Column], row);
        if (double.IsNaN(x)) return true;
        double steps = x / Step;
        return Math.Abs(steps - Math.Round(steps)) < 1e-6;
    }

    public override string Describe() => $"{Column} in steps of {Step.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Only the combinations of values of these categorical columns that occur in the real data occur.</summary>
public sealed record FixedCombinations(IReadOnlyList<string> Of) : Constraint
{
    public override string Type => "fixedCombinations";
    public override IReadOnlyList<string> Columns => Of;

    public override bool[] Check(Table table, Table? real = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new bool[table.RowCount];
        if (real is null) { Array.Fill(result, true); return result; }
        var observed = new HashSet<string>(Enumerable.Range(0, real.RowCount).Select(i => Key(real, i)), StringComparer.Ordinal);
        for (int i = 0; i < result.Length; i++) result[i] = observed.Contains(Key(table, i));
        return result;
    }

    private string Key(Table table, int row) => ConstraintSet.JoinKey(Of.Select(c => ((CategoricalColumn)table[c])[row]));

    public override string Describe() => $"only observed combinations of {string.Join(", ", Of)}";

    public bool Equals(FixedCombinations? other) => other is not null && Of.SequenceEqual(other.Of);

    public override int GetHashCode() => Of.Count == 0 ? 0 : Of[0].GetHashCode(StringComparison.Ordinal);
}

/// <summary>If <see cref="If"/> is missing, <see cref="Then"/> is missing too.</summary>
public sealed record ConditionalNull(string If, string Then) : Constraint
{
    public override string Type => "conditionalNull";
    public override IReadOnlyList<string> Columns => [If, Then];

    public override bool Holds(Table table, int row) => !table[If].IsMissing(row) || table[Then].IsMissing(row);

    public override string Describe() => $"{Then} is empty wherever {If} is";
}
