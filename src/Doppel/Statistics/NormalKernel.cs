using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>Normal(μ, σ).</summary>
internal sealed class NormalKernel(double mean, double standardDeviation) : IMarginalKernel
{
    public double Mean { get; } = mean;
    public double StandardDeviation { get; } = standardDeviation;

    public Distribution Family => Distribution.Normal;
    public double Minimum => double.NegativeInfinity;
    public double Maximum => double.PositiveInfinity;

    public double Cdf(double x) => StandardNormal.Cdf((x - Mean) / StandardDeviation);
    public double CdfBelow(double x) => Cdf(x);
    public double Survival(double x) => StandardNormal.Cdf((Mean - x) / StandardDeviation);
    public double Quantile(double u) => Mean + StandardDeviation * StandardNormal.Quantile(u);
    public double UpperQuantile(double q) => Mean - StandardDeviation * StandardNormal.Quantile(q);
    public double Density(double x) => StandardNormal.Pdf((x - Mean) / StandardDeviation) / StandardDeviation;
}
