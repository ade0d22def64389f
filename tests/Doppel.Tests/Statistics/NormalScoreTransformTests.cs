using Doppel.Data;
using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Tests.Statistics;

public class NormalScoreTransformTests
{
    public static TheoryData<Distribution, double[]> Continuous => new()
    {
        { Distribution.Normal, [10, 2] },
        { Distribution.TruncatedNormal, [0, 1, -1, 2] },
        { Distribution.Beta, [2, 5, 1, 3] },
        { Distribution.Beta, [0.5, 0.8, 0, 1] },
        { Distribution.Gamma, [2, 1.5, -1] },
        { Distribution.Gamma, [0.4, 1, 0] },
        { Distribution.LogNormal, [1, 0.5, 3] },
        { Distribution.Uniform, [3, 7] },
        { Distribution.Empirical, [5, 0, 1, 2, 4, 8, 9] },
    };

    [Theory]
    [MemberData(nameof(Continuous))]
    public void ToNormal_then_FromNormal_returns_a_continuous_value(Distribution family, double[] parameters)
    {
        var marginal = Marginal.FromParameters(family, parameters);
        var transform = new NormalScoreTransform(marginal);
        var rng = new Rng(1);
        for (double u = 0.002; u < 0.999; u += 0.0093)
        {
            double x = marginal.Quantile(u);
            double z = transform.ToNormal(x, rng);
            z.ShouldBe(StandardNormal.Quantile(u), 1e-8, $"{marginal} at u = {u}");
            // The sampling table is accurate to ~1e-8 relative; 1e-6 leaves room.
            transform.FromNormal(z).ShouldBe(x, 1e-6 * Math.Max(1, Math.Abs(x)), $"{marginal} at u = {u}");
        }
    }

    [Theory]
    [MemberData(nameof(Continuous))]
    public void FromNormal_agrees_with_the_exact_quantile_and_the_batch_form(Distribution family, double[] parameters)
    {
        var marginal = Marginal.FromParameters(family, parameters);
        var transform = new NormalScoreTransform(marginal);
        var rng = new Rng(2);
        double[] z = Enumerable.Range(0, 4_000).Select(_ => 1.5 * rng.NextGaussian()).ToArray();
        var batch = new double[z.Length];
        transform.FromNormal(z, batch);
        for (int i = 0; i < z.Length; i++)
        {
            double exact = marginal.Quantile(StandardNormal.Cdf(z[i]));
            batch[i].ShouldBe(transform.FromNormal(z[i]));
            batch[i].ShouldBe(exact, 1e-6 * Math.Max(1, Math.Abs(exact)), $"{marginal} at z = {z[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Continuous))]
    public void FromNormal_stays_in_the_support_for_extreme_scores(Distribution family, double[] parameters)
    {
        var marginal = Marginal.FromParameters(family, parameters);
        var transform = new NormalScoreTransform(marginal);
        foreach (double z in new[] { -40.0, -8.3, -8.29, 8.29, 8.3, 40 })
        {
            double x = transform.FromNormal(z);
            double.IsFinite(x).ShouldBeTrue();
            x.ShouldBeInRange(marginal.Minimum, marginal.Maximum);
        }
    }

    [Fact]
    public void ToNormal_clips_scores_at_8_3()
    {
        var transform = new NormalScoreTransform(Marginal.FromParameters(Distribution.Uniform, [0, 1]));
        var rng = new Rng(3);
        transform.ToNormal(-5, rng).ShouldBe(-8.3);
        transform.ToNormal(0, rng).ShouldBe(-8.3);
        transform.ToNormal(7, rng).ShouldBe(8.3);
        new NormalScoreTransform(Marginal.FromParameters(Distribution.Normal, [0, 1])).ToNormal(12, rng).ShouldBe(8.3);
    }

    [Fact]
    public void Upper_tail_scores_keep_their_precision()
    {
        var marginal = Marginal.FromParameters(Distribution.Gamma, [2, 1, 0]);
        var transform = new NormalScoreTransform(marginal);
        // x far in the upper tail: 1 − F(x) ≈ 1e-12, which 1 − Cdf would round badly.
        double x = marginal.Kernel.UpperQuantile(1e-12);
        transform.ToNormal(x, new Rng(4)).ShouldBe(-StandardNormal.Quantile(1e-12), 1e-6);
    }

    [Fact]
    public void Atoms_get_random_scores_inside_their_interval_and_come_back_exactly()
    {
        // 30% at 0, 20% at 5, the rest continuous on [1, 9].
        var marginal = Marginal.FromParameters(Distribution.Empirical, [5, 2, 1, 2, 4, 8, 9, 0, 0.3, 5, 0.2]);
        var transform = new NormalScoreTransform(marginal);
        var rng = new Rng(5);
        double low = marginal.CdfBelow(5), high = marginal.Cdf(5);
        (high - low).ShouldBe(0.2, 1e-12);
        var probabilities = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            double z = transform.ToNormal(5, rng);
            double u = StandardNormal.Cdf(z);
            u.ShouldBeInRange(low - 1e-12, high + 1e-12);
            probabilities.Add(u);
            transform.FromNormal(z).ShouldBe(5.0);
        }
        // Uniform inside the interval: mean at its middle (sd of the mean ≈ 0.0004).
        probabilities.Average().ShouldBe((low + high) / 2, 0.002);
        double zero = transform.ToNormal(0, rng);
        StandardNormal.Cdf(zero).ShouldBeLessThanOrEqualTo(0.3 + 1e-12);
        transform.FromNormal(zero).ShouldBe(0.0);
    }

    [Fact]
    public void Every_score_inside_an_atom_interval_maps_to_the_atom_value()
    {
        var marginal = Marginal.FromParameters(Distribution.Empirical, [5, 2, 1, 2, 4, 8, 9, 0, 0.3, 5, 0.2]);
        var transform = new NormalScoreTransform(marginal);
        double zLow = StandardNormal.Quantile(marginal.CdfBelow(5)), zHigh = StandardNormal.Quantile(marginal.Cdf(5));
        for (double z = zLow + 1e-9; z < zHigh; z += (zHigh - zLow) / 997) transform.FromNormal(z).ShouldBe(5.0);
        transform.FromNormal(zLow - 1e-3).ShouldBeLessThan(5.0);
        transform.FromNormal(zHigh + 1e-3).ShouldBeGreaterThan(5.0);
    }

    [Fact]
    public void Continuous_scores_use_no_randomness()
    {
        var transform = new NormalScoreTransform(Marginal.FromParameters(Distribution.Gamma, [2, 1, 0]));
        var first = new Rng(6);
        var second = new Rng(6);
        transform.ToNormal(1.3, first);
        first.NextUInt64().ShouldBe(second.NextUInt64());
    }

    [Fact]
    public void ToNormal_rejects_missing_values() =>
        Should.Throw<ArgumentOutOfRangeException>(() =>
            new NormalScoreTransform(Marginal.FromParameters(Distribution.Normal, [0, 1])).ToNormal(double.NaN, new Rng(7)));
}
