using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>Uniform(a, b).</summary>
internal sealed class UniformKernel(double lower, double upper) : IMarginalKernel
{
    private readonly double _width = upper - lower;

    public Distribution Family => Distribution.Uniform;
    public double Minimum { get; } = lower;
    public double Maximum { get; } = upper;

    public double Cdf(double x) => Math.Clamp((x - Minimum) / _width, 0.0, 1.0);
    public double CdfBelow(double x) => Cdf(x);
    public double Survival(double x) => Math.Clamp((Maximum - x) / _width, 0.0, 1.0);
    public double Quantile(double u) => Math.Clamp(Minimum + u * _width, Minimum, Maximum);
    public double UpperQuantile(double q) => Math.Clamp(Maximum - q * _width, Minimum, Maximum);
    public double Density(double x) => x >= Minimum && x <= Maximum ? 1.0 / _width : 0.0;
}
