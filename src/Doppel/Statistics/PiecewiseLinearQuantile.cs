namespace Doppel.Statistics;

/// <summary>
/// A distribution given by its quantile function, linear between points (U[i], X[i]) with U and X both
/// non-decreasing, U[0] = 0 and U[^1] = 1. A run of equal X is a point mass holding the probability it spans;
/// a run of equal U is a gap in the support.
/// </summary>
internal sealed class PiecewiseLinearQuantile
{
    public PiecewiseLinearQuantile(double[] probabilities, double[] values)
    {
        Probabilities = probabilities;
        Values = values;
    }

    /// <summary>U: the cumulative probability at each point.</summary>
    public double[] Probabilities { get; }

    /// <summary>X: the value at each point.</summary>
    public double[] Values { get; }

    public double Minimum => Values[0];
    public double Maximum => Values[^1];

    /// <summary>X interpolated at probability u in [0, 1]; exactly the atom's value inside an atom.</summary>
    public double Quantile(double u)
    {
        double[] p = Probabilities, x = Values;
        int i = LastAtMost(p, u);
        if (i >= p.Length - 1) return x[^1];
        if (i < 0) return x[0];
        double width = p[i + 1] - p[i];
        double t = width > 0 ? (u - p[i]) / width : 1.0;
        return Interpolate(x[i], x[i + 1], t);
    }

    /// <summary>P(X ≤ v).</summary>
    public double Cdf(double v)
    {
        double[] p = Probabilities, x = Values;
        int j = LastAtMost(x, v);
        if (j < 0) return 0;
        if (j >= x.Length - 1) return 1;
        return p[j] + (v - x[j]) / (x[j + 1] - x[j]) * (p[j + 1] - p[j]);
    }

    /// <summary>P(X &lt; v).</summary>
    public double CdfBelow(double v)
    {
        double[] p = Probabilities, x = Values;
        int k = LastAtMost(x, v);
        // k + 1 is now the first index with x > v; step back over any points equal to v.
        int first = k + 1;
        while (first > 0 && x[first - 1] == v) first--;
        if (first < x.Length && x[first] == v) return p[first];
        if (first == 0) return 0;
        if (first >= x.Length) return 1;
        return p[first - 1] + (v - x[first - 1]) / (x[first] - x[first - 1]) * (p[first] - p[first - 1]);
    }

    /// <summary>Density of the continuous part: the slope of the CDF inside a linear piece.</summary>
    public double Density(double v)
    {
        double[] p = Probabilities, x = Values;
        int j = LastAtMost(x, v);
        if (j < 0 || j >= x.Length - 1) return 0;
        return (p[j + 1] - p[j]) / (x[j + 1] - x[j]);
    }

    /// <summary>a + t (b − a), returning a itself when a = b so that atoms come back bit for bit.</summary>
    internal static double Interpolate(double a, double b, double t) => a == b ? a : a + t * (b - a);

    /// <summary>The last index whose value is ≤ v (−1 when none).</summary>
    internal static int LastAtMost(double[] sorted, double v)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= v) low = mid + 1; else high = mid;
        }
        return low - 1;
    }
}
