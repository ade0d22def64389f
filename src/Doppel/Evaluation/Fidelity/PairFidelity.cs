using System.Globalization;

namespace Doppel.Evaluation.Fidelity;

/// <summary>One part of SDMetrics' Column Pair Trends: CorrelationSimilarity or ContingencySimilarity for a pair of columns.</summary>
internal static class PairFidelity
{
    /// <summary>The item name of a pair in breakdowns.</summary>
    public static string Item(FidelityColumn first, FidelityColumn second) => $"{first.Name} × {second.Name}";

    /// <summary>
    /// Two continuous columns: 1 − |r_real − r_synthetic| / 2 on Pearson's r over rows where both are present (skipped
    /// when a side is constant, as SDMetrics does); otherwise 1 − the total variation distance between the joint
    /// label distributions, continuous columns cut into the real column's 10 bins and a missing value a label of its own.
    /// </summary>
    public static MetricPart Compute(FidelityColumn first, FidelityColumn second)
    {
        string item = Item(first, second);
        if (first.IsContinuous && second.IsContinuous)
        {
            if ((Constant(first) ?? Constant(second)) is { } why) return MetricParts.Skipped(item, $"CorrelationSimilarity: {why}");
            double? real = Distributions.Pearson(first.RealValues, second.RealValues);
            double? synthetic = Distributions.Pearson(first.SyntheticValues, second.SyntheticValues);
            if (real is null || synthetic is null)
                return MetricParts.Skipped(item, $"CorrelationSimilarity: the {(real is null ? "real" : "synthetic")} rows where both columns are present are too few or constant, so Pearson's r is undefined");
            double gap = Math.Abs(real.Value - synthetic.Value);
            return new MetricPart(item, 1 - gap / 2, gap,
                string.Create(CultureInfo.InvariantCulture, $"CorrelationSimilarity: r real {real.Value:F3}, synthetic {synthetic.Value:F3}"));
        }
        double distance = Distributions.ContingencyDistance(first.RealLabels, second.RealLabels, first.SyntheticLabels, second.SyntheticLabels, first.LabelCount, second.LabelCount);
        return new MetricPart(item, 1 - distance, distance, "ContingencySimilarity");
    }

    private static string? Constant(FidelityColumn column)
    {
        if (column.RealSorted.Length == 0) return $"'{column.Name}' has no real values";
        if (column.SyntheticSorted.Length == 0) return $"'{column.Name}' has no synthetic values";
        if (column.RealSorted[0] == column.RealSorted[^1]) return $"'{column.Name}' is constant in the real table, so Pearson's r is undefined";
        if (column.SyntheticSorted[0] == column.SyntheticSorted[^1]) return $"'{column.Name}' is constant in the synthetic table, so Pearson's r is undefined";
        return null;
    }
}
