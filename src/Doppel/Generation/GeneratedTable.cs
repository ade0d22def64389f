using Doppel.Data;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Generation;

/// <summary>One table of a compiled schema: its name, metadata (how its columns are written), row count and parent tables.</summary>
public sealed record GeneratedTable(string Name, Metadata Metadata, long Rows, IReadOnlyList<string> Parents)
{
    /// <summary>The foreign keys (column → parent table and key column), for outputs that declare them (databases).</summary>
    public IReadOnlyList<IO.ForeignKey> ForeignKeys { get; init; } = [];

    /// <summary>Rows that shard <paramref name="shard"/> of the run writes.</summary>
    public long RowsInShard(Shard shard)
    {
        (long first, long end) = GenerationPlan.BlockRange(Rows, shard);
        return Math.Min(end * BlockSampler.BlockSize, Rows) - Math.Min(first * BlockSampler.BlockSize, Rows);
    }
}
