using Doppel.Data;
using Doppel.Randomness;
using Doppel.Statistics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Doppel.Tests.Statistics;

public class MarginalFitterTests
{
    private const int Draws = 20_000;

    private static double[] Draw(IContinuousDistribution distribution) =>
        Enumerable.Range(0, Draws).Select(_ => distribution.Sample()).ToArray();

    private static MarginalFit Fit(double[] values, Distribution requested = Distribution.Auto, bool isInteger = false) =>
        MarginalFitter.Fit(values, new MarginalFitOptions { Requested = requested, IsInteger = isInteger });

    /// <summary>The largest CDF gap between a fitted marginal and the true distribution over its central 99.8%.</summary>
    private static double DistanceToTruth(Marginal fitted, Func<double, double> trueQuantile, double shift = 0)
    {
        double distance = 0;
        for (double u = 0.001; u < 0.999; u += 0.001)
            distance = Math.Max(distance, Math.Abs(fitted.Cdf(trueQuantile(u) + shift) - u));
        return distance;
    }

    [Fact]
    public void Normal_recovers_mean_and_standard_deviation()
    {
        Marginal fitted = Fit(Draw(new Normal(10, 2, new MersenneTwister(1))), Distribution.Normal).Marginal;
        // Standard errors with 20,000 draws: 0.014 for μ, 0.010 for σ; tolerance ≈ 4 standard errors.
        fitted.Parameters[0].ShouldBe(10, 0.06);
        fitted.Parameters[1].ShouldBe(2, 0.04);
    }

    [Fact]
    public void Uniform_recovers_its_bounds()
    {
        Marginal fitted = Fit(Draw(new ContinuousUniform(3, 7, new MersenneTwister(2))), Distribution.Uniform).Marginal;
        // The ends are estimated from the extremes: their error is of order range / n = 0.0002.
        fitted.Parameters[0].ShouldBe(3, 0.002);
        fitted.Parameters[1].ShouldBe(7, 0.002);
    }

