using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>How <see cref="MarginalFitter"/> chooses and fits a marginal. Immutable; change with <c>with</c>.</summary>
public sealed record MarginalFitOptions
{
    /// <summary>The parametric families, in the order they are tried (ties go to the earlier one).</summary>
    public static IReadOnlyList<Distribution> ParametricFamilies { get; } =
    [
        Distribution.Normal, Distribution.TruncatedNormal, Distribution.Beta,
        Distribution.Gamma, Distribution.LogNormal, Distribution.Uniform,
    ];

    /// <summary>The family to fit; <see cref="Distribution.Auto"/> (the default) chooses by goodness of fit.</summary>
    public Distribution Requested
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(Requested), value, $"Unknown distribution; use one of {string.Join(", ", Enum.GetNames<Distribution>())}.");
            field = value;
        }
    } = Distribution.Auto;

    /// <summary>Whether the values are whole numbers; an integer column with at most 50 distinct values is modelled value by value.</summary>
    public bool IsInteger { get; init; }

    /// <summary>
    /// With <see cref="Distribution.Auto"/>: the Kolmogorov–Smirnov statistic above which the smoothed empirical
    /// distribution replaces the best parametric fit. Default 0.02: the KS statistic is the largest gap between the
    /// fitted and the observed CDF, and 1 − KS is the column-shape score synthetic-data reports use, so a parametric
    /// family is kept only while it costs at most 2 points of that score — about the sampling noise of a correct
    /// family at 5,000 rows (1.36/√n) — and the empirical fit, whose KS is near 1/1,000, takes over beyond that.
    /// </summary>
    public double EmpiricalThreshold
    {
        get;
        init
        {
            if (!(value > 0 && value <= 1))
                throw new ArgumentOutOfRangeException(nameof(EmpiricalThreshold), value, "The empirical threshold is a KS statistic and must lie in (0, 1].");
            field = value;
        }
    } = 0.02;

    /// <summary>The parametric families <see cref="Distribution.Auto"/> tries (default: all of <see cref="ParametricFamilies"/>).</summary>
    public IReadOnlyList<Distribution> Candidates
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
                throw new ArgumentException("At least one candidate family is needed.", nameof(Candidates));
            foreach (Distribution family in value)
                if (!ParametricFamilies.Contains(family))
                    throw new ArgumentException($"'{family}' cannot be a candidate; candidates are parametric families: {string.Join(", ", ParametricFamilies)}. The empirical distribution is the fallback and needs no listing.", nameof(Candidates));
            if (value.Distinct().Count() != value.Count)
                throw new ArgumentException("A candidate family is listed twice.", nameof(Candidates));
            field = [.. value];
        }
    } = ParametricFamilies;
}
