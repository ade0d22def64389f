using Doppel.Data;

namespace Doppel.Learning;

/// <summary>How one feature is binned: numbers by quantile edges, categories by their label.</summary>
public enum FeatureKind
{
    /// <summary>A numerical or datetime column, cut into at most 255 ordered bins.</summary>
    Numeric,

    /// <summary>A categorical or boolean column: one bin per category (the rarest pooled beyond 254).</summary>
    Categorical,
}

/// <summary>
/// Turns the learned columns of a table into binned features for tree learners. Fitted on a training
/// table; every other table (test, holdout, synthetic) is binned with the same edges and the same category
/// labels, matched by text, so tables whose category lists differ line up. Bin 0 holds missing values
/// (and, for categories, labels unseen in training); bins 1..n hold values in order.
/// </summary>
public sealed partial class FeatureEncoder
{
    /// <summary>The most bins a feature has, missing bin included.</summary>
    public const int MaxBins = 256;

    private const int QuantileSample = 200_000;

    private readonly Feature[] _features;

    private FeatureEncoder(Feature[] features) => _features = features;

    /// <summary>The features in order: name, kind and number of bins.</summary>
    public IReadOnlyList<(string Name, FeatureKind Kind, int Bins)> Features => [.. _features.Select(f => (f.Name, f.Kind, f.Bins))];

    /// <summary>
    /// Learns bin edges and category labels from <paramref name="train"/>: every numerical, datetime, categorical
    /// and boolean column of <paramref name="metadata"/> except those in <paramref name="exclude"/> (e.g. the target).
    /// </summary>
    public static FeatureEncoder Fit(Table train, Metadata metadata, IEnumerable<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(metadata);
        var skip = new HashSet<string>(exclude ?? [], StringComparer.Ordinal);
        var features = new List<Feature>();
        foreach (ColumnMetadata column in metadata.Columns)
        {
            if (skip.Contains(column.Name) || !column.IsLearned || !train.TryGetColumn(column.Name, out Column? data)) continue;
            features.Add(data is CategoricalColumn categorical ? CategoricalFeature(column.Name, categorical) : NumericFeature(column.Name, Values(data)));
        }
        if (features.Count == 0) throw new UsageException("There is no numerical, datetime, categorical or boolean column to learn from.");
        return new FeatureEncoder([.. features]);
    }

    /// <summary>Bins a table's features: one byte array per feature, one byte per row.</summary>
    public byte[][] Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new byte[_features.Length][];
        for (int f = 0; f < _features.Length; f++)
        {
            Feature feature = _features[f];
            if (!table.TryGetColumn(feature.Name, out Column? data))
                throw new UsageException($"The table has no column '{feature.Name}', which the model was trained on.");
            result[f] = feature.Kind == FeatureKind.Categorical ? feature.BinCategories(data) : feature.BinNumbers(Values(data));
        }
        return result;
    }

    /// <summary>The value a bin stands for, for reading trees: an upper edge for numbers, a label for categories.</summary>
    public string DescribeBin(int feature, int bin)
    {
        Feature f = _features[feature];
        if (bin == 0) return "(missing)";
        return f.Kind == FeatureKind.Categorical ? f.Labels[bin - 1] : $"<= {f.Edges[bin - 1]:G6}";
    }

    internal static double[] Values(Column column) => column switch
    {
        NumericColumn numeric => numeric.Values,
        DateTimeColumn dates => [.. dates.Ticks.Select(t => t == DateTimeColumn.Missing ? double.NaN : t / (double)TimeSpan.TicksPerSecond)],
        CategoricalColumn categorical => [.. categorical.Codes.Select(c => c < 0 ? double.NaN : c)],
        _ => throw new UsageException($"Column '{column.Name}' holds text; trees learn from numbers, dates and categories."),
    };

    private static Feature NumericFeature(string name, double[] values)
    {
        double[] present = [.. values.Where(v => !double.IsNaN(v))];
        Array.Sort(present);
        var edges = new List<double>();
        if (present.Length > 0)
        {
            // Distinct values first: few of them get a bin each; many get quantile edges.
            int distinct = 1;
            for (int i = 1; i < present.Length && distinct < MaxBins; i++) if (present[i] != present[i - 1]) distinct++;
            if (distinct < MaxBins - 1)
            {
                for (int i = 0; i < present.Length; i++)
                    if (i + 1 == present.Length || present[i + 1] != present[i]) edges.Add(present[i]);
            }
            else
            {
                int bins = MaxBins - 1;
                for (int b = 1; b <= bins; b++)
                {
                    double edge = present[Math.Min(present.Length - 1, (int)((long)b * present.Length / bins) - 1)];
                    if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
                }
                edges[^1] = double.PositiveInfinity;
            }
            edges[^1] = double.PositiveInfinity;
        }
        return new Feature(name, FeatureKind.Numeric, [.. edges], []);
    }

    private static Feature CategoricalFeature(string name, CategoricalColumn column)
    {
        var counts = new long[column.Categories.Length];
        foreach (int code in column.Codes) if (code >= 0) counts[code]++;
        // Most frequent first; beyond 254 labels the rest share bin 0 with missing values.
        string[] labels = [.. Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0)
            .OrderByDescending(c => counts[c]).ThenBy(c => c).Take(MaxBins - 2).Select(c => column.Categories[c])];
        return new Feature(name, FeatureKind.Categorical, [], labels);
    }

    private sealed class Feature(string name, FeatureKind kind, double[] edges, string[] labels)
    {
        private readonly Dictionary<string, int> _binOfLabel = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i + 1, StringComparer.Ordinal);

        public string Name { get; } = name;
        public FeatureKind Kind { get; } = kind;
        public double[] Edges { get; } = edges;
        public string[] Labels { get; } = labels;
        public int Bins => 1 + (Kind == FeatureKind.Categorical ? Labels.Length : Edges.Length);

        public byte[] BinNumbers(double[] values)
        {
            var bins = new byte[values.Length];
            double[] edges = Edges;
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                if (double.IsNaN(v) || edges.Length == 0) continue;
                int low = 0, high = edges.Length - 1;
                while (low < high)
                {
                    int mid = (low + high) >>> 1;
                    if (v <= edges[mid]) high = mid;
                    else low = mid + 1;
                }
                bins[i] = (byte)(low + 1);
            }
            return bins;
        }

        public byte[] BinCategories(Column column)
        {
            if (column is not CategoricalColumn categorical)
                throw new UsageException($"Column '{Name}' was categorical in training but is not here.");
            var binOfCode = new byte[categorical.Categories.Length];
            for (int c = 0; c < binOfCode.Length; c++)
                binOfCode[c] = _binOfLabel.TryGetValue(categorical.Categories[c], out int bin) ? (byte)bin : (byte)0;
            var bins = new byte[categorical.Codes.Length];
            for (int i = 0; i < bins.Length; i++)
            {
                int code = categorical.Codes[i];
                bins[i] = code < 0 ? (byte)0 : binOfCode[code];
            }
            return bins;
        }
    }
}
