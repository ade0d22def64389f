using Doppel.Data;
using MathNet.Numerics;

namespace Doppel.Statistics;

/// <summary>Gamma(k, θ, loc): (X − loc) / θ has the standard gamma distribution with shape k.</summary>
internal sealed class GammaKernel(double shape, double scale, double location) : IMarginalKernel
{
    private readonly double _logGammaShape = SpecialFunctions.GammaLn(shape);

    public double Shape { get; } = shape;
    public double Scale { get; } = scale;
    public double Location { get; } = location;

    public Distribution Family => Distribution.Gamma;
    public double Minimum => Location;
    public double Maximum => double.PositiveInfinity;

    public double Cdf(double x) => x <= Location ? 0 : SpecialFunctions.GammaLowerRegularized(Shape, (x - Location) / Scale);
    public double CdfBelow(double x) => Cdf(x);
    public double Survival(double x) => x <= Location ? 1 : SpecialFunctions.GammaUpperRegularized(Shape, (x - Location) / Scale);

    public double Density(double x)
    {
        if (x <= Location) return 0;
        double y = (x - Location) / Scale;
        return Math.Exp((Shape - 1) * Math.Log(y) - y - _logGammaShape) / Scale;
    }

    public double Quantile(double u)
    {
        if (u <= 0) return Location;
        if (u >= 1) return double.PositiveInfinity;
        if (u > 0.5) return UpperQuantile(1.0 - u);
        return Location + Scale * StandardQuantile(u, StartGuess(u, StandardNormal.Quantile(u)));
    }

    public double UpperQuantile(double q)
    {
        if (q <= 0) return double.PositiveInfinity;
        if (q >= 1) return Location;
        if (q > 0.5) return Quantile(1.0 - q);
        return Location + Scale * StandardUpperQuantile(q, StartGuess(1.0 - q, -StandardNormal.Quantile(q)));
    }

    /// <summary>The standard-gamma y with P(k, y) = u, Newton from <paramref name="start"/>.</summary>
    internal double StandardQuantile(double u, double start) =>
        MonotoneSolver.Solve(y => SpecialFunctions.GammaLowerRegularized(Shape, y), StandardDensity, u, 0, double.PositiveInfinity, start);

    /// <summary>The standard-gamma y with Q(k, y) = q.</summary>
    internal double StandardUpperQuantile(double q, double start) =>
        MonotoneSolver.Solve(y => -SpecialFunctions.GammaUpperRegularized(Shape, y), StandardDensity, -q, 0, double.PositiveInfinity, start);

    private double StandardDensity(double y) => y <= 0 ? 0 : Math.Exp((Shape - 1) * Math.Log(y) - y - _logGammaShape);

    /// <summary>Wilson–Hilferty, or the small-y series P(k, y) ≈ y^k / Γ(k + 1) when that goes negative.</summary>
    private double StartGuess(double u, double z)
    {
        double c = 1.0 / (9.0 * Shape);
        double t = 1.0 - c + z * Math.Sqrt(c);
        double guess = Shape * t * t * t;
        double small = Math.Exp((Math.Log(u) + SpecialFunctions.GammaLn(Shape + 1)) / Shape);
        return guess > 0 && !(small < guess && u < 0.05) ? guess : small;
    }
}
