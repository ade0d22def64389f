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
        // A continuous CDF is evaluated exactly at every NodeSpacing-th value and linearly in between: consecutive
        // nodes are ~1/1,000 apart in probability, so the chord is within ~1e-5 of the CDF, far below any KS statistic
        // that matters, while incomplete gamma and beta functions (up to microseconds each) are called 16× less.
        const int NodeSpacing = 16;
        bool interpolate = !hasAtoms && n > 64 * NodeSpacing;
        int nodeIndex = 0;
        double nodeX = sorted[0], nodeF = kernel.Cdf(sorted[0]);
        int nextIndex = Math.Min(NodeSpacing, n - 1);
        double nextX = sorted[nextIndex], nextF = interpolate ? kernel.Cdf(nextX) : 0;
        double distance = 0;
        for (int i = 0; i < n;)
        {
            double v = sorted[i];
            int j = i + 1;
            while (j < n && sorted[j] == v) j++;
            double atOrBelow;
            if (interpolate)
            {
                while (nextIndex < i)
                {
                    (nodeIndex, nodeX, nodeF) = (nextIndex, nextX, nextF);
                    nextIndex = Math.Min(nodeIndex + NodeSpacing, n - 1);
                    nextX = sorted[nextIndex];
                    nextF = kernel.Cdf(nextX);
                }
                atOrBelow = i == nodeIndex ? nodeF : v == nextX ? nextF
                    : nodeF + (v - nodeX) / (nextX - nodeX) * (nextF - nodeF);
            }
            else
            {
                atOrBelow = kernel.Cdf(v);
            }
            double below = hasAtoms ? kernel.CdfBelow(v) : atOrBelow;
            distance = Math.Max(distance, Math.Max(Math.Abs(atOrBelow - (double)j / n), Math.Abs(below - (double)i / n)));
            i = j;
        }
        return Math.Min(distance, 1.0);
    }
}
