using Doppel.Randomness;
using Doppel.Statistics;
using MathNet.Numerics.Distributions;

namespace Doppel.Tests.Statistics;

public class TruncatedNormalSamplerTests
{
    private const int Draws = 40_000;

    private static double[] Sample(double lower, double upper, ulong seed = 1)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, Draws).Select(_ => TruncatedNormalSampler.Sample(rng, lower, upper)).ToArray();
    }

    /// <summary>E[Z | a ≤ Z ≤ b] = (φ(a) − φ(b)) / (Φ(b) − Φ(a)), the masses taken from the nearer tail.</summary>
    private static double TruncatedMean(double a, double b)
    {
        double mass = a > 0 ? Normal.CDF(0, 1, -a) - Normal.CDF(0, 1, -b) : Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a);
        return (Normal.PDF(0, 1, a) - Normal.PDF(0, 1, b)) / mass;
    }

    [Fact]
    public void Lower_tail_from_1_has_the_textbook_mean()
    {
        double[] draws = Sample(1, double.PositiveInfinity);
        draws.ShouldAllBe(x => x >= 1);
        // φ(1) / (1 − Φ(1)) = 1.525135; the draws' standard deviation is 0.43, so the mean's is 0.002.
        TruncatedMean(1, double.PositiveInfinity).ShouldBe(1.5251352761609812, 1e-12);
        draws.Average().ShouldBe(1.5251352761609812, 0.01);
    }

    [Theory]
    [InlineData(6.0, 7.0)]
    [InlineData(-7.0, -6.0)]
    [InlineData(-0.5, 2.0)]
    [InlineData(-3.0, -2.9)]
    [InlineData(2.0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, -3.0)]
    public void Draws_stay_inside_and_have_the_exact_truncated_mean(double lower, double upper)
    {
        double[] draws = Sample(lower, upper);
        draws.ShouldAllBe(x => x >= lower && x <= upper);
        double expected = lower == double.NegativeInfinity ? -TruncatedMean(-upper, double.PositiveInfinity) : TruncatedMean(lower, upper);
        draws.Average().ShouldBe(expected, 0.01);
    }

    [Fact]
    public void Far_tail_beyond_double_precision_uses_rejection_with_the_asymptotic_mean()
    {
        double[] draws = Sample(40, double.PositiveInfinity);
        draws.ShouldAllBe(x => x >= 40);
        // Mills ratio expansion: E[Z | Z > a] = a + 1/a − 2/a³ + …; the draws' sd is ≈ 1/a = 0.025.
        draws.Average().ShouldBe(40 + 1.0 / 40 - 2.0 / (40 * 40 * 40), 1e-3);
    }

    [Fact]
    public void Narrow_far_tail_interval_is_sampled_correctly()
    {
        double[] draws = Sample(10, 10.01);
        draws.ShouldAllBe(x => x >= 10 && x <= 10.01);
        // Density ∝ exp(−10 t) on t ∈ [0, 0.01] (the t²/2 term is below 5e-5): mean offset 1/10 − 0.01/(e^0.1 − 1).
        draws.Average().ShouldBe(10 + 0.1 - 0.01 / (Math.Exp(0.1) - 1), 1e-4);
    }

    [Fact]
    public void A_point_interval_returns_the_point() =>
        TruncatedNormalSampler.Sample(new Rng(2), 1.5, 1.5).ShouldBe(1.5);

    [Fact]
    public void Invalid_intervals_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TruncatedNormalSampler.Sample(new Rng(3), 2, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => TruncatedNormalSampler.Sample(new Rng(3), double.NaN, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => TruncatedNormalSampler.Sample(new Rng(3), double.PositiveInfinity, double.PositiveInfinity));
    }

    [Fact]
    public void Same_seed_gives_the_same_draws() => Sample(-1, 3, 9).ShouldBe(Sample(-1, 3, 9));
}
