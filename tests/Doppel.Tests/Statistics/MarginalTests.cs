using Doppel.Data;
using Doppel.Statistics;
using MathNet.Numerics.Distributions;

namespace Doppel.Tests.Statistics;

public class MarginalTests
{
    public static TheoryData<Distribution, double[]> Examples => new()
    {
        { Distribution.Normal, [10, 2] },
        { Distribution.TruncatedNormal, [0, 1, -1, 2] },
        { Distribution.Beta, [2, 5, 1, 3] },
        { Distribution.Gamma, [2, 1.5, -1] },
        { Distribution.LogNormal, [1, 0.5, 3] },
        { Distribution.Uniform, [3, 7] },
        { Distribution.Empirical, [5, 2, 1, 2, 4, 8, 9, 0, 0.3, 5, 0.2] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void FromParameters_round_trips_every_family(Distribution family, double[] parameters)
    {
        Marginal original = Marginal.FromParameters(family, parameters);
        Marginal restored = Marginal.FromParameters(original.Family, original.Parameters);
        restored.Family.ShouldBe(family);
        restored.Parameters.ShouldBe(parameters);
        for (double u = 0.001; u < 1; u += 0.0137)
        {
            double x = original.Quantile(u);
            restored.Quantile(u).ShouldBe(x);
            restored.Cdf(x).ShouldBe(original.Cdf(x));
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Quantile_inverts_Cdf_and_stays_in_the_support(Distribution family, double[] parameters)
    {
        Marginal marginal = Marginal.FromParameters(family, parameters);
        for (double u = 0.0005; u < 1; u += 0.0111)
        {
            double x = marginal.Quantile(u);
            x.ShouldBeInRange(marginal.Minimum, marginal.Maximum);
            // Generalised inverse: F(x−) ≤ u ≤ F(x).
            marginal.CdfBelow(x).ShouldBeLessThanOrEqualTo(u + 1e-9, $"{family} at u = {u}");
            marginal.Cdf(x).ShouldBeGreaterThanOrEqualTo(u - 1e-9, $"{family} at u = {u}");
        }
    }

    [Fact]
    public void Parametric_families_agree_with_MathNet()
    {
        var checks = new (Marginal Marginal, Func<double, double> ReferenceQuantile, double Shift)[]
        {
            (Marginal.FromParameters(Distribution.Normal, [10, 2]), new Normal(10, 2).InverseCumulativeDistribution, 0),
            (Marginal.FromParameters(Distribution.Gamma, [2.5, 1.5, -1]), new Gamma(2.5, 1 / 1.5).InverseCumulativeDistribution, -1),
            (Marginal.FromParameters(Distribution.Gamma, [0.4, 2, 0]), new Gamma(0.4, 0.5).InverseCumulativeDistribution, 0),
            (Marginal.FromParameters(Distribution.LogNormal, [1, 0.5, 3]), new LogNormal(1, 0.5).InverseCumulativeDistribution, 3),
            (Marginal.FromParameters(Distribution.Uniform, [3, 7]), new ContinuousUniform(3, 7).InverseCumulativeDistribution, 0),
        };
        foreach ((Marginal marginal, Func<double, double> referenceQuantile, double shift) in checks)
        {
            for (double u = 0.001; u < 1; u += 0.0173)
            {
                double expected = referenceQuantile(u) + shift;
                marginal.Quantile(u).ShouldBe(expected, 1e-9 * Math.Max(1, Math.Abs(expected)), $"{marginal} at u = {u}");
                marginal.Cdf(expected).ShouldBe(u, 1e-10, $"{marginal} at u = {u}");
            }
        }
    }

    [Fact]
    public void Beta_with_location_and_scale_agrees_with_MathNet()
    {
        Marginal marginal = Marginal.FromParameters(Distribution.Beta, [2, 5, 1, 3]);
        for (double y = 0.01; y < 1; y += 0.0231)
        {
            marginal.Cdf(1 + 3 * y).ShouldBe(Beta.CDF(2, 5, y), 1e-12);
            double u = Beta.CDF(2, 5, y);
            marginal.Quantile(u).ShouldBe(1 + 3 * y, 1e-9);
        }
        marginal.Minimum.ShouldBe(1);
        marginal.Maximum.ShouldBe(4);
    }

    [Fact]
    public void Truncated_normal_matches_the_renormalised_normal_even_far_in_the_tail()
    {
        Marginal central = Marginal.FromParameters(Distribution.TruncatedNormal, [0, 1, -1, 2]);
        double mass = Normal.CDF(0, 1, 2) - Normal.CDF(0, 1, -1);
        central.Cdf(0.5).ShouldBe((Normal.CDF(0, 1, 0.5) - Normal.CDF(0, 1, -1)) / mass, 1e-14);

        // [6, 7] standard deviations: 1 − Φ would lose every digit; survival probabilities do not.
        Marginal tail = Marginal.FromParameters(Distribution.TruncatedNormal, [0, 1, 6, 7]);
        double tailMass = Normal.CDF(0, 1, -6) - Normal.CDF(0, 1, -7);
        tail.Cdf(6.2).ShouldBe((Normal.CDF(0, 1, -6) - Normal.CDF(0, 1, -6.2)) / tailMass, 1e-10);
        tail.Quantile(tail.Cdf(6.2)).ShouldBe(6.2, 1e-9);
    }

    [Fact]
    public void Quantile_rejects_probabilities_outside_0_to_1()
    {
        Marginal marginal = Marginal.FromParameters(Distribution.Normal, [0, 1]);
        Should.Throw<ArgumentOutOfRangeException>(() => marginal.Quantile(1.5));
        Should.Throw<ArgumentOutOfRangeException>(() => marginal.Quantile(double.NaN));
    }

    [Theory]
    [InlineData(Distribution.Normal, new[] { 1.0, 2, 3 }, "Normal", "needs 2 parameters (mu, sigma) but has 3")]
    [InlineData(Distribution.Normal, new[] { double.NaN, 2 }, "Normal", "'mu' is NaN")]
    [InlineData(Distribution.Normal, new[] { 0.0, -1 }, "Normal", "'sigma' is -1; it must be greater than 0")]
    [InlineData(Distribution.Gamma, new[] { 0.0, 1, 0 }, "Gamma", "'shape' is 0")]
    [InlineData(Distribution.Beta, new[] { 2.0, 5, 0, 0 }, "Beta", "'scale' is 0")]
    [InlineData(Distribution.LogNormal, new[] { 1.0, double.PositiveInfinity, 0 }, "LogNormal", "'sigma' is Infinity")]
    [InlineData(Distribution.Uniform, new[] { 7.0, 3 }, "Uniform", "'lower' (7) must be below 'upper' (3)")]
    [InlineData(Distribution.TruncatedNormal, new[] { 0.0, 1, 50, 60 }, "TruncatedNormal", "holds no probability")]
    [InlineData(Distribution.Auto, new[] { 0.0, 1 }, "Auto", "cannot have family")]
    [InlineData(Distribution.Empirical, new[] { 3.0, 0, 1, 2 }, "Empirical", "need 2 + K + 2M = 5 values but it has 4")]
    [InlineData(Distribution.Empirical, new[] { 1.0, 1, 5, 5, 1 }, "Empirical", "K is 1")]
    [InlineData(Distribution.Empirical, new[] { 2.5, 0, 1, 2 }, "Empirical", "knot count K is 2.5")]
    [InlineData(Distribution.Empirical, new[] { 3.0, 0, 1, 3, 2 }, "Empirical", "knot 2 (2) is below knot 1 (3)")]
    [InlineData(Distribution.Empirical, new[] { 2.0, 2, 1, 2, 0, 0.6, 5, 0.5 }, "Empirical", "leaving nothing for the 2 knots")]
    [InlineData(Distribution.Empirical, new[] { 0.0, 2, 3, 0.5, 1, 0.5 }, "Empirical", "atom 2 (1) is not above atom 1 (3)")]
    [InlineData(Distribution.Empirical, new[] { 0.0, 1, 3, 0.5 }, "Empirical", "must sum to 1 but sum to 0.5")]
    public void FromParameters_rejects_bad_parameters_naming_family_and_parameter(Distribution family, double[] parameters, string familyName, string detail)
    {
        var exception = Should.Throw<ModelFormatException>(() => Marginal.FromParameters(family, parameters));
        exception.Message.ShouldContain(familyName);
        exception.Message.ShouldContain(detail);
    }

    [Fact]
    public void ToString_names_the_family_and_its_parameters() =>
        Marginal.FromParameters(Distribution.Gamma, [2, 3, 0]).ToString().ShouldBe("Gamma(shape=2, scale=3, loc=0)");
}
