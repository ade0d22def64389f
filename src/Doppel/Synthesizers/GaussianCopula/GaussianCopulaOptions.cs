using Doppel.Data;

namespace Doppel.Synthesizers.GaussianCopula;

/// <summary>Options of the Gaussian copula synthesizer. Immutable; change with <c>with</c>.</summary>
public sealed record GaussianCopulaOptions
{
    /// <summary>The marginal family for every numerical and datetime column that does not force its own in metadata (default: chosen by goodness of fit).</summary>
    public Distribution DefaultDistribution { get; init; } = Distribution.Auto;

    /// <summary>With <see cref="Distribution.Auto"/>: the KS statistic above which the smoothed empirical distribution replaces the best parametric fit.</summary>
    public double EmpiricalThreshold
    {
        get;
        init
        {
            if (!(value > 0 && value < 1)) throw new ArgumentOutOfRangeException(nameof(EmpiricalThreshold), value, "must lie in (0, 1).");
            field = value;
        }
    } = 0.02;
}
