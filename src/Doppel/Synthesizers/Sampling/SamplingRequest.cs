namespace Doppel.Synthesizers.Sampling;

/// <summary>What to sample: how many rows, with which seed, conditions, shard, locale and threads. Validated when built.</summary>
public sealed record SamplingRequest
{
    public SamplingRequest(long rows)
    {
        if (rows < 1) throw new UsageException($"The number of rows must be at least 1; got {rows}.");
        Rows = rows;
    }

    /// <summary>Rows of the whole run (all shards together).</summary>
    public long Rows { get; }

    /// <summary>The seed: the same seed gives the same bytes.</summary>
    public long Seed { get; init; }

    /// <summary>Conditions every row meets.</summary>
    public ConditionSet Conditions { get; init; } = ConditionSet.None;

    /// <summary>Which part of the run to produce.</summary>
    public Shard Shard { get; init; } = Shard.Whole;

    /// <summary>Locale of regenerated personal data (a Bogus locale such as "en", "de", "fr").</summary>
    public string Locale { get; init; } = "en";

    /// <summary>
    /// Real values, per PII column, that regenerated values must never equal (a generated value that
    /// happens to match is drawn again). Built from the real table with <see cref="RealPersonalValues"/>
    /// when it is at hand, as in fit-and-sample; held in memory only and never written to a model.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? ExcludedValues { get; init; }

    /// <summary>The distinct values of every PII column of a real table, for <see cref="ExcludedValues"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> RealPersonalValues(Data.Table table, Data.Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (Data.ColumnMetadata column in metadata.Columns)
        {
            if (column.Type != Data.ColumnType.Pii || !table.TryGetColumn(column.Name, out Data.Column? data) || data is not Data.TextColumn text) continue;
            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (string? value in text.Values)
                if (value is not null) values.Add(value);
            result[column.Name] = values;
        }
        return result;
    }

    /// <summary>Rows this request's shard produces.</summary>
    public long RowsInShard
    {
        get
        {
            (long first, long end) = BlockRange;
            return Math.Min(end * BlockSampler.BlockSize, Rows) - Math.Min(first * BlockSampler.BlockSize, Rows);
        }
    }

    /// <summary>The blocks [first, end) this request's shard produces.</summary>
    internal (long First, long End) BlockRange => Shard.BlockRange((Rows + BlockSampler.BlockSize - 1) / BlockSampler.BlockSize);

    /// <summary>Threads to use (default: all cores). Output does not depend on it.</summary>
    public int MaxThreads
    {
        get;
        init => field = value >= 1 ? value : throw new UsageException($"Threads must be at least 1; got {value}.");
    } = Environment.ProcessorCount;
}
