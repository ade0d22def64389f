using Doppel.Randomness;
using Doppel.Transforms;

namespace Doppel.Tests.Transforms;

public class CategoryIntervalEncoderTests
{
    [Fact]
    public void Without_a_guide_the_most_frequent_category_comes_first()
    {
        var encoder = CategoryIntervalEncoder.Fit([1, 1, 1, 0, 2, 2, -1, 1], categoryCount: 3);
        encoder.Codes.ShouldBe([1, 2, 0, -1]);
        encoder.Probabilities.ShouldBe([0.5, 0.25, 0.125, 0.125]);
    }

    [Fact]
    public void A_guide_orders_the_intervals_by_its_mean_in_each_category()
    {
        int[] codes = [0, 0, 1, 1, 2, 2, -1];
        double[] guide = [5, 7, -3, double.NaN, 1, 1, 9];
        CategoryIntervalEncoder.Fit(codes, 3, guide).Codes.ShouldBe([1, 2, 0, -1]);
    }

    [Fact]
    public void Encoded_scores_decode_to_their_category()
    {
        var rng = new Rng(1);
        var encoder = CategoryIntervalEncoder.Fit([0, 1, 1, 2, 2, 2, -1], 3);
        foreach (int code in new[] { 0, 1, 2, -1 })
            for (int i = 0; i < 200; i++) encoder.Decode(encoder.Encode(code, rng)).ShouldBe(code);
    }

    [Fact]
    public void Score_variance_is_the_share_of_variance_the_category_explains()
    {
        // Two equal halves: the mean score of each half is ±φ(0)/0.5, so the variance is 2/π.
        CategoryIntervalEncoder.Fit([0, 1, 0, 1], 2).ScoreVariance.ShouldBe(2 / Math.PI, 1e-9);
        // Measured on encoded scores it matches too.
        var rng = new Rng(2);
        var encoder = CategoryIntervalEncoder.Fit([0, 0, 0, 1, 1, 2], 3);
        int[] codes = [.. Enumerable.Range(0, 60_000).Select(i => i % 6 < 3 ? 0 : i % 6 < 5 ? 1 : 2)];
        double[] scores = [.. codes.Select(c => encoder.Encode(c, rng))];
        double between = codes.Distinct().Sum(c =>
        {
            double[] own = [.. scores.Where((_, i) => codes[i] == c)];
            return own.Length * own.Average() * own.Average();
        }) / scores.Length;
        encoder.ScoreVariance.ShouldBe(between, 0.01);
    }

    [Fact]
    public void A_guide_of_the_wrong_length_is_refused()
    {
        Should.Throw<ArgumentException>(() => CategoryIntervalEncoder.Fit([0, 1], 2, [1.0]));
    }
}
