namespace Doppel.Synthesizers;

/// <summary>Where a model came from: its source data, the library that fitted it, the seed and how long it took.</summary>
public sealed record ModelLineage
{
    /// <summary>The source's file name (no folders), or a description for in-memory tables.</summary>
    public string SourceName { get; init; } = "(in memory)";

    /// <summary>SHA-256 of the source file's bytes, lower-case hex; null for in-memory tables.</summary>
    public string? SourceSha256 { get; init; }

    /// <summary>Rows the model was fitted on.</summary>
    public long Rows { get; init; }

    /// <summary>Columns of the source table.</summary>
    public int Columns { get; init; }

    /// <summary>The Doppel version that fitted the model.</summary>
    public string LibraryVersion { get; init; } = LibraryInfo.Version;

    /// <summary>The seed of the fit.</summary>
    public long Seed { get; init; }

    /// <summary>Wall-clock seconds the fit took.</summary>
    public double FitSeconds { get; init; }
}
