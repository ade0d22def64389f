namespace Doppel.Statistics;

/// <summary>The Kolmogorov–Smirnov distance between a sorted sample and a marginal.</summary>
internal static class KolmogorovSmirnov
{
    /// <summary>
    /// sup |F_n − F| over the whole line. At each distinct value v, with i values below and j at or below it,
    /// the gaps |F(v) − j/n| and |F(v−) − i/n| cover both sides of every jump of either CDF, so ties and atoms are exact.
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> sorted, IMarginalKernel kernel)
    {
        int n = sorted.Length;
        bool hasAtoms = kernel is EmpiricalKernel;
        double distance = 0;
        for (int i = 0; i < n;)
        {
            double v = sorted[i];
            int j = i + 1;
            while (j < n && sorted[j] == v) j++;
            double atOrBelow = kernel.Cdf(v);
            double below = hasAtoms ? kernel.CdfBelow(v) : atOrBelow;
            distance = Math.Max(distance, Math.Max(Math.Abs(atOrBelow - (double)j / n), Math.Abs(below - (double)i / n)));
            i = j;
        }
        return Math.Min(distance, 1.0);
    }
}
