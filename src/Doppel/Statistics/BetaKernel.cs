using Doppel.Data;
using MathNet.Numerics;

namespace Doppel.Statistics;

/// <summary>Beta(α, β) stretched to [loc, loc + scale]. Upper-tail work uses the mirror Beta(β, α) for precision.</summary>
internal sealed class BetaKernel(double alpha, double beta, double location, double scale) : IMarginalKernel
{
    private readonly double _logBeta = SpecialFunctions.BetaLn(alpha, beta);

    public double Alpha { get; } = alpha;
    public double Beta { get; } = beta;
    public double Location { get; } = location;
    public double Scale { get; } = scale;

    public Distribution Family => Distribution.Beta;
    public double Minimum => Location;
    public double Maximum => Location + Scale;

    public double Cdf(double x)
    {
        if (x <= Minimum) return 0;
        if (x >= Maximum) return 1;
        return SpecialFunctions.BetaRegularized(Alpha, Beta, (x - Location) / Scale);
    }

    public double CdfBelow(double x) => Cdf(x);

    public double Survival(double x)
    {
        if (x <= Minimum) return 1;
        if (x >= Maximum) return 0;
        return SpecialFunctions.BetaRegularized(Beta, Alpha, (Maximum - x) / Scale);
    }

    public double Density(double x)
    {
        if (x < Minimum || x > Maximum) return 0;
        double y = (x - Location) / Scale;
        return Math.Exp((Alpha - 1) * Math.Log(y) + (Beta - 1) * Math.Log(1 - y) - _logBeta) / Scale;
    }

    public double Quantile(double u)
    {
        if (u <= 0) return Minimum;
        if (u >= 1) return Maximum;
        if (u > 0.5) return UpperQuantile(1.0 - u);
        return Math.Min(Maximum, Location + Scale * StandardQuantile(Alpha, Beta, _logBeta, u, double.NaN));
    }

    public double UpperQuantile(double q)
    {
        if (q <= 0) return Maximum;
        if (q >= 1) return Minimum;
        if (q > 0.5) return Quantile(1.0 - q);
        return Math.Max(Minimum, Maximum - Scale * StandardQuantile(Beta, Alpha, _logBeta, q, double.NaN));
    }

    /// <summary>The y in [0, 1] with I_y(a, b) = u; the small-u series I_y ≈ y^a / (a B(a, b)) gives the start.</summary>
    internal static double StandardQuantile(double a, double b, double logBeta, double u, double start)
    {
        if (!(start > 0 && start < 1))
        {
            double mean = a / (a + b);
            start = Math.Exp((Math.Log(u * a) + logBeta) / a);
            if (!(start > 0) || start > mean) start = mean;
        }
        return MonotoneSolver.Solve(
            y => SpecialFunctions.BetaRegularized(a, b, y),
            y => y <= 0 || y >= 1 ? 0 : Math.Exp((a - 1) * Math.Log(y) + (b - 1) * Math.Log(1 - y) - logBeta),
            u, 0, 1, start);
    }
}
