namespace Doppel.Synthesizers.Sampling;

/// <summary>A number of rows that all meet one set of conditions (one line of a conditions file).</summary>
public sealed record ConditionGroup(ConditionSet Conditions, long Rows);

/// <summary>What to sample: how many rows, with which seed, conditions, shard, locale and threads. Validated when built.</summary>
public sealed record SamplingRequest
{
    private readonly IReadOnlyList<ConditionGroup>? _groups;

    public SamplingRequest(long rows)
    {
        if (rows < 1) throw new UsageException($"The number of rows must be at least 1; got {rows}.");
        Rows = rows;
    }

    /// <summary>
    /// Rows in groups, each meeting its own conditions, written one group after another in the order given
    /// (as from <c>--conditions file.csv</c>). Every group needs at least one row.
    /// </summary>
    public SamplingRequest(IEnumerable<ConditionGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = [.. groups];
        if (_groups.Count == 0) throw new UsageException("The conditions list is empty: give at least one group of conditions with a row count.");
        for (int g = 0; g < _groups.Count; g++)
            if (_groups[g].Rows < 1) throw new UsageException($"Condition group {g + 1} ({_groups[g].Conditions}) asks for {_groups[g].Rows} rows; each group needs at least 1.");
        Rows = _groups.Sum(g => g.Rows);
    }

    /// <summary>Rows of the whole run (all shards together).</summary>
    public long Rows { get; }

    /// <summary>The groups of rows and their conditions: one group holding <see cref="Conditions"/> unless built from groups.</summary>
    public IReadOnlyList<ConditionGroup> Groups => _groups ?? [new ConditionGroup(Conditions, Rows)];

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
            if (_groups is null)
                return Math.Min(end * BlockSampler.BlockSize, Rows) - Math.Min(first * BlockSampler.BlockSize, Rows);
            long rows = 0;
            for (long b = first; b < end; b++) rows += Block(b).Rows;
            return rows;
        }
    }

    /// <summary>The blocks [first, end) this request's shard produces.</summary>
    internal (long First, long End) BlockRange => Shard.BlockRange(BlockCount);

    /// <summary>Blocks of the whole run: each group starts a new block, so a block never mixes conditions.</summary>
    internal long BlockCount => _groups is null ? BlocksOf(Rows) : BlockStarts[^1];

    /// <summary>Block b of the run: its group, index within the group, first row of the run and row count.</summary>
    internal (int Group, long IndexInGroup, long FirstRow, int Rows) Block(long b)
    {
        if (_groups is null)
            return (0, b, b * BlockSampler.BlockSize, (int)Math.Min(BlockSampler.BlockSize, Rows - b * BlockSampler.BlockSize));
        long[] starts = BlockStarts;
        int group = Array.BinarySearch(starts, b);
        group = group >= 0 ? group : ~group - 1; // every group has at least one block, so starts strictly increase
        long index = b - starts[group];
        long firstRow = RowStarts[group] + index * BlockSampler.BlockSize;
        return (group, index, firstRow, (int)Math.Min(BlockSampler.BlockSize, _groups[group].Rows - index * BlockSampler.BlockSize));
    }

    private static long BlocksOf(long rows) => (rows + BlockSampler.BlockSize - 1) / BlockSampler.BlockSize;

    // Cumulative block and row counts per group (length = groups + 1), built on first use.
    private long[] BlockStarts => field ??= Cumulative(g => BlocksOf(g.Rows));

    private long[] RowStarts => field ??= Cumulative(g => g.Rows);

    private long[] Cumulative(Func<ConditionGroup, long> size)
    {
        var result = new long[_groups!.Count + 1];
        for (int g = 0; g < _groups.Count; g++) result[g + 1] = result[g] + size(_groups[g]);
        return result;
    }

    /// <summary>Threads to use (default: all cores). Output does not depend on it.</summary>
    public int MaxThreads
    {
        get;
        init => field = value >= 1 ? value : throw new UsageException($"Threads must be at least 1; got {value}.");
    } = Environment.ProcessorCount;
}
