using System.Globalization;

namespace Doppel.Evaluation.Fidelity;

/// <summary>The per-column parts of the fidelity metrics for one prepared column.</summary>
internal static class ColumnFidelity
{
    private const int ShownCategories = 3;
    private const string TooWide = "the values span more than a double can hold, so the distance overflows";

    /// <summary>KSComplement for continuous columns, TVComplement for discrete ones, on present values (SDMetrics' Column Shapes).</summary>
    public static MetricPart Shape(FidelityColumn column)
    {
        if (column.IsContinuous)
        {
            if (Empty(column) is { } why) return MetricParts.Skipped(column.Name, why);
            double statistic = Distributions.CompareSorted(column.RealSorted, column.SyntheticSorted).KolmogorovSmirnov;
            return new MetricPart(column.Name, 1 - statistic, statistic, "KSComplement");
        }
        int[] real = column.RealCounts(), synthetic = column.SyntheticCounts();
        if (Empty(real, synthetic) is { } reason) return MetricParts.Skipped(column.Name, reason);
        double score = Distributions.TotalVariationComplement(real, synthetic);
        return new MetricPart(column.Name, score, 1 - score, "TVComplement");
    }

    /// <summary>RangeCoverage: how much of the real [min, max] the synthetic values span; 0 when they span none of it.</summary>
    public static MetricPart Range(FidelityColumn column)
    {
        if (column.RealSorted.Length == 0) return MetricParts.Skipped(column.Name, "the real column has no values");
        double minimum = column.RealSorted[0], maximum = column.RealSorted[^1];
        if (minimum == maximum) return MetricParts.Skipped(column.Name, "the real column is constant: it has no range to cover");
        if (column.SyntheticSorted.Length == 0) return new MetricPart(column.Name, 0, null, "the synthetic column has no values");
        double width = maximum - minimum;
        if (!double.IsFinite(width)) return MetricParts.Skipped(column.Name, TooWide);
        double lowGap = Math.Max((column.SyntheticSorted[0] - minimum) / width, 0);
        double highGap = Math.Max((maximum - column.SyntheticSorted[^1]) / width, 0);
        return new MetricPart(column.Name, Math.Clamp(1 - (lowGap + highGap), 0, 1), null, null);
    }

    /// <summary>CategoryCoverage: the share of real categories that appear at least once in the synthetic column.</summary>
    public static MetricPart Categories(FidelityColumn column)
    {
        int[] real = column.RealCounts(), synthetic = column.SyntheticCounts();
        int present = 0, covered = 0;
        var absent = new List<int>();
        for (int k = 0; k < real.Length; k++)
        {
            if (real[k] == 0) continue;
            present++;
            if (synthetic[k] > 0) covered++;
            else absent.Add(k);
        }
        if (present == 0) return MetricParts.Skipped(column.Name, "the real column has no values");
        string? note = absent.Count == 0 ? null
            : $"{absent.Count} real categories never appear, e.g. {string.Join(", ", absent.OrderByDescending(k => real[k]).ThenBy(k => k).Take(ShownCategories).Select(k => $"'{column.Label(k)}'"))}";
        return new MetricPart(column.Name, covered / (double)present, null, note);
    }

    /// <summary>First Wasserstein distance between the value distributions, divided by the real range so columns compare.</summary>
    public static MetricPart Wasserstein(FidelityColumn column)
    {
        if (Empty(column) is { } why) return MetricParts.Skipped(column.Name, why);
        double width = column.RealSorted[^1] - column.RealSorted[0];
        if (width <= 0) return MetricParts.Skipped(column.Name, "the real column is constant: there is no range to normalise the distance by");
        if (!double.IsFinite(width)) return MetricParts.Skipped(column.Name, TooWide);
        double distance = Distributions.CompareSorted(column.RealSorted, column.SyntheticSorted).Wasserstein / width;
        if (!double.IsFinite(distance)) return MetricParts.Skipped(column.Name, TooWide);
        return new MetricPart(column.Name, 1 - Math.Min(distance, 1), distance, "distance ÷ real range");
    }

    /// <summary>Jensen–Shannon distance (base 2) between category frequencies, or between SDMetrics' 10-bin histograms for continuous columns.</summary>
    public static MetricPart JensenShannon(FidelityColumn column)
    {
        int[] real = column.RealCounts(), synthetic = column.SyntheticCounts();
        if (Empty(real, synthetic) is { } reason) return MetricParts.Skipped(column.Name, reason);
        double distance = Distributions.JensenShannonDistance(real, synthetic);
        return new MetricPart(column.Name, 1 - distance, distance, column.IsContinuous ? "10 equal-width bins of the real range" : "category frequencies");
    }

    /// <summary>MissingValueSimilarity: 1 − |real missing share − synthetic missing share|.</summary>
    public static MetricPart Missing(string name, int realMissing, int realRows, int syntheticMissing, int syntheticRows)
    {
        if (realRows == 0 || syntheticRows == 0) return MetricParts.Skipped(name, realRows == 0 ? "the real table has no rows" : "the synthetic table has no rows");
        double real = realMissing / (double)realRows, synthetic = syntheticMissing / (double)syntheticRows;
        double gap = Math.Abs(real - synthetic);
        return new MetricPart(name, 1 - gap, gap, string.Create(CultureInfo.InvariantCulture, $"missing: real {real:P1}, synthetic {synthetic:P1}"));
    }

    private static string? Empty(FidelityColumn column) =>
        column.RealSorted.Length == 0 ? "the real column has no values"
        : column.SyntheticSorted.Length == 0 ? "the synthetic column has no values"
        : null;

    private static string? Empty(int[] real, int[] synthetic) =>
        real.Sum() == 0 ? "the real column has no values"
        : synthetic.Sum() == 0 ? "the synthetic column has no values"
        : null;
}