    [Fact]
    public void Gamma_recovers_shape_scale_and_location()
    {
        double[] values = Draw(new Gamma(2, 1 / 1.5, new MersenneTwister(3))).Select(x => x + 5).ToArray();
        MarginalFit fit = Fit(values, Distribution.Gamma);
        // The three-parameter likelihood is flat along shape/location; 10% on the shape, 0.1 on the location.
        fit.Marginal.Parameters[0].ShouldBe(2, 0.2);
        fit.Marginal.Parameters[1].ShouldBe(1.5, 0.15);
        fit.Marginal.Parameters[2].ShouldBe(5, 0.1);
        DistanceToTruth(fit.Marginal, new Gamma(2, 1 / 1.5).InverseCumulativeDistribution, 5).ShouldBeLessThan(0.01);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.02);
    }

    [Fact]
    public void LogNormal_recovers_its_log_scale_parameters()
    {
        MarginalFit fit = Fit(Draw(new LogNormal(1, 0.5, new MersenneTwister(4))), Distribution.LogNormal);
        fit.Marginal.Parameters[0].ShouldBe(1, 0.1);
        fit.Marginal.Parameters[1].ShouldBe(0.5, 0.05);
        fit.Marginal.Parameters[2].ShouldBe(0, 0.3);
        DistanceToTruth(fit.Marginal, new LogNormal(1, 0.5).InverseCumulativeDistribution).ShouldBeLessThan(0.01);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.02);
    }

    [Fact]
    public void Beta_recovers_its_shape_on_data_that_reaches_its_bounds()
    {
        MarginalFit fit = Fit(Draw(new Beta(2, 2, new MersenneTwister(5))), Distribution.Beta);
        // The support is estimated from the extremes (≈ 0.004 inside [0, 1] for Beta(2, 2)), which narrows α and β a little.
        fit.Marginal.Parameters[0].ShouldBe(2, 0.15);
        fit.Marginal.Parameters[1].ShouldBe(2, 0.15);
        fit.Marginal.Parameters[2].ShouldBe(0, 0.01);
        (fit.Marginal.Parameters[2] + fit.Marginal.Parameters[3]).ShouldBe(1, 0.01);
        DistanceToTruth(fit.Marginal, new Beta(2, 2).InverseCumulativeDistribution).ShouldBeLessThan(0.01);
    }

    [Fact]
    public void Beta_with_a_thin_tail_still_matches_the_distribution()
    {
        MarginalFit fit = Fit(Draw(new Beta(2, 5, new MersenneTwister(6))), Distribution.Beta);
        DistanceToTruth(fit.Marginal, new Beta(2, 5).InverseCumulativeDistribution).ShouldBeLessThan(0.015);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.02);
    }

    [Fact]
    public void Truncated_normal_recovers_location_scale_and_bounds()
    {
        var rng = new Rng(7);
        double[] values = Enumerable.Range(0, Draws).Select(_ => 3 + 2 * TruncatedNormalSampler.Sample(rng, -1, 2)).ToArray();
        MarginalFit fit = Fit(values, Distribution.TruncatedNormal);
        fit.Marginal.Parameters[0].ShouldBe(3, 0.15);
        fit.Marginal.Parameters[1].ShouldBe(2, 0.1);
        fit.Marginal.Parameters[2].ShouldBe(1, 0.01);
        fit.Marginal.Parameters[3].ShouldBe(7, 0.01);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.02);
    }

    [Fact]
    public void Auto_picks_normal_for_normal_data()
    {
        MarginalFit fit = Fit(Draw(new Normal(50, 8, new MersenneTwister(8))));
        fit.Marginal.Family.ShouldBe(Distribution.Normal);
        fit.Choice.ShouldBe(MarginalChoice.BestParametric);
        fit.Candidates.Select(c => c.Family).ShouldBe(MarginalFitOptions.ParametricFamilies);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Auto_picks_a_skewed_family_for_skewed_data(bool logNormal)
    {
        double[] values = logNormal ? Draw(new LogNormal(2, 0.7, new MersenneTwister(9))) : Draw(new Gamma(1.5, 0.2, new MersenneTwister(10)));
        MarginalFit fit = Fit(values);
        fit.Marginal.Family.ShouldBeOneOf(Distribution.LogNormal, Distribution.Gamma);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.02);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Auto_picks_beta_or_uniform_for_bounded_data(bool uniform)
    {
        double[] values = uniform ? Draw(new ContinuousUniform(-4, 9, new MersenneTwister(11))) : Draw(new Beta(0.7, 1.6, new MersenneTwister(12)));
        MarginalFit fit = Fit(values);
        fit.Marginal.Family.ShouldBeOneOf(Distribution.Beta, Distribution.Uniform);
        if (!uniform) fit.Marginal.Family.ShouldBe(Distribution.Beta);
    }

    [Fact]
    public void Auto_picks_empirical_for_bimodal_data_because_no_family_fits()
    {
        var source = new MersenneTwister(13);
        double[] values = [.. Normal.Samples(source, 0, 1).Take(Draws / 2), .. Normal.Samples(source, 6, 1).Take(Draws / 2)];
        MarginalFit fit = Fit(values);
        fit.Marginal.Family.ShouldBe(Distribution.Empirical);
        fit.Choice.ShouldBe(MarginalChoice.ParametricFitsTooPoor);
        fit.Candidates.Where(c => c.Family != Distribution.Empirical).ShouldAllBe(c => c.KolmogorovSmirnovStatistic > 0.02);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.005);
    }

    [Fact]
    public void Auto_picks_empirical_for_atom_heavy_data_and_keeps_the_atom_frequency()
    {
        // Like Adult's capital-gain: 92% zeros, the rest spread over a skewed range.
        var source = new MersenneTwister(14);
        var lognormal = new LogNormal(8, 1, source);
        double[] values = Enumerable.Range(0, Draws).Select(i => i % 25 < 23 ? 0.0 : Math.Round(lognormal.Sample())).ToArray();
        MarginalFit fit = Fit(values);
        fit.Marginal.Family.ShouldBe(Distribution.Empirical);
        fit.Choice.ShouldBe(MarginalChoice.PointMasses);
        fit.Marginal.Cdf(0).ShouldBe(0.92, 1e-12);
        fit.Marginal.CdfBelow(0).ShouldBe(0);

        var transform = new NormalScoreTransform(fit.Marginal);
        var rng = new Rng(15);
        double[] sampled = Enumerable.Range(0, Draws).Select(_ => transform.FromNormal(rng.NextGaussian())).ToArray();
        ((double)sampled.Count(v => v == 0) / Draws).ShouldBe(0.92, 0.01);
        // The continuous part keeps its quantiles: the median of the non-zero values.
        double[] observedTail = values.Where(v => v != 0).Order().ToArray();
        double[] sampledTail = sampled.Where(v => v != 0).Order().ToArray();
        sampledTail[sampledTail.Length / 2].ShouldBe(observedTail[observedTail.Length / 2], 0.1 * observedTail[observedTail.Length / 2]);
    }

    [Fact]
    public void Empirical_quantiles_follow_the_data()
    {
        double[] values = Draw(new Normal(0, 1, new MersenneTwister(16)));
        Marginal fitted = Fit(values, Distribution.Empirical).Marginal;
        double[] sorted = values.Order().ToArray();
        foreach (double u in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
            fitted.Quantile(u).ShouldBe(sorted[(int)(u * (Draws - 1))], 0.01);
        fitted.Minimum.ShouldBe(sorted[0]);
        fitted.Maximum.ShouldBe(sorted[^1]);
        ((int)fitted.Parameters[0]).ShouldBe(MarginalFitter.MaxKnots);
        fitted.Parameters.Count.ShouldBe(2 + MarginalFitter.MaxKnots);
    }

    [Fact]
    public void Integer_column_with_few_values_becomes_atoms_with_their_frequencies()
    {
        var poisson = new Poisson(3, new MersenneTwister(17));
        double[] values = Enumerable.Range(0, Draws).Select(_ => (double)poisson.Sample()).ToArray();
        MarginalFit fit = Fit(values, isInteger: true);
        fit.Marginal.Family.ShouldBe(Distribution.Empirical);
        fit.Marginal.Parameters[0].ShouldBe(0); // no knots: every value is an atom
        foreach (double v in values.Distinct())
        {
            double frequency = (double)values.Count(x => x == v) / Draws;
            (fit.Marginal.Cdf(v) - fit.Marginal.CdfBelow(v)).ShouldBe(frequency, 1e-12);
        }
        var transform = new NormalScoreTransform(fit.Marginal);
        var rng = new Rng(18);
        var observed = values.ToHashSet();
        for (int i = 0; i < 5_000; i++) observed.ShouldContain(transform.FromNormal(rng.NextGaussian()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public void A_single_distinct_value_becomes_one_atom(int count)
    {
        MarginalFit fit = Fit(Enumerable.Repeat(42.5, count).ToArray(), Distribution.Gamma);
        fit.Choice.ShouldBe(MarginalChoice.SingleValue);
        fit.Marginal.Family.ShouldBe(Distribution.Empirical);
        fit.Marginal.Parameters.ShouldBe([0, 1, 42.5, 1]);
        var transform = new NormalScoreTransform(fit.Marginal);
        transform.FromNormal(-3).ShouldBe(42.5);
        transform.FromNormal(3).ShouldBe(42.5);
    }

    [Fact]
    public void A_value_seen_once_is_not_an_atom_even_in_a_small_sample()
    {
        double[] values = Enumerable.Range(0, 60).Select(i => i * 1.37 + (i % 7) * 0.1).ToArray();
        Marginal fitted = Fit(values, Distribution.Empirical).Marginal;
        fitted.Parameters[1].ShouldBe(0);
    }

    [Fact]
    public void Requested_family_is_fitted_even_when_another_fits_better()
    {
        MarginalFit fit = Fit(Draw(new Normal(0, 1, new MersenneTwister(19))), Distribution.Uniform);
        fit.Marginal.Family.ShouldBe(Distribution.Uniform);
        fit.Choice.ShouldBe(MarginalChoice.Requested);
        fit.Candidates.Count.ShouldBe(1);
    }

    [Fact]
    public void Requested_gamma_on_symmetric_data_stays_a_usable_gamma()
    {
        MarginalFit fit = Fit(Draw(new Normal(50, 8, new MersenneTwister(22))), Distribution.Gamma);
        fit.Marginal.Family.ShouldBe(Distribution.Gamma);
        fit.KolmogorovSmirnovStatistic.ShouldBeLessThan(0.02);
    }

    [Theory]
    [InlineData(new[] { 0.5, 1.5 })]
    [InlineData(new[] { 3.0, -1.0, 2.5 })]
    [InlineData(new[] { 1.0, 1.0, 2.0, 7.0 })]
    public void Tiny_samples_give_a_valid_marginal_within_the_data_range(double[] values)
    {
        MarginalFit fit = Fit(values);
        var transform = new NormalScoreTransform(fit.Marginal);
        foreach (double z in new[] { -3.0, -0.5, 0, 0.5, 3 })
            transform.FromNormal(z).ShouldBeInRange(values.Min() - 1e-9, values.Max() + 1e-9);
        Marginal.FromParameters(fit.Marginal.Family, fit.Marginal.Parameters).Parameters.ShouldBe(fit.Marginal.Parameters);
    }

    [Fact]
    public void Fitting_is_deterministic()
    {
        double[] values = Draw(new Gamma(2, 1, new MersenneTwister(20)));
        Fit(values).Marginal.Parameters.ShouldBe(Fit(values).Marginal.Parameters);
    }

    [Fact]
    public void Options_reject_bad_values_with_the_allowed_ones()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MarginalFitOptions { EmpiricalThreshold = 0 });
        Should.Throw<ArgumentException>(() => new MarginalFitOptions { Candidates = [Distribution.Empirical] })
            .Message.ShouldContain("Normal, TruncatedNormal, Beta, Gamma, LogNormal, Uniform");
        Should.Throw<ArgumentException>(() => new MarginalFitOptions { Candidates = [] });
        Should.Throw<ArgumentOutOfRangeException>(() => new MarginalFitOptions { Requested = (Distribution)99 });
    }

    [Fact]
    public void Fit_rejects_empty_and_non_finite_values()
    {
        Should.Throw<ArgumentException>(() => MarginalFitter.Fit([], new MarginalFitOptions()));
        Should.Throw<ArgumentException>(() => MarginalFitter.Fit([1, double.NaN], new MarginalFitOptions())).Message.ShouldContain("Value 1 is NaN");
    }

    [Fact]
    public void Candidates_limit_what_auto_tries()
    {
        MarginalFit fit = MarginalFitter.Fit(Draw(new Normal(0, 1, new MersenneTwister(21))),
            new MarginalFitOptions { Candidates = [Distribution.Uniform, Distribution.Beta] });
        fit.Candidates.Take(2).Select(c => c.Family).ShouldBe([Distribution.Uniform, Distribution.Beta]);
        fit.Candidates.ShouldNotContain(c => c.Family == Distribution.Normal);
    }
}
