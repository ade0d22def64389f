using Doppel.Statistics;
using MathNet.Numerics.Distributions;

namespace Doppel.Tests.Statistics;

public class StandardNormalTests
{
    [Fact]
    public void Cdf_matches_MathNet_to_1e12_relative_from_the_far_lower_tail_to_the_upper_tail()
    {
        for (double z = -37; z <= 8.5; z += 0.0173)
        {
            double expected = Normal.CDF(0, 1, z);
            Math.Abs(StandardNormal.Cdf(z) - expected).ShouldBeLessThanOrEqualTo(1e-12 * expected, $"z = {z}");
        }
    }

    [Theory]
    // Textbook values (Abramowitz & Stegun 26.2; R's pnorm to 16 digits).
    [InlineData(-1.0, 0.15865525393145705)]
    [InlineData(-1.959963984540054, 0.025)]
    [InlineData(-5.0, 2.866515718791939e-7)]
    [InlineData(-10.0, 7.619853024160527e-24)]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    public void Cdf_reproduces_published_values(double z, double expected) =>
        StandardNormal.Cdf(z).ShouldBe(expected, 1e-14 * expected);

    [Fact]
    public void Survival_keeps_relative_precision_in_the_upper_tail()
    {
        StandardNormal.Survival(10).ShouldBe(7.619853024160527e-24, 1e-36);
        StandardNormal.Survival(-1).ShouldBe(StandardNormal.Cdf(1), 1e-16);
    }

    [Fact]
    public void Quantile_matches_MathNet_to_1e12_relative()
    {
        // Lower tail from 1e-300 up to 0.5, then the upper half as 1 − q for q from 0.5 down to 1e-15.
        var probabilities = new List<double>();
        for (double p = 1e-300; p < 0.5; p *= 1.7) probabilities.Add(p);
        for (double q = 0.5; q > 1e-15; q /= 1.7) probabilities.Add(1 - q);
        foreach (double p in probabilities)
        {
            double expected = Normal.InvCDF(0, 1, p);
            if (Math.Abs(expected) < 1e-3) continue; // relative error is meaningless at the root
            Math.Abs(StandardNormal.Quantile(p) - expected).ShouldBeLessThanOrEqualTo(1e-12 * Math.Abs(expected), $"p = {p}");
        }
    }

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.15865525393145705, -1.0)]
    public void Quantile_reproduces_published_values(double p, double expected) =>
        StandardNormal.Quantile(p).ShouldBe(expected, 1e-14 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Quantile_is_infinite_at_0_and_1_and_NaN_outside()
    {
        StandardNormal.Quantile(0).ShouldBe(double.NegativeInfinity);
        StandardNormal.Quantile(1).ShouldBe(double.PositiveInfinity);
        double.IsNaN(StandardNormal.Quantile(-0.1)).ShouldBeTrue();
        double.IsNaN(StandardNormal.Quantile(1.1)).ShouldBeTrue();
        double.IsNaN(StandardNormal.Quantile(double.NaN)).ShouldBeTrue();
    }

    [Fact]
    public void Quantile_inverts_Cdf_and_UpperQuantile_inverts_Survival()
    {
        // Above 0, Φ(z) rounds to 1 − 2⁻⁵³ steps, so the upper tail goes through the survival function instead.
        for (double z = -30; z <= 0.5; z += 0.37)
            StandardNormal.Quantile(StandardNormal.Cdf(z)).ShouldBe(z, 1e-12 * Math.Max(1, Math.Abs(z)));
        for (double z = 0.5; z <= 30; z += 0.37)
            StandardNormal.UpperQuantile(StandardNormal.Survival(z)).ShouldBe(z, 1e-12 * z);
    }

    [Fact]
    public void Pdf_matches_the_formula() =>
        StandardNormal.Pdf(1.5).ShouldBe(Math.Exp(-1.125) / Math.Sqrt(2 * Math.PI), 1e-16);

    [Fact]
    public void Fast_cdf_is_within_1e7_of_the_exact_cdf()
    {
        for (double z = -9; z <= 9; z += 0.00731)
            Math.Abs(FastNormalCdf.Evaluate(z) - StandardNormal.Cdf(z)).ShouldBeLessThan(1e-7, $"z = {z}");
    }

    [Fact]
    public void Truncated_variance_matches_the_closed_forms()
    {
        StandardNormal.TruncatedVariance(double.NegativeInfinity, double.PositiveInfinity).ShouldBe(1, 1e-12);
        // Half line: variance of |Z| is 1 − 2/π.
        StandardNormal.TruncatedVariance(0, double.PositiveInfinity).ShouldBe(1 - 2 / Math.PI, 1e-12);
        StandardNormal.TruncatedVariance(double.NegativeInfinity, 0).ShouldBe(1 - 2 / Math.PI, 1e-12);
        // A narrow interval is nearly uniform: variance ≈ width² / 12.
        StandardNormal.TruncatedVariance(0.5, 0.51).ShouldBe(0.0001 / 12, 1e-8);
        StandardNormal.TruncatedVariance(1, 1).ShouldBe(0);
    }
}
