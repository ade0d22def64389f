using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>One family tried while fitting a marginal, with how well it matched the data.</summary>
/// <param name="Family">The family tried.</param>
/// <param name="Marginal">The fitted marginal, or null when the family could not be fitted (see <paramref name="Problem"/>).</param>
/// <param name="KolmogorovSmirnovStatistic">The largest gap between the fitted and the observed CDF, in [0, 1]; 1 when the family could not be fitted.</param>
/// <param name="Problem">Why the family could not be fitted, or null.</param>
public sealed record MarginalCandidate(Distribution Family, Marginal? Marginal, double KolmogorovSmirnovStatistic, string? Problem = null);
