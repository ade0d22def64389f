using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// The value of a column, or the combination of values of several, occurs at most once in the whole sampled output
/// (all blocks and shards together). Rows with a missing value in any of the columns are exempt, as with a SQL
/// unique index.
/// </summary>
/// <remarks>
/// Design. Blocks are made independently and in parallel, so uniqueness cannot come from the model; it is settled
/// after each block is made, in block order, on one thread: every row whose key (the values as written: numbers
/// rounded to the column's decimals, datetimes to the tick, categories as text) is already taken is replaced by a
/// fresh row drawn through the sampler's rejection path (its own generator forked from the block index, the block's
/// conditions applied), which keeps only rows with unused keys. The rows that are kept keep their place and their
/// values, so the distribution changes only where collisions happen (in a discrete column, values the model makes
/// often become rarer once taken: that is what uniqueness means). The result depends only on the seed and the block
/// order, never on threads. A shard replays the blocks before its range (without writing them) to know which keys
/// are taken, so shard i of N still writes exactly its rows of the single run. The index holds one key per row, so
/// memory grows with the rows sampled, as any unique index does. When the domain is too small (fewer distinct
/// values than rows, or values the model makes too rarely), the measured acceptance falls below the rejection
/// sampler's minimum and the request is refused as infeasible (<see cref="InfeasibleRequestException"/>, CLI exit 4);
/// a domain known from the metadata alone (booleans, bounded integers) is checked before sampling starts.
/// Making a number unique by construction (adding a tie-break derived from the global row index) was set aside:
/// values are written rounded to their column's decimals, where a tie-break small enough to keep the distribution
/// vanishes, while one large enough to survive rounding shifts every value; settling changes only colliding rows.
/// </remarks>
public sealed record Unique(IReadOnlyList<string> Of) : Constraint
{
    public override string Type => "unique";
    public override IReadOnlyList<string> Columns => Of;

    public override bool[] Check(Table table, Table? real = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new bool[table.RowCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 0; r < result.Length; r++) result[r] = Key(table, r, decimals: null) is not { } key || seen.Add(key);
        return result;
    }

    /// <summary>The row's key, or null when a value is missing (the row is exempt); numbers rounded to <paramref name="decimals"/> when given.</summary>
    internal string? Key(Table table, int row, Func<string, int?>? decimals)
    {
        var parts = new string?[Of.Count];
        for (int k = 0; k < Of.Count; k++)
        {
            Column column = table[Of[k]];
            if (column.IsMissing(row)) return null;
            parts[k] = column switch
            {
                NumericColumn numeric => Number(numeric.Values[row], decimals?.Invoke(Of[k])),
                DateTimeColumn dates => dates.Ticks[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
                CategoricalColumn categorical => categorical[row],
                TextColumn text => text.Values[row],
                _ => null,
            };
        }
        return ConstraintSet.JoinKey(parts);
    }

    private static string Number(double value, int? decimals)
    {
        if (decimals is int d) value = Math.Round(value, Math.Clamp(d, 0, 15), MidpointRounding.AwayFromZero);
        if (value == 0) value = 0; // -0 and 0 are written alike
        return value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string Describe() => Of.Count == 1 ? $"{Of[0]} is unique" : $"({string.Join(", ", Of)}) is unique";

    public bool Equals(Unique? other) => other is not null && Of.SequenceEqual(other.Of);

    public override int GetHashCode() => Of.Count == 0 ? 0 : Of[0].GetHashCode(StringComparison.Ordinal);
}
