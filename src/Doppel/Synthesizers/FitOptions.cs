namespace Doppel.Synthesizers;

/// <summary>Options of one fit that are not the synthesizer's own: the seed and where the data came from.</summary>
public sealed record FitOptions
{
    /// <summary>The seed of every random draw of the fit.</summary>
    public long Seed { get; init; }

    /// <summary>The source's name for the lineage.</summary>
    public string SourceName { get; init; } = "(in memory)";

    /// <summary>SHA-256 of the source file, for the lineage.</summary>
    public string? SourceSha256 { get; init; }
}
