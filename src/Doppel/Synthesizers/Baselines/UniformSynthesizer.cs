using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Baselines;

/// <summary>
/// The uniform baseline: numbers and dates uniform over their observed range (whole numbers for integer columns),
/// categories uniform over those observed, missing at the observed rate. The floor of every benchmark.
/// </summary>
public sealed class UniformSynthesizer : ISynthesizer
{
    public SynthesizerKind Kind => SynthesizerKind.Uniform;

    public ILearnedModel FitLearned(Table table, Metadata metadata, Rng rng, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        cancellationToken.ThrowIfCancellationRequested();
        IColumnSampler[] columns = [.. metadata.Columns.Select(c => UniformColumn.Fit(c, table[c.Name]))];
        progress?.Report(new FitProgress("ranges", 1.0));
        return new ColumnwiseModel(SynthesizerKind.Uniform, metadata, columns);
    }
}
