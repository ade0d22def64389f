using Doppel.Data;

namespace Doppel.Synthesizers.Sampling;

/// <summary>Collects sampled blocks in memory and joins them into one table.</summary>
public sealed class MemoryTableSink : ITableSink<Table>
{
    private readonly List<Table> _blocks = [];

    public Table Encode(Table block) => block;

    public void Write(Table encoded) => _blocks.Add(encoded);

    public void Commit() { }

    public void Dispose() { }

    /// <summary>All written rows as one table.</summary>
    public Table ToTable() => TableConcatenation.Concatenate(_blocks);
}
