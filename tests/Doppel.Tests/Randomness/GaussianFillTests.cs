using System.Runtime.Intrinsics;
using Doppel.Randomness;

namespace Doppel.Tests.Randomness;

public class GaussianFillTests
{
    [Fact]
    public void Draws_follow_the_standard_normal()
    {
        var values = new float[1_000_000];
        GaussianFill.Fill(new Rng(11), values);
        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => (v - mean) * (v - mean));
        double kurtosis = values.Average(v => Math.Pow(v - mean, 4)) / (variance * variance);
        mean.ShouldBe(0, 0.005);
        variance.ShouldBe(1, 0.005);
        kurtosis.ShouldBe(3, 0.03);
        // Kolmogorov–Smirnov distance to Φ: about 0.0014 would be rejected at 1 % for this many draws.
        Array.Sort(values);
        double distance = 0;
        for (int i = 0; i < values.Length; i += 97)
        {
            double cdf = Doppel.Statistics.StandardNormal.Cdf(values[i]);
            distance = Math.Max(distance, Math.Max(Math.Abs(cdf - (double)i / values.Length), Math.Abs(cdf - (double)(i + 1) / values.Length)));
        }
        distance.ShouldBeLessThan(0.0016);
        values[^1].ShouldBeLessThanOrEqualTo(5.66f);
        values[0].ShouldBeGreaterThanOrEqualTo(-5.66f);
    }

    [Fact]
    public void Same_generator_state_gives_the_same_values_for_any_length()
    {
        foreach (int length in new[] { 1, 7, 16, 17, 255, 256, 257, 1000 })
        {
            var first = new float[length];
            var second = new float[length];
            GaussianFill.Fill(new Rng(3), first);
            GaussianFill.Fill(new Rng(3), second);
            second.ShouldBe(first);
            first.ShouldAllBe(v => float.IsFinite(v));
        }
        var other = new float[64];
        var same = new float[64];
        GaussianFill.Fill(new Rng(3), same);
        GaussianFill.Fill(new Rng(4), other);
        other.ShouldNotBe(same);
    }

    [Fact]
    public void Angles_cover_the_full_turn_with_accurate_sine_and_cosine()
    {
        var rng = new Rng(5);
        uint[] bits = new uint[8];
        for (int trial = 0; trial < 2000; trial++)
        {
            for (int i = 0; i < bits.Length; i++) bits[i] = (uint)rng.NextUInt64();
            (Vector256<float> cos, Vector256<float> sin) = GaussianFill.SinCos(Vector256.Create<uint>(bits));
            for (int i = 0; i < bits.Length; i++)
            {
                // The angle the bits encode: quarter turn q plus an offset in [−π/4, π/4).
                double offset = (((bits[i] >> 7) & 0x7FFFFF) / (double)(1 << 23) - 0.5) * Math.PI / 2;
                double theta = (bits[i] >> 30) * Math.PI / 2 + offset;
                cos[i].ShouldBe((float)Math.Cos(theta), 4e-7f);
                sin[i].ShouldBe((float)Math.Sin(theta), 4e-7f);
            }
        }
    }
}
