using Doppel.Data;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Generation;

/// <summary>
/// A compiled schema: its tables in dependency order (parents before children), each with its metadata and row
/// count. Values are a function of (seed, table, column, block): any thread count gives the same bytes, and
/// shard i of N writes exactly its blocks of the single run. Immutable and thread-safe.
/// </summary>
public sealed class GenerationPlan
{
    private readonly Dictionary<string, TablePlan> _plans;

    internal GenerationPlan(List<TablePlan> plans, GenerationOptions options)
    {
        _plans = plans.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Options = options;
        Tables = [.. plans.Select(p => new GeneratedTable(p.Name, p.Metadata, p.Rows, p.Parents) { ForeignKeys = [.. p.ForeignKeys] })];
    }

    /// <summary>The options the plan was compiled with.</summary>
    public GenerationOptions Options { get; }

    /// <summary>The tables, parents before children.</summary>
    public IReadOnlyList<GeneratedTable> Tables { get; }

    /// <summary>The table with this name; throws listing the names when absent.</summary>
    public GeneratedTable this[string name] => Tables.FirstOrDefault(t => t.Name == name)
        ?? throw new UsageException($"The schema has no table '{name}'. Tables: {string.Join(", ", Tables.Select(t => t.Name))}.");

    /// <summary>
    /// Streams one table (or its shard) into a sink in blocks of <see cref="BlockSampler.BlockSize"/> rows, encoded in
    /// parallel and written in order. Does not commit the sink, so a caller writing several tables commits them
    /// together once all succeeded.
    /// </summary>
    public void Write<TEncoded>(string table, ITableSink<TEncoded> sink, Shard? shard = null, IProgress<SampleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        TablePlan plan = Plan(table);
        (long first, long end) = BlockRange(plan.Rows, shard ?? Shard.Whole);
        BlockSampler.Stream(sink, first, end, this[table].RowsInShard(shard ?? Shard.Whole), Options.MaxThreads, plan.Block, progress, cancellationToken);
    }

    /// <summary>The whole table in memory (for tests, demos and small tables).</summary>
    public Table Generate(string table)
    {
        using var sink = new MemoryTableSink();
        Write(table, sink);
        TablePlan plan = Plan(table);
        return plan.Rows == 0 ? plan.Block(0) : sink.ToTable();
    }

    private TablePlan Plan(string table) => _plans.TryGetValue(table, out TablePlan? plan)
        ? plan
        : throw new UsageException($"The schema has no table '{table}'. Tables: {string.Join(", ", Tables.Select(t => t.Name))}.");

    internal static (long First, long End) BlockRange(long rows, Shard shard) =>
        shard.BlockRange((rows + BlockSampler.BlockSize - 1) / BlockSampler.BlockSize);
}
