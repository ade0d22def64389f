namespace Doppel.Evaluation.Reports;

/// <summary>Shares of two series on the same bins, which come from the real series.</summary>
/// <param name="Edges">Bin edges, increasing, one more than bins.</param>
/// <param name="Real">Share of the real values in each bin (sums to 1).</param>
/// <param name="Synthetic">Share of the synthetic values in each bin (sums to 1 minus <paramref name="SyntheticOutside"/>).</param>
/// <param name="SyntheticOutside">Share of the synthetic values below the first edge or above the last.</param>
/// <param name="WholeNumbers">True when there is one bin per whole number (so axis ticks should be whole numbers).</param>
internal sealed record BinnedShares(double[] Edges, double[] Real, double[] Synthetic, double SyntheticOutside, bool WholeNumbers);

/// <summary>Histogram bins for the report's distribution charts.</summary>
internal static class Binning
{
    /// <summary>
    /// Equal-width bins over the range of the real values; when the real values are whole numbers spanning fewer
    /// values than <paramref name="bins"/> (and <paramref name="wholeNumberBins"/>), one bin per whole number, so
    /// that no bin is empty by construction. A constant real series gets one bin around its value. Null when
    /// there is no real value. Values must be finite.
    /// </summary>
    public static BinnedShares? Shares(ReadOnlySpan<double> real, ReadOnlySpan<double> synthetic, int bins, bool wholeNumberBins)
    {
        if (real.IsEmpty) return null;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        bool whole = wholeNumberBins;
        foreach (double value in real)
        {
            low = Math.Min(low, value);
            high = Math.Max(high, value);
            whole &= value == Math.Floor(value);
        }
        whole &= high - low + 1 <= bins;
        double[] edges = Edges(low, high, bins, whole);
        double[] realShares = Count(real, edges, out _);
        double[] syntheticShares = Count(synthetic, edges, out double outside);
        return new BinnedShares(edges, realShares, syntheticShares, outside, whole);
    }

    private static double[] Edges(double low, double high, int bins, bool whole)
    {
        if (whole)
        {
            int count = (int)(high - low) + 1;
            var unit = new double[count + 1];
            for (int i = 0; i <= count; i++) unit[i] = low - 0.5 + i;
            return unit;
        }
        if (high == low)
        {
            // ±0.5 is lost in rounding for large magnitudes (datetime ticks are ~6e17): widen relative to the value.
            double half = Math.Max(0.5, Math.Abs(low) * 1e-9);
            return [low - half, low + half];
        }
        var edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) edges[i] = low + (high - low) * i / bins;
        edges[bins] = high;
        return edges;
    }

    private static double[] Count(ReadOnlySpan<double> values, double[] edges, out double outside)
    {
        int bins = edges.Length - 1;
        var shares = new double[bins];
        double low = edges[0], high = edges[^1];
        int beyond = 0;
        foreach (double value in values)
        {
            if (value < low || value > high)
            {
                beyond++;
                continue;
            }
            int bin = (int)((value - low) / (high - low) * bins);
            shares[Math.Clamp(bin, 0, bins - 1)]++;
        }
        int total = values.Length;
        outside = total == 0 ? 0 : beyond / (double)total;
        if (total > 0)
            for (int i = 0; i < bins; i++) shares[i] /= total;
        return shares;
    }
}
