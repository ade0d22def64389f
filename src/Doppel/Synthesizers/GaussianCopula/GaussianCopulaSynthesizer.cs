using Doppel.Data;
using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Synthesizers.GaussianCopula;

/// <summary>
/// The Gaussian copula synthesizer: each learned column is mapped to normal scores through its fitted
/// marginal (or frequency intervals for categories), the correlation of those scores is estimated and
/// repaired to positive definite, and sampling draws correlated normals and maps them back.
/// </summary>
public sealed class GaussianCopulaSynthesizer(GaussianCopulaOptions? options = null) : ISynthesizer
{
    /// <summary>The options this synthesizer fits with.</summary>
    public GaussianCopulaOptions Options { get; } = options ?? new GaussianCopulaOptions();

    public SynthesizerKind Kind => SynthesizerKind.GaussianCopula;

    public ILearnedModel FitLearned(Table table, Metadata metadata, Rng rng, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(rng);

        var columns = new List<ICopulaColumn>(metadata.Columns.Count);
        int dimensions = 0;
        for (int c = 0; c < metadata.Columns.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ColumnMetadata column = metadata.Columns[c];
            Column data = table[column.Name];
            columns.Add(column.Type switch
            {
                ColumnType.Categorical or ColumnType.Boolean => CategoricalCopulaColumn.Fit(column, (CategoricalColumn)data, dimensions++),
                ColumnType.Numerical or ColumnType.DateTime => NumericCopulaColumn.Fit(column, data,
                    column.Distribution is { } forced && forced != Distribution.Auto ? forced : Options.DefaultDistribution,
                    Options.EmpiricalThreshold, ref dimensions),
                _ => throw new ArgumentException($"Column '{column.Name}' is {column.Type}; the copula learns only numerical, categorical, boolean and datetime columns.", nameof(metadata)),
            });
            progress?.Report(new FitProgress("marginals", 0.6 * (c + 1) / metadata.Columns.Count));
        }

        int rows = table.RowCount;
        var scores = new double[dimensions][];
        for (int d = 0; d < dimensions; d++) scores[d] = new double[rows];
        for (int c = 0; c < columns.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            columns[c].Encode(table[columns[c].Metadata.Name], scores, rng.Fork("encode:" + columns[c].Metadata.Name));
        }
        progress?.Report(new FitProgress("normal scores", 0.8));

        double[,] correlation = Correlation.NearestPositiveDefinite(Correlation.PairwisePearson(scores));
        progress?.Report(new FitProgress("correlation", 1.0));
        return new GaussianCopulaModel(metadata, columns, correlation);
    }
}
