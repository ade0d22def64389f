using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>
/// Fits a <see cref="Marginal"/> to the values of one column. With <see cref="Distribution.Auto"/> every candidate
/// family is fitted and ranked by its Kolmogorov–Smirnov statistic (near-ties go to the family with fewer
/// parameters); the smoothed empirical distribution wins when
/// the data has point masses or no parametric family comes within <see cref="MarginalFitOptions.EmpiricalThreshold"/>.
/// </summary>
public static partial class MarginalFitter
{
    /// <summary>The KS statistic is computed on at most this many evenly spaced order statistics.</summary>
    public const int KolmogorovSmirnovSampleSize = 20_000;

    /// <summary>A value holding at least this share of the rows is a point mass (atom).</summary>
    public const double AtomShare = 0.01;

    /// <summary>An integer column with at most this many distinct values is modelled value by value.</summary>
    public const int DiscreteDistinctLimit = 50;

    /// <summary>Fits a marginal to finite values (no NaN) as <paramref name="options"/> asks.</summary>
    public static MarginalFit Fit(ReadOnlySpan<double> values, MarginalFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (values.IsEmpty) throw new ArgumentException("A marginal needs at least one value; the column has none present.", nameof(values));
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Value {i} is {values[i]}; a marginal is fitted to finite values only (remove missing values first).", nameof(values));

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        var sample = new SortedSample(sorted);
        double[] ksSample = sample.Subsample(KolmogorovSmirnovSampleSize);

        if (sample.DistinctValues.Length == 1)
        {
            Marginal single = Marginal.FromParameters(Distribution.Empirical, [0, 1, sample.Minimum, 1.0]);
            return new MarginalFit(single, 0, MarginalChoice.SingleValue, [new MarginalCandidate(Distribution.Empirical, single, 0)]);
        }

        var candidates = new List<MarginalCandidate>(options.Candidates.Count + 2);
        if (options.Requested != Distribution.Auto)
        {
            MarginalCandidate requested = Candidate(options.Requested, sample, ksSample, options.IsInteger);
            if (requested.Marginal is not null)
                return new MarginalFit(requested.Marginal, requested.KolmogorovSmirnovStatistic, MarginalChoice.Requested, [requested]);
            // A family that cannot describe the data (its candidate says why) must not fail the whole fit: choose as Auto would.
            candidates.Add(requested);
            MarginalFit chosen = ChooseAutomatically(sample, ksSample, options, candidates);
            return chosen with { Choice = MarginalChoice.RequestedFamilyUnfit };
        }
        return ChooseAutomatically(sample, ksSample, options, candidates);
    }

    private static MarginalFit ChooseAutomatically(SortedSample sample, double[] ksSample, MarginalFitOptions options, List<MarginalCandidate> candidates)
    {
        if (HasPointMasses(sample, options.IsInteger))
        {
            MarginalCandidate empirical = Candidate(Distribution.Empirical, sample, ksSample, options.IsInteger);
            candidates.Add(empirical);
            return new MarginalFit(empirical.Marginal!, empirical.KolmogorovSmirnovStatistic, MarginalChoice.PointMasses, candidates);
        }

        MarginalCandidate? best = null;
        foreach (Distribution family in options.Candidates)
        {
            if (candidates.Any(c => c.Family == family)) continue;
            MarginalCandidate candidate = Candidate(family, sample, ksSample, options.IsInteger);
            candidates.Add(candidate);
            if (candidate.Marginal is not null && (best is null || RankingScore(candidate) < RankingScore(best)))
                best = candidate;
        }
        if (best is not null && best.KolmogorovSmirnovStatistic <= options.EmpiricalThreshold)
            return new MarginalFit(best.Marginal!, best.KolmogorovSmirnovStatistic, MarginalChoice.BestParametric, candidates);

        MarginalCandidate fallback = Candidate(Distribution.Empirical, sample, ksSample, options.IsInteger);
        candidates.Add(fallback);
        return new MarginalFit(fallback.Marginal!, fallback.KolmogorovSmirnovStatistic, MarginalChoice.ParametricFitsTooPoor, candidates);
    }

    /// <summary>
    /// The KS statistic plus <see cref="ParameterPenalty"/> per parameter beyond two: on normal data a truncated normal
    /// or a near-normal gamma matches the KS statistic to the fourth decimal, and the simpler family should win the tie.
    /// </summary>
    private static double RankingScore(MarginalCandidate candidate) =>
        candidate.KolmogorovSmirnovStatistic + ParameterPenalty * (candidate.Marginal!.Parameters.Count - 2);

    /// <summary>How much a family's KS statistic must improve per extra parameter to be preferred to a simpler family.</summary>
    public const double ParameterPenalty = 0.0005;

    /// <summary>Any value holding at least 1% of the rows (and at least 2 rows), or an integer column with few distinct values.</summary>
    private static bool HasPointMasses(SortedSample sample, bool isInteger)
    {
        if (isInteger && sample.DistinctValues.Length <= DiscreteDistinctLimit) return true;
        int threshold = AtomThreshold(sample.Count);
        foreach (int count in sample.Counts)
            if (count >= threshold) return true;
        return false;
    }

    /// <summary>The smallest count that makes a value an atom: 1% of the rows, and never a value seen once.</summary>
    private static int AtomThreshold(int rows) => Math.Max(2, (int)Math.Ceiling(AtomShare * rows - 1e-9));

    private static MarginalCandidate Candidate(Distribution family, SortedSample sample, double[] ksSample, bool isInteger)
    {
        double[]? parameters;
        string? problem;
        if (family == Distribution.Empirical)
        {
            parameters = EmpiricalParameters(sample, isInteger);
            problem = null;
        }
        else
        {
            (parameters, problem) = family switch
            {
                Distribution.Normal => (FitNormal(sample), null),
                Distribution.TruncatedNormal => FitTruncatedNormal(sample),
                Distribution.Beta => FitBeta(sample),
                Distribution.Gamma => FitGamma(sample),
                Distribution.LogNormal => FitLogNormal(sample),
                Distribution.Uniform => (FitUniform(sample), null),
                _ => (null, $"'{family}' is not a family that can be fitted"),
            };
        }
        if (parameters is null) return new MarginalCandidate(family, null, 1.0, problem);
        Marginal marginal;
        try
        {
            marginal = Marginal.FromParameters(family, parameters);
        }
        catch (ModelFormatException exception)
        {
            // A numerically degenerate estimate (e.g. an underflowing scale) is a failed candidate, not a failed fit.
            return new MarginalCandidate(family, null, 1.0, exception.Message);
        }
        return new MarginalCandidate(family, marginal, KolmogorovSmirnov.Statistic(ksSample, marginal.Kernel));
    }
}
