namespace Doppel.Statistics;

public static partial class MarginalFitter
{
    /// <summary>The most knots an empirical marginal keeps for its continuous part.</summary>
    public const int MaxKnots = 1_000;

    /// <summary>
    /// Atoms are the values holding at least 1% of the rows (every value of an integer column with at most 50 distinct
    /// values), with their exact frequencies. The other values form the continuous part, summarised by K quantile
    /// knots at levels j / (K − 1), K = n/4 clamped to [2, 1,000]: at least four values per knot, so no knot but the
    /// two ends is a raw value, and sampling interpolates between knots instead of replaying the data.
    /// </summary>
    private static double[] EmpiricalParameters(SortedSample sample, bool isInteger)
    {
        int n = sample.Count;
        bool everyValue = isInteger && sample.DistinctValues.Length <= DiscreteDistinctLimit;
        int threshold = AtomThreshold(n);
        var atomValues = new List<double>();
        var atomWeights = new List<double>();
        var remainder = new List<double>();
        for (int i = 0; i < sample.DistinctValues.Length; i++)
        {
            int count = sample.Counts[i];
            if (everyValue || count >= threshold || sample.DistinctValues.Length == 1)
            {
                atomValues.Add(sample.DistinctValues[i]);
                atomWeights.Add((double)count / n);
            }
            else
            {
                for (int c = 0; c < count; c++) remainder.Add(sample.DistinctValues[i]);
            }
        }

        double[] knots = [];
        if (remainder.Count > 0)
        {
            int m = remainder.Count;
            int k = Math.Clamp(m / 4, 2, MaxKnots);
            knots = new double[k];
            for (int j = 0; j < k; j++)
            {
                // Linear interpolation between order statistics (the "type 7" sample quantile).
                double h = (m - 1) * (double)j / (k - 1);
                int below = Math.Min((int)h, m - 1);
                int above = Math.Min(below + 1, m - 1);
                knots[j] = PiecewiseLinearQuantile.Interpolate(remainder[below], remainder[above], h - below);
            }
            knots[^1] = remainder[^1];
        }
        else
        {
            // Atoms only: make their weights sum to exactly 1.
            double total = atomWeights.Sum();
            for (int i = 0; i < atomWeights.Count; i++) atomWeights[i] /= total;
        }

        var parameters = new double[2 + knots.Length + 2 * atomValues.Count];
        parameters[0] = knots.Length;
        parameters[1] = atomValues.Count;
        knots.CopyTo(parameters, 2);
        for (int i = 0; i < atomValues.Count; i++)
        {
            parameters[2 + knots.Length + 2 * i] = atomValues[i];
            parameters[3 + knots.Length + 2 * i] = atomWeights[i];
        }
        return parameters;
    }
}
