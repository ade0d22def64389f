using System.Runtime.InteropServices;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// The statistics behind the fidelity metrics, on plain arrays: empirical CDF distances, frequency distances,
/// Pearson correlation and the SDMetrics discretisation. Every function returns finite numbers or says "undefined".
/// </summary>
internal static class Distributions
{
    /// <summary>Equal-width bins used to discretise continuous columns, as SDMetrics does (numpy's default of 10).</summary>
    public const int BinCount = 10;

    /// <summary>The weight SDMetrics gives a synthetic category the real column never has, so its frequency is not 0/0.</summary>
    public const double UnseenCategoryWeight = 1e-6;

    /// <summary>
    /// One merge pass over two sorted samples: the Kolmogorov–Smirnov statistic (largest gap between the empirical
    /// CDFs) and the first Wasserstein distance (area between them). Both samples must be non-empty.
    /// </summary>
    public static (double KolmogorovSmirnov, double Wasserstein) CompareSorted(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        if (first.IsEmpty || second.IsEmpty) throw new ArgumentException("Both samples must hold at least one value.");
        int i = 0, j = 0;
        double n = first.Length, m = second.Length;
        double statistic = 0, area = 0;
        double previous = Math.Min(first[0], second[0]);
        while (i < first.Length || j < second.Length)
        {
            double value = Math.Min(i < first.Length ? first[i] : double.PositiveInfinity, j < second.Length ? second[j] : double.PositiveInfinity);
            // Between the previous step and this one both CDFs are flat.
            area += Math.Abs(i / n - j / m) * (value - previous);
            while (i < first.Length && first[i] <= value) i++;
            while (j < second.Length && second[j] <= value) j++;
            statistic = Math.Max(statistic, Math.Abs(i / n - j / m));
            previous = value;
        }
        return (statistic, area);
    }

    /// <summary>
    /// SDMetrics' TVComplement on label counts (missing values left out): 1 − ½ Σ |synthetic share − real share|, where a
    /// label only the synthetic column has gets a real count of 1e-6. Labels are shared indexes into both arrays.
    /// </summary>
    public static double TotalVariationComplement(ReadOnlySpan<int> realCounts, ReadOnlySpan<int> syntheticCounts)
    {
        double realTotal = 0, syntheticTotal = 0;
        for (int k = 0; k < realCounts.Length; k++)
        {
            realTotal += realCounts[k] > 0 ? realCounts[k] : syntheticCounts[k] > 0 ? UnseenCategoryWeight : 0;
            syntheticTotal += syntheticCounts[k];
        }
        double sum = 0;
        for (int k = 0; k < realCounts.Length; k++)
        {
            double real = realCounts[k] > 0 ? realCounts[k] : syntheticCounts[k] > 0 ? UnseenCategoryWeight : 0;
            sum += Math.Abs(syntheticCounts[k] / syntheticTotal - real / realTotal);
        }
        return Math.Clamp(1 - 0.5 * sum, 0, 1);
    }

