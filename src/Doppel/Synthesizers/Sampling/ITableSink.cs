using Doppel.Data;

namespace Doppel.Synthesizers.Sampling;

/// <summary>
/// Where sampled blocks go. <see cref="Encode"/> runs on several threads at once (one block each) and
/// turns a block into the sink's own form (bytes for files, the table itself in memory);
/// <see cref="Write"/> receives the encoded blocks in row order on one thread; <see cref="Commit"/>
/// makes the output visible. Disposing without commit leaves nothing behind.
/// </summary>
public interface ITableSink<TEncoded> : IDisposable
{
    /// <summary>Turns one block of rows into what <see cref="Write"/> takes. Thread-safe.</summary>
    TEncoded Encode(Table block);

    /// <summary>Appends an encoded block; blocks arrive in row order.</summary>
    void Write(TEncoded encoded);

    /// <summary>Finishes the output and makes it visible.</summary>
    void Commit();
}
