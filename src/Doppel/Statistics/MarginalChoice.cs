namespace Doppel.Statistics;

/// <summary>Why <see cref="MarginalFitter"/> chose the marginal it returned.</summary>
public enum MarginalChoice
{
    /// <summary>The family was requested explicitly.</summary>
    Requested,
    /// <summary>The parametric candidate with the smallest KS statistic, within the empirical threshold.</summary>
    BestParametric,
    /// <summary>Every parametric candidate's KS statistic exceeded the empirical threshold.</summary>
    ParametricFitsTooPoor,
    /// <summary>The data has point masses (a value holding at least 1% of rows, or an integer column with at most 50 distinct values).</summary>
    PointMasses,
    /// <summary>The requested family could not be fitted (its candidate gives the reason), so the marginal was chosen as with Auto.</summary>
    RequestedFamilyUnfit,
    /// <summary>The data holds a single distinct value.</summary>
    SingleValue,
}
