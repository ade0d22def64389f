using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>LogNormal(μ, σ, loc): ln(X − loc) is Normal(μ, σ).</summary>
internal sealed class LogNormalKernel(double mu, double sigma, double location) : IMarginalKernel
{
    public double Mu { get; } = mu;
    public double Sigma { get; } = sigma;
    public double Location { get; } = location;

    public Distribution Family => Distribution.LogNormal;
    public double Minimum => Location;
    public double Maximum => double.PositiveInfinity;

    /// <summary>The normal score of x: (ln(x − loc) − μ) / σ, −∞ at or below loc.</summary>
    public double Score(double x) => x <= Location ? double.NegativeInfinity : (Math.Log(x - Location) - Mu) / Sigma;

    public double Cdf(double x) => StandardNormal.Cdf(Score(x));
    public double CdfBelow(double x) => Cdf(x);
    public double Survival(double x) => StandardNormal.Cdf(-Score(x));
    public double Quantile(double u) => Location + Math.Exp(Mu + Sigma * StandardNormal.Quantile(u));
    public double UpperQuantile(double q) => Location + Math.Exp(Mu - Sigma * StandardNormal.Quantile(q));

    public double Density(double x)
    {
        if (x <= Location) return 0;
        double y = x - Location;
        return StandardNormal.Pdf((Math.Log(y) - Mu) / Sigma) / (Sigma * y);
    }
}
