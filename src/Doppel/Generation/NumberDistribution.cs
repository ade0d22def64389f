using Doppel.Statistics;

namespace Doppel.Generation;

/// <summary>
/// A univariate distribution drawn through its quantile function: a uniform u gives Q(u), and a range [a, b]
/// is met by construction by drawing u within [F(a), F(b)]. The same quantiles turn a copula's correlated
/// uniforms into values.
/// </summary>
internal abstract class NumberDistribution
{
    public abstract double Quantile(double u);

    public abstract double Cdf(double x);

    /// <summary>Whole-number values only.</summary>
    public virtual bool IsDiscrete => false;

    /// <summary>Q(u) restricted to [low, high]: u is mapped into [F(low), F(high)], then clamped against rounding at the edges.</summary>
    public double Truncated(double u, double low, double high)
    {
        if (double.IsNegativeInfinity(low) && double.IsPositiveInfinity(high)) return Quantile(u);
        double fLow = double.IsNegativeInfinity(low) ? 0 : Cdf(IsDiscrete ? Math.Ceiling(low) - 0.5 : low);
        double fHigh = double.IsPositiveInfinity(high) ? 1 : Cdf(IsDiscrete ? Math.Floor(high) + 0.5 : high);
        double value = fHigh > fLow ? Quantile(fLow + u * (fHigh - fLow)) : (low + high) / 2;
        return Math.Clamp(value, low, high);
    }
}

internal sealed class NormalDistribution(double mean, double sd) : NumberDistribution
{
    public override double Quantile(double u) => mean + sd * StandardNormal.Quantile(u);
    public override double Cdf(double x) => StandardNormal.Cdf((x - mean) / sd);
}

internal sealed class LogNormalDistribution(double mu, double sigma) : NumberDistribution
{
    public override double Quantile(double u) => Math.Exp(mu + sigma * StandardNormal.Quantile(u));
    public override double Cdf(double x) => x <= 0 ? 0 : StandardNormal.Cdf((Math.Log(x) - mu) / sigma);
}

internal sealed class ExponentialDistribution(double rate) : NumberDistribution
{
    public override double Quantile(double u) => -Math.Log(1 - u) / rate;
    public override double Cdf(double x) => x <= 0 ? 0 : 1 - Math.Exp(-rate * x);
}

/// <summary>Uniform on [low, high]; as an integer distribution, each whole number in [low, high] equally likely.</summary>
internal sealed class UniformDistribution(double low, double high, bool integer) : NumberDistribution
{
    public override bool IsDiscrete => integer;

    public override double Quantile(double u) => integer
        ? Math.Min(Math.Floor(Math.Ceiling(low) + u * (Math.Floor(high) - Math.Ceiling(low) + 1)), Math.Floor(high))
        : low + u * (high - low);

    public override double Cdf(double x)
    {
        if (integer)
        {
            double a = Math.Ceiling(low), count = Math.Floor(high) - a + 1;
            return Math.Clamp((Math.Floor(x) - a + 1) / count, 0, 1);
        }
        return Math.Clamp((x - low) / (high - low), 0, 1);
    }
}

/// <summary>Poisson(mean): exact inverse CDF by summation up to a mean of 500, a continuity-corrected normal beyond.</summary>
internal sealed class PoissonDistribution(double mean) : NumberDistribution
{
    private const double ExactLimit = 500;

    public override bool IsDiscrete => true;

    public override double Quantile(double u)
    {
        if (mean > ExactLimit) return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * StandardNormal.Quantile(u)));
        double p = Math.Exp(-mean), cumulative = p;
        int k = 0;
        while (cumulative < u && k < 100_000)
        {
            k++;
            p *= mean / k;
            cumulative += p;
            if (p == 0 && k > mean) break;
        }
        return k;
    }

    public override double Cdf(double x)
    {
        if (x < 0) return 0;
        if (mean > ExactLimit) return StandardNormal.Cdf((Math.Floor(x) + 0.5 - mean) / Math.Sqrt(mean));
        double p = Math.Exp(-mean), cumulative = p;
        for (int k = 1; k <= Math.Floor(x); k++)
        {
            p *= mean / k;
            cumulative += p;
        }
        return Math.Min(1, cumulative);
    }
}

/// <summary>
/// A finite distribution over 0 … n−1 given by weights (categorical values, Zipf ranks): the inverse CDF is a
/// binary search of the cumulative weights.
/// </summary>
internal sealed class IndexDistribution : NumberDistribution
{
    private readonly double[] _cumulative;

    public IndexDistribution(IReadOnlyList<double> weights)
    {
        _cumulative = new double[weights.Count];
        double total = 0;
        for (int i = 0; i < weights.Count; i++) _cumulative[i] = total += weights[i];
        for (int i = 0; i < _cumulative.Length; i++) _cumulative[i] /= total;
        _cumulative[^1] = 1;
    }

    public int Count => _cumulative.Length;

    public override bool IsDiscrete => true;

    public static IndexDistribution Zipf(int count, double exponent)
    {
        var weights = new double[count];
        for (int k = 0; k < count; k++) weights[k] = Math.Pow(k + 1, -exponent);
        return new IndexDistribution(weights);
    }

    public int Index(double u)
    {
        int index = Array.BinarySearch(_cumulative, u);
        if (index < 0) index = ~index;
        else index++; // u equal to a boundary belongs to the next cell: cells are [F(k−1), F(k))
        return Math.Min(index, _cumulative.Length - 1);
    }

    public override double Quantile(double u) => Index(u);

    public override double Cdf(double x) => x < 0 ? 0 : x >= _cumulative.Length - 1 ? 1 : _cumulative[(int)Math.Floor(x)];
}
