using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>
/// What an evaluation compares: the real (training) table, the synthetic table, optionally a real holdout
/// the synthesizer never saw, their shared metadata, and the roles some columns play.
/// </summary>
public sealed record EvaluationInputs
{
    public EvaluationInputs(Table real, Table synthetic, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(metadata);
        Real = real;
        Synthetic = synthetic;
        Metadata = metadata;
    }

    /// <summary>The real rows the synthesizer was fitted on.</summary>
    public Table Real { get; }

    /// <summary>The synthetic rows under evaluation.</summary>
    public Table Synthetic { get; }

    /// <summary>Metadata of both tables (column types decide which metric applies).</summary>
    public Metadata Metadata { get; }

    /// <summary>Real rows the synthesizer never saw: needed by utility (test set) and by privacy comparisons.</summary>
    public Table? Holdout { get; init; }

    /// <summary>The column to predict for utility (TSTR), when given.</summary>
    public string? Target { get; init; }

    /// <summary>Columns an attacker tries to infer (attribute inference).</summary>
    public IReadOnlyList<string> Sensitive { get; init; } = [];

    /// <summary>Columns an attacker may know about a person (k-anonymity, singling out).</summary>
    public IReadOnlyList<string> QuasiIdentifiers { get; init; } = [];

    /// <summary>Seed for every random choice (subsamples, folds): same seed, same report.</summary>
    public long Seed { get; init; }

    /// <summary>Threads to use; results do not depend on it.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The model that produced <see cref="Synthetic"/>, when known: reports state its synthesizer and privacy budget.</summary>
    public SourceModel? Model { get; init; }
}
