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

        int rows = table.RowCount;
        int count = metadata.Columns.Count;
        var columns = new ICopulaColumn?[count];
        var categoricalDimension = new int[count];
        int dimensions = 0;
        // Numbers and datetimes first: their marginals fix their dimensions now; categories only reserve one,
        // because their interval order is learned from the scores of the columns encoded before them.
        for (int c = 0; c < count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ColumnMetadata column = metadata.Columns[c];
            switch (column.Type)
            {
                case ColumnType.Categorical or ColumnType.Boolean:
                    categoricalDimension[c] = dimensions++;
                    break;
                case ColumnType.Numerical or ColumnType.DateTime:
                    Distribution distribution = column.Distribution is { } forced && forced != Distribution.Auto ? forced : Options.DefaultDistribution;
                    columns[c] = NumericCopulaColumn.Fit(column, table[column.Name], distribution, Options.EmpiricalThreshold, ref dimensions);
                    break;
                default:
                    throw new ArgumentException($"Column '{column.Name}' is {column.Type}; the copula learns only numerical, categorical, boolean and datetime columns.", nameof(metadata));
            }
            progress?.Report(new FitProgress("marginals", 0.5 * (c + 1) / count));
        }

        var scores = new double[dimensions][];
        for (int d = 0; d < dimensions; d++) scores[d] = new double[rows];
        var encoded = new List<int>(dimensions);
        for (int c = 0; c < count; c++)
        {
            if (columns[c] is not { } numeric) continue;
            cancellationToken.ThrowIfCancellationRequested();
            numeric.Encode(table[numeric.Metadata.Name], scores, rng.Fork("encode:" + numeric.Metadata.Name));
            encoded.AddRange(numeric.Dimensions);
        }
        for (int c = 0; c < count; c++)
        {
            if (columns[c] is not null) continue;
            cancellationToken.ThrowIfCancellationRequested();
            ColumnMetadata column = metadata.Columns[c];
            var data = (CategoricalColumn)table[column.Name];
            int guide = MostInformativeDimension(data.Codes, data.Categories.Length, scores, encoded);
            var categorical = CategoricalCopulaColumn.Fit(column, data, categoricalDimension[c], guide < 0 ? default : scores[guide]);
            categorical.Encode(data, scores, rng.Fork("encode:" + column.Name));
            encoded.Add(categoricalDimension[c]);
            columns[c] = categorical;
            progress?.Report(new FitProgress("categories", 0.5 + 0.3 * (c + 1) / count));
        }
        progress?.Report(new FitProgress("normal scores", 0.8));

        ICopulaColumn[] fitted = [.. columns.Select(c => c!)];
        double[,] correlation = Correlation.NearestPositiveDefinite(Disattenuate(Correlation.PairwisePearson(scores), fitted, dimensions));
        progress?.Report(new FitProgress("correlation", 1.0));
        return new GaussianCopulaModel(metadata, fitted, correlation);
    }

    /// <summary>
    /// The encoded dimension whose per-category means explain most of its variance (correlation ratio),
    /// or -1 when none explains anything. Its means order the category's intervals.
    /// </summary>
    private static int MostInformativeDimension(int[] codes, int categoryCount, double[][] scores, List<int> candidates)
    {
        const double MinimumRatio = 1e-4;
        int best = -1;
        double bestRatio = MinimumRatio;
        var sums = new double[categoryCount + 1];
        var counts = new long[categoryCount + 1];
        foreach (int d in candidates)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            double[] s = scores[d];
            double total = 0, totalSquares = 0;
            long n = 0;
            for (int i = 0; i < codes.Length; i++)
            {
                double v = s[i];
                if (double.IsNaN(v)) continue;
                int slot = codes[i] < 0 ? categoryCount : codes[i];
                sums[slot] += v;
                counts[slot]++;
                total += v;
                totalSquares += v * v;
                n++;
            }
            if (n < 2) continue;
            double mean = total / n;
            double totalVariation = totalSquares - n * mean * mean;
            if (!(totalVariation > 0)) continue;
            double between = 0;
            for (int k = 0; k <= categoryCount; k++)
                if (counts[k] > 0) between += sums[k] * sums[k] / counts[k];
            double ratio = (between - n * mean * mean) / totalVariation;
            if (ratio > bestRatio)
            {
                bestRatio = ratio;
                best = d;
            }
        }
        return best;
    }

    /// <summary>
    /// Undoes the attenuation random placement inside category intervals causes: a category's score
    /// correlates with anything by its score variance times the latent correlation, so each entry is
    /// divided by the score variances of its two dimensions (exact for a category against a continuous
    /// column, first order between two categories) and kept inside (-1, 1).
    /// </summary>
    private static double[,] Disattenuate(double[,] correlation, ICopulaColumn[] columns, int dimensions)
    {
        const double Limit = 0.999;
        var variance = new double[dimensions];
        foreach (ICopulaColumn column in columns)
            for (int i = 0; i < column.Dimensions.Count; i++) variance[column.Dimensions[i]] = column.ScoreVariances[i];
        for (int i = 0; i < dimensions; i++)
            for (int j = 0; j < dimensions; j++)
                if (i != j) correlation[i, j] = Math.Clamp(correlation[i, j] / (variance[i] * variance[j]), -Limit, Limit);
        return correlation;
    }
}
