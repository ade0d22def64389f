namespace Doppel.Generation;

/// <summary>How to generate from a schema: seed, default locale, row count of the root tables, threads. Validated when built.</summary>
public sealed record GenerationOptions
{
    /// <summary>The seed of every draw: the same schema and seed give the same bytes. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>Default locale of fake values (a Bogus locale such as en, de, fr, en_GB), replacing the schema's; null keeps the schema's (or en).</summary>
    public string? Locale { get; init; }

    /// <summary>Rows of every table without foreign keys, replacing the schema's 'rows'; null keeps the schema's.</summary>
    public long? Rows
    {
        get;
        init => field = value is null or >= 0 ? value : throw new UsageException($"The number of rows must be at least 0; got {value}.");
    }

    /// <summary>Threads to use (default: all cores). Output does not depend on it.</summary>
    public int MaxThreads
    {
        get;
        init => field = value >= 1 ? value : throw new UsageException($"Threads must be at least 1; got {value}.");
    } = Environment.ProcessorCount;
}
