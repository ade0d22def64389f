using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesizers.Sampling;

/// <summary>
/// Tests sampled rows against conditions a model does not meet natively: equality on categories, bounds on
/// numbers and datetimes (a datetime bound in the column's format or ISO 8601). Built once per condition set.
/// </summary>
internal sealed class ConditionFilter
{
    private readonly (Condition Condition, double Bound)[] _conditions;

    public ConditionFilter(IReadOnlyList<Condition> conditions, Metadata metadata)
    {
        _conditions = [.. conditions.Select(c => (c, Bound(c, metadata[c.Column])))];
    }

    /// <summary>True when there is nothing to filter.</summary>
    public bool IsEmpty => _conditions.Length == 0;

    /// <summary>The rows of <paramref name="table"/> that meet every condition, in order.</summary>
    public int[] Matching(Table table)
    {
        var keep = new List<int>(table.RowCount);
        for (int i = 0; i < table.RowCount; i++)
        {
            bool all = true;
            foreach (var (condition, bound) in _conditions)
                if (!Holds(table[condition.Column], i, condition, bound)) { all = false; break; }
            if (all) keep.Add(i);
        }
        return [.. keep];
    }

    private static double Bound(Condition condition, ColumnMetadata column)
    {
        switch (column.Type)
        {
            case ColumnType.Categorical or ColumnType.Boolean:
                if (condition.IsRange) throw new UsageException($"Condition {condition}: column '{column.Name}' is {column.Type.ToString().ToLowerInvariant()}; bounds apply to numerical and datetime columns. Use {column.Name}=value.");
                return double.NaN;
            case ColumnType.Numerical:
                if (!condition.IsRange && column.Subtype != NumericalSubtype.Integer && column.Decimals is null)
                    throw new UsageException($"Condition {condition}: '{column.Name}' takes continuous values, so equality cannot be met exactly; give a range such as {column.Name}>={condition.Value}.");
                return condition.Number ?? throw new UsageException($"Condition {condition}: '{column.Name}' is numerical, so its value must be a number such as 60 or 2.5.");
            case ColumnType.DateTime:
                if (column.DateTimeFormat is { } format && DateTimeFormats.TryParse(condition.Value, format, out long ticks)) return ticks;
                if (DateTime.TryParse(condition.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed)) return parsed.Ticks;
                throw new UsageException($"Condition {condition}: '{column.Name}' is a datetime, so its value must be a date in the column's format ({column.DateTimeFormat ?? "ISO 8601"}) or ISO 8601, e.g. 2024-01-31.");
            default:
                throw new UsageException($"Condition {condition}: column '{column.Name}' is {column.Type.ToString().ToLowerInvariant()} and is regenerated, not learned, so it cannot be conditioned on.");
        }
    }

    private static bool Holds(Column column, int row, Condition condition, double bound)
    {
        double value;
        switch (column)
        {
            case CategoricalColumn categorical:
                return categorical[row] == condition.Value;
            case NumericColumn numeric:
                value = numeric.Values[row];
                break;
            case DateTimeColumn dates:
                if (dates.Ticks[row] == DateTimeColumn.Missing) return false;
                value = dates.Ticks[row];
                break;
            default:
                return false;
        }
        if (double.IsNaN(value)) return false;
        return condition.Operator switch
        {
            ConditionOperator.Less => value < bound,
            ConditionOperator.LessOrEqual => value <= bound,
            ConditionOperator.Greater => value > bound,
            ConditionOperator.GreaterOrEqual => value >= bound,
            _ => value == bound,
        };
    }
}
