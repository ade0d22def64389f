using Doppel.Data;
using Doppel.Randomness;
using Doppel.Synthesizers.Cart;

namespace Doppel.Synthesizers.Baselines;

/// <summary>
/// The independence baseline: every learned column is drawn from its own observed values (missing included), with no
/// link between columns. A benchmark floor: any synthesizer that keeps correlations should beat it on pair metrics.
/// </summary>
public sealed class IndependentSynthesizer : ISynthesizer
{
    public SynthesizerKind Kind => SynthesizerKind.Independent;

    public ILearnedModel FitLearned(Table table, Metadata metadata, Rng rng, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        var columns = new IColumnSampler[metadata.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ColumnMetadata column = metadata.Columns[c];
            columns[c] = DonorColumn.Fit(column, table[column.Name], tree: null, features: null, smoothing: false);
            progress?.Report(new FitProgress("marginals", (c + 1.0) / columns.Length));
        }
        return new ColumnwiseModel(SynthesizerKind.Independent, metadata, columns);
    }
}
