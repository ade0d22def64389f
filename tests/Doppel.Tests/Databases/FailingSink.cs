using Doppel.Data;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Tests.Databases;

/// <summary>Passes blocks to a real sink and fails on one of them, as a full disk or a lost connection would.</summary>
internal sealed class FailingSink<TEncoded>(ITableSink<TEncoded> inner, int failAtBlock) : ITableSink<TEncoded>
{
    private int _written;

    public TEncoded Encode(Table block) => inner.Encode(block);

    public void Write(TEncoded encoded)
    {
        if (_written++ == failAtBlock) throw new IOException($"Simulated failure at block {failAtBlock}.");
        inner.Write(encoded);
    }

    public void Commit() => inner.Commit();

    public void Dispose() => inner.Dispose();
}
