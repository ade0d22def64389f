namespace Doppel.Statistics;

/// <summary>The result of <see cref="MarginalFitter.Fit"/>: the chosen marginal and every candidate tried, for diagnostics.</summary>
/// <param name="Marginal">The chosen marginal.</param>
/// <param name="KolmogorovSmirnovStatistic">The chosen marginal's KS statistic against the data (on at most 20,000 evenly spaced order statistics).</param>
/// <param name="Choice">Why this marginal was chosen.</param>
/// <param name="Candidates">Every family fitted, in the order tried, including the chosen one.</param>
public sealed record MarginalFit(Marginal Marginal, double KolmogorovSmirnovStatistic, MarginalChoice Choice, IReadOnlyList<MarginalCandidate> Candidates);
