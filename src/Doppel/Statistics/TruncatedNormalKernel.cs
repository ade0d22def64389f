using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>
/// Normal(μ, σ) truncated to [a, b]. Tail probabilities are taken on the side where they are small,
/// so an interval far out in one tail keeps full precision.
/// </summary>
internal sealed class TruncatedNormalKernel : IMarginalKernel
{
    private readonly double _alpha, _beta;        // standardised bounds
    private readonly double _cdfAlpha, _survivalAlpha, _cdfBeta, _survivalBeta;
    private readonly double _mass;

    public TruncatedNormalKernel(double mean, double standardDeviation, double lower, double upper)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
        Minimum = lower;
        Maximum = upper;
        _alpha = (lower - mean) / standardDeviation;
        _beta = (upper - mean) / standardDeviation;
        _cdfAlpha = StandardNormal.Cdf(_alpha);
        _survivalAlpha = StandardNormal.Cdf(-_alpha);
        _cdfBeta = StandardNormal.Cdf(_beta);
        _survivalBeta = StandardNormal.Cdf(-_beta);
        _mass = Mass(_alpha, _beta);
    }

    public double Mean { get; }
    public double StandardDeviation { get; }

    /// <summary>The probability the untruncated normal gives to the interval (0 when it underflows).</summary>
    public double IntervalMass => _mass;

    public Distribution Family => Distribution.TruncatedNormal;
    public double Minimum { get; }
    public double Maximum { get; }

    /// <summary>Φ(β) − Φ(α), computed from the tail where both terms are small.</summary>
    internal static double Mass(double alpha, double beta) =>
        alpha > 0 ? StandardNormal.Cdf(-alpha) - StandardNormal.Cdf(-beta)
        : beta < 0 ? StandardNormal.Cdf(beta) - StandardNormal.Cdf(alpha)
        : 1.0 - StandardNormal.Cdf(alpha) - StandardNormal.Cdf(-beta);

    public double Cdf(double x)
    {
        if (x <= Minimum) return 0;
        if (x >= Maximum) return 1;
        double xi = (x - Mean) / StandardDeviation;
        double p = _alpha > 0 ? (_survivalAlpha - StandardNormal.Cdf(-xi)) / _mass : (StandardNormal.Cdf(xi) - _cdfAlpha) / _mass;
        return Math.Clamp(p, 0.0, 1.0);
    }

    public double CdfBelow(double x) => Cdf(x);

    public double Survival(double x)
    {
        if (x <= Minimum) return 1;
        if (x >= Maximum) return 0;
        double xi = (x - Mean) / StandardDeviation;
        double p = _beta < 0 ? (_cdfBeta - StandardNormal.Cdf(xi)) / _mass : (StandardNormal.Cdf(-xi) - _survivalBeta) / _mass;
        return Math.Clamp(p, 0.0, 1.0);
    }

    public double Quantile(double u)
    {
        double xi = _alpha > 0
            ? -StandardNormal.Quantile(Math.Max(0.0, _survivalAlpha - u * _mass))
            : StandardNormal.Quantile(Math.Min(1.0, _cdfAlpha + u * _mass));
        return Math.Clamp(Mean + StandardDeviation * xi, Minimum, Maximum);
    }

    public double UpperQuantile(double q)
    {
        double xi = _beta < 0
            ? StandardNormal.Quantile(Math.Max(0.0, _cdfBeta - q * _mass))
            : -StandardNormal.Quantile(Math.Min(1.0, _survivalBeta + q * _mass));
        return Math.Clamp(Mean + StandardDeviation * xi, Minimum, Maximum);
    }

    public double Density(double x) =>
        x < Minimum || x > Maximum ? 0 : StandardNormal.Pdf((x - Mean) / StandardDeviation) / (StandardDeviation * _mass);
}
