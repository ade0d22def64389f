using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>
/// Column Shapes as SDMetrics defines it: per column, KSComplement (1 − the Kolmogorov–Smirnov statistic)
/// for numerical and datetime columns and TVComplement (1 − total variation distance) for categorical and
/// boolean columns, both on non-missing values; the property is their mean.
/// </summary>
public static class ColumnShapes
{
    /// <summary>Per learned column present in both tables: its name, metric and score in [0, 1].</summary>
    public static IReadOnlyList<(string Column, string Metric, double Score)> Score(Table real, Table synthetic, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(metadata);
        var scores = new List<(string, string, double)>();
        foreach (ColumnMetadata column in metadata.Columns.Where(c => c.IsLearned))
        {
            if (!real.TryGetColumn(column.Name, out Column? a) || !synthetic.TryGetColumn(column.Name, out Column? b)) continue;
            if (a is CategoricalColumn ca && b is CategoricalColumn cb)
                scores.Add((column.Name, "TVComplement", 1 - TotalVariation(ca, cb)));
            else if (Numbers(a) is { Length: > 0 } x && Numbers(b) is { Length: > 0 } y)
                scores.Add((column.Name, "KSComplement", 1 - KolmogorovSmirnov(x, y)));
        }
        return scores;
    }

    /// <summary>The two-sample Kolmogorov–Smirnov statistic: the largest gap between the empirical CDFs.</summary>
    public static double KolmogorovSmirnov(double[] first, double[] second)
    {
        double[] a = [.. first.Order()];
        double[] b = [.. second.Order()];
        int i = 0, j = 0;
        double statistic = 0;
        while (i < a.Length && j < b.Length)
        {
            double value = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= value) i++;
            while (j < b.Length && b[j] <= value) j++;
            statistic = Math.Max(statistic, Math.Abs(i / (double)a.Length - j / (double)b.Length));
        }
        return statistic;
    }

    /// <summary>Total variation distance between the category frequencies of two columns (missing values left out).</summary>
    public static double TotalVariation(CategoricalColumn first, CategoricalColumn second)
    {
        Dictionary<string, double> p = Frequencies(first), q = Frequencies(second);
        double sum = 0;
        foreach (string key in p.Keys.Union(q.Keys))
            sum += Math.Abs(p.GetValueOrDefault(key) - q.GetValueOrDefault(key));
        return sum / 2;
    }

    private static Dictionary<string, double> Frequencies(CategoricalColumn column)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        int total = 0;
        for (int i = 0; i < column.Length; i++)
        {
            string? value = column[i];
            if (value is null) continue;
            counts[value] = counts.GetValueOrDefault(value) + 1;
            total++;
        }
        foreach (string key in counts.Keys) counts[key] /= Math.Max(1, total);
        return counts;
    }

    private static double[] Numbers(Column column) => column switch
    {
        NumericColumn n => [.. n.Values.Where(v => !double.IsNaN(v))],
        DateTimeColumn d => [.. d.Ticks.Where(t => t != DateTimeColumn.Missing).Select(t => (double)t)],
        _ => [],
    };
}
