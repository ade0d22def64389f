using Doppel.Constraints;
using Doppel.Data;

namespace Doppel.Synthesizers.Sampling;

/// <summary>
/// The keys already written for each <see cref="Unique"/> rule of a run, filled block by block in block order (see
/// <see cref="Unique"/> for the design). Not thread-safe: the sampler settles blocks on one thread.
/// </summary>
internal sealed class UniqueIndex
{
    private readonly IReadOnlyList<Unique> _rules;
    private readonly HashSet<string>[] _seen;
    private readonly Func<string, int?> _decimals;

    public UniqueIndex(IReadOnlyList<Unique> rules, Metadata metadata)
    {
        _rules = rules;
        _seen = [.. rules.Select(_ => new HashSet<string>(StringComparer.Ordinal))];
        // Keys are the values as written: a number rounded to its column's decimals.
        _decimals = name => metadata[name] is { Type: ColumnType.Numerical } column ? column.Subtype == NumericalSubtype.Integer ? 0 : column.Decimals : null;
    }

    public IReadOnlyList<Unique> Rules => _rules;

    /// <summary>Takes the row's keys when none is taken yet (rows with a missing value are exempt); false, taking nothing, otherwise.</summary>
    public bool TryAdd(Table table, int row)
    {
        var keys = new string?[_rules.Count];
        for (int k = 0; k < keys.Length; k++)
        {
            keys[k] = _rules[k].Key(table, row, _decimals);
            if (keys[k] is { } key && _seen[k].Contains(key)) return false;
        }
        for (int k = 0; k < keys.Length; k++)
            if (keys[k] is { } key) _seen[k].Add(key);
        return true;
    }

    /// <summary>Refuses before sampling when the metadata alone shows too few distinct values (booleans, bounded integers).</summary>
    public static void CheckFeasible(IReadOnlyList<Unique> rules, Metadata metadata, long rows)
    {
        foreach (Unique rule in rules)
        {
            double domain = 1;
            foreach (string name in rule.Of)
            {
                ColumnMetadata column = metadata[name];
                domain *= column switch
                {
                    { Type: ColumnType.Boolean } => 2,
                    { Type: ColumnType.Numerical, Subtype: NumericalSubtype.Integer, Minimum: { } low, Maximum: { } high } => Math.Floor(high) - Math.Ceiling(low) + 1,
                    _ => double.PositiveInfinity,
                };
            }
            if (domain < rows)
                throw new InfeasibleRequestException($"The constraint \"{rule.Describe()}\" allows at most {domain:N0} distinct values, but {rows:N0} rows were requested. Request at most {domain:N0} rows or drop the rule.");
        }
    }
}
