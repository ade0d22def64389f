using Doppel.Data;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// One learned column of both tables, prepared once for every fidelity metric: continuous columns (numerical, datetime
/// as ticks from the real minimum) as values, sorted values and SDMetrics bins; discrete columns (categorical, boolean)
/// as codes in one label space shared by real and synthetic. Missing values stay NaN / -1.
/// </summary>
internal sealed class FidelityColumn
{
    private FidelityColumn(ColumnMetadata metadata, bool continuous)
    {
        Metadata = metadata;
        IsContinuous = continuous;
    }

    public ColumnMetadata Metadata { get; }
    public string Name => Metadata.Name;

    /// <summary>Numerical or datetime (compared as numbers); otherwise categorical or boolean.</summary>
    public bool IsContinuous { get; }

    /// <summary>Continuous: per-row values, NaN missing (datetimes in ticks since the real minimum, so doubles keep their precision).</summary>
    public double[] RealValues { get; private init; } = [];
    public double[] SyntheticValues { get; private init; } = [];

    /// <summary>Continuous: the present values, sorted.</summary>
    public double[] RealSorted { get; private init; } = [];
    public double[] SyntheticSorted { get; private init; } = [];

    /// <summary>Per-row labels (-1 missing): category codes for discrete columns, SDMetrics bins for continuous ones.</summary>
    public int[] RealLabels { get; private init; } = [];
    public int[] SyntheticLabels { get; private init; } = [];

    /// <summary>How many labels there are (real categories first, then categories only the synthetic column has).</summary>
    public int LabelCount { get; private init; }

    /// <summary>Discrete: the text of each label.</summary>
    private string[] LabelNames { get; init; } = [];

    /// <summary>The text of a discrete label, or the bin number of a continuous one.</summary>
    public string Label(int label) => label < LabelNames.Length ? LabelNames[label] : $"bin {label}";

    public int RealMissing { get; private init; }
    public int SyntheticMissing { get; private init; }
    public int RealRows => IsContinuous ? RealValues.Length : RealLabels.Length;
    public int SyntheticRows => IsContinuous ? SyntheticValues.Length : SyntheticLabels.Length;

    /// <summary>Counts of each label among present values.</summary>
    public int[] RealCounts() => CountLabels(RealLabels, LabelCount);
    public int[] SyntheticCounts() => CountLabels(SyntheticLabels, LabelCount);

    /// <summary>Prepares a column, or says why it cannot be compared.</summary>
    public static FidelityColumn? TryPrepare(ColumnMetadata metadata, Column real, Column synthetic, out string? problem)
    {
        problem = null;
        switch (metadata.Type)
        {
            case ColumnType.Numerical when real is NumericColumn a && synthetic is NumericColumn b:
                return Continuous(metadata, a.Values, b.Values);
            case ColumnType.DateTime when real is DateTimeColumn a && synthetic is DateTimeColumn b:
                long origin = MinimumTicks(a.Ticks);
                return Continuous(metadata, FromTicks(a.Ticks, origin), FromTicks(b.Ticks, origin));
            case ColumnType.Categorical or ColumnType.Boolean when real is CategoricalColumn a && synthetic is CategoricalColumn b:
                return Discrete(metadata, a, b);
            default:
                problem = $"declared {metadata.Type.ToString().ToLowerInvariant()} but held as {real.Kind.ToString().ToLowerInvariant()} (real) and {synthetic.Kind.ToString().ToLowerInvariant()} (synthetic) values";
                return null;
        }
    }

    private static FidelityColumn Continuous(ColumnMetadata metadata, double[] real, double[] synthetic)
    {
        double[] realSorted = Present(real), syntheticSorted = Present(synthetic);
        int[] realLabels = new int[real.Length], syntheticLabels = new int[synthetic.Length];
        if (realSorted.Length > 0)
        {
            double[] edges = Distributions.BinEdges(realSorted[0], realSorted[^1]);
            for (int i = 0; i < real.Length; i++) realLabels[i] = Distributions.Digitize(real[i], edges);
            for (int i = 0; i < synthetic.Length; i++) syntheticLabels[i] = Distributions.Digitize(synthetic[i], edges);
        }
        else
        {
            // No real value to bin by: every present value shares one label.
            for (int i = 0; i < real.Length; i++) realLabels[i] = -1;
            for (int i = 0; i < synthetic.Length; i++) syntheticLabels[i] = double.IsNaN(synthetic[i]) ? -1 : 0;
        }
        return new FidelityColumn(metadata, continuous: true)
        {
            RealValues = real,
            SyntheticValues = synthetic,
            RealSorted = realSorted,
            SyntheticSorted = syntheticSorted,
            RealLabels = realLabels,
            SyntheticLabels = syntheticLabels,
            LabelCount = Distributions.DigitizedLabels,
            RealMissing = real.Length - realSorted.Length,
            SyntheticMissing = synthetic.Length - syntheticSorted.Length,
        };
    }

    private static FidelityColumn Discrete(ColumnMetadata metadata, CategoricalColumn real, CategoricalColumn synthetic)
    {
        // Real codes stay as they are; a synthetic category maps to the real code of the same text, or a new label.
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < real.Categories.Length; k++) labels.TryAdd(real.Categories[k], k);
        int next = real.Categories.Length;
        var map = new int[synthetic.Categories.Length];
        for (int k = 0; k < map.Length; k++)
        {
            if (!labels.TryGetValue(synthetic.Categories[k], out int label))
            {
                label = next++;
                labels.Add(synthetic.Categories[k], label);
            }
            map[k] = label;
        }
        var syntheticLabels = new int[synthetic.Length];
        int syntheticMissing = 0;
        for (int i = 0; i < syntheticLabels.Length; i++)
        {
            int code = synthetic.Codes[i];
            syntheticLabels[i] = code < 0 ? -1 : map[code];
            if (code < 0) syntheticMissing++;
        }
        return new FidelityColumn(metadata, continuous: false)
        {
            RealLabels = real.Codes,
            SyntheticLabels = syntheticLabels,
            LabelCount = next,
            LabelNames = [.. labels.OrderBy(pair => pair.Value).Select(pair => pair.Key)],
            RealMissing = real.MissingCount(),
            SyntheticMissing = syntheticMissing,
        };
    }

    private static double[] Present(double[] values)
    {
        double[] present = [.. values.Where(v => !double.IsNaN(v))];
        Array.Sort(present);
        return present;
    }

    private static long MinimumTicks(long[] ticks)
    {
        long minimum = long.MaxValue;
        foreach (long t in ticks)
            if (t != DateTimeColumn.Missing && t < minimum) minimum = t;
        return minimum == long.MaxValue ? 0 : minimum;
    }

    private static double[] FromTicks(long[] ticks, long origin)
    {
        var values = new double[ticks.Length];
        for (int i = 0; i < ticks.Length; i++)
            values[i] = ticks[i] == DateTimeColumn.Missing ? double.NaN : (double)(ticks[i] - origin);
        return values;
    }

    private static int[] CountLabels(int[] labels, int count)
    {
        var counts = new int[count];
        foreach (int label in labels)
            if (label >= 0) counts[label]++;
        return counts;
    }
}