    /// <summary>The Jensen–Shannon distance (square root of the divergence, base 2, so in [0, 1]) between two label count vectors.</summary>
    public static double JensenShannonDistance(ReadOnlySpan<int> realCounts, ReadOnlySpan<int> syntheticCounts)
    {
        double realTotal = 0, syntheticTotal = 0;
        for (int k = 0; k < realCounts.Length; k++)
        {
            realTotal += realCounts[k];
            syntheticTotal += syntheticCounts[k];
        }
        double divergence = 0;
        for (int k = 0; k < realCounts.Length; k++)
        {
            double p = realCounts[k] / realTotal, q = syntheticCounts[k] / syntheticTotal, mean = (p + q) / 2;
            if (p > 0) divergence += 0.5 * p * Math.Log2(p / mean);
            if (q > 0) divergence += 0.5 * q * Math.Log2(q / mean);
        }
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    /// <summary>Pearson's r over the rows where both values are present; null when fewer than two such rows or either side is constant.</summary>
    public static double? Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int count = 0;
        double sumX = 0, sumY = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            sumX += x[i];
            sumY += y[i];
            count++;
        }
        if (count < 2) return null;
        double meanX = sumX / count, meanY = sumY / count;
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            double dx = x[i] - meanX, dy = y[i] - meanY;
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        if (xx <= 0 || yy <= 0) return null;
        double r = xy / Math.Sqrt(xx * yy);
        return double.IsFinite(r) ? Math.Clamp(r, -1, 1) : null;
    }

    /// <summary>
    /// Total variation distance between the joint label distributions of two column pairs, each row counting 1/rows
    /// and a missing value (-1) counting as a label of its own, as SDMetrics' ContingencySimilarity groups with dropna=False.
    /// </summary>
    public static double ContingencyDistance(
        ReadOnlySpan<int> realFirst, ReadOnlySpan<int> realSecond,
        ReadOnlySpan<int> syntheticFirst, ReadOnlySpan<int> syntheticSecond,
        int firstLabels, int secondLabels)
    {
        // Label -1 (missing) moves to the extra slot 'labels'.
        long width = secondLabels + 1, cells = (firstLabels + 1) * width;
        double realRows = realFirst.Length, syntheticRows = syntheticFirst.Length, sum = 0;
        if (cells <= DenseCellLimit || cells <= 4L * (realFirst.Length + syntheticFirst.Length))
        {
            var real = new int[cells];
            var synthetic = new int[cells];
            for (int i = 0; i < realFirst.Length; i++) real[Cell(realFirst[i], realSecond[i], firstLabels, secondLabels, width)]++;
            for (int i = 0; i < syntheticFirst.Length; i++) synthetic[Cell(syntheticFirst[i], syntheticSecond[i], firstLabels, secondLabels, width)]++;
            for (long k = 0; k < cells; k++)
                sum += Math.Abs(real[k] / realRows - synthetic[k] / syntheticRows);
        }
        else
        {
            // Two high-cardinality columns: a dense table would be mostly empty, so count only the cells that occur.
            var counts = new Dictionary<long, (int Real, int Synthetic)>();
            for (int i = 0; i < realFirst.Length; i++)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, Cell(realFirst[i], realSecond[i], firstLabels, secondLabels, width), out _);
                count.Real++;
            }
            for (int i = 0; i < syntheticFirst.Length; i++)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, Cell(syntheticFirst[i], syntheticSecond[i], firstLabels, secondLabels, width), out _);
                count.Synthetic++;
            }
            foreach (long key in counts.Keys.Order())
                sum += Math.Abs(counts[key].Real / realRows - counts[key].Synthetic / syntheticRows);
        }
        return Math.Clamp(sum / 2, 0, 1);
    }

    /// <summary>Joint tables up to this many cells are counted densely whatever the row count.</summary>
    private const long DenseCellLimit = 1 << 16;

    private static long Cell(int first, int second, int firstLabels, int secondLabels, long width) =>
        (first < 0 ? firstLabels : first) * width + (second < 0 ? secondLabels : second);

    /// <summary>
    /// numpy's <c>histogram_bin_edges(real, bins=10)</c>: 11 equally spaced edges from the real minimum to the real
    /// maximum (a constant column gets the range value ± 0.5).
    /// </summary>
    public static double[] BinEdges(double minimum, double maximum)
    {
        if (minimum == maximum)
        {
            minimum -= 0.5;
            maximum += 0.5;
        }
        var edges = new double[BinCount + 1];
        double width = (maximum - minimum) / BinCount;
        for (int k = 0; k <= BinCount; k++) edges[k] = minimum + k * width;
        edges[BinCount] = maximum;
        return edges;
    }

    /// <summary>
    /// numpy's <c>digitize(value, edges)</c>: the number of edges ≤ value, so 0 below the real minimum, 1…10 inside
    /// and 11 from the real maximum up; -1 for a missing value. Labels run 0…<see cref="BinCount"/> + 1.
    /// </summary>
    public static int Digitize(double value, double[] edges)
    {
        if (double.IsNaN(value)) return -1;
        int low = 0, high = edges.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (edges[middle] <= value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>Number of labels <see cref="Digitize"/> can return (missing aside).</summary>
    public const int DigitizedLabels = BinCount + 2;
}
