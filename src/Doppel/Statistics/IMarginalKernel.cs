using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>The numerical behaviour of one marginal family; <see cref="Marginal"/> wraps it with its parameters.</summary>
internal interface IMarginalKernel
{
    /// <summary>The family this kernel implements.</summary>
    Distribution Family { get; }

    /// <summary>The smallest value of the support (may be −∞).</summary>
    double Minimum { get; }

    /// <summary>The largest value of the support (may be +∞).</summary>
    double Maximum { get; }

    /// <summary>P(X ≤ x).</summary>
    double Cdf(double x);

    /// <summary>P(X &lt; x): differs from <see cref="Cdf"/> only at a point mass.</summary>
    double CdfBelow(double x);

    /// <summary>P(X &gt; x), accurate in the upper tail where 1 − Cdf would round to 0.</summary>
    double Survival(double x);

    /// <summary>The smallest x with Cdf(x) ≥ u, for u in [0, 1].</summary>
    double Quantile(double u);

    /// <summary>The quantile at 1 − q, accurate for small q.</summary>
    double UpperQuantile(double q);

    /// <summary>The density of the continuous part at x (0 outside the support).</summary>
    double Density(double x);
}
