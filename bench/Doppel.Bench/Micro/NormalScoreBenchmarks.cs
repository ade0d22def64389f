using BenchmarkDotNet.Attributes;
using Doppel.Data;
using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Bench.Micro;

/// <summary>
/// The sampling hot path: normal scores back to values (<see cref="NormalScoreTransform.FromNormal(ReadOnlySpan{double}, Span{double})"/>)
/// for each marginal family, one million scores per call. Target: at least 10 million values per second on one core.
/// </summary>
[MemoryDiagnoser]
public class NormalScoreBenchmarks
{
    private const int Scores = 1 << 20;

    private readonly double[] _z = new double[Scores];
    private readonly double[] _x = new double[Scores];
    private NormalScoreTransform _transform = null!;

    [Params(Distribution.Normal, Distribution.TruncatedNormal, Distribution.Beta, Distribution.Gamma,
            Distribution.LogNormal, Distribution.Uniform, Distribution.Empirical)]
    public Distribution Family { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(20240501);
        for (int i = 0; i < Scores; i++) _z[i] = rng.NextGaussian();
        Marginal marginal = Family == Distribution.Empirical
            // Like Adult's capital-gain: a 92% atom at 0 plus a skewed continuous part with 1,000 knots.
            ? MarginalFitter.Fit(CapitalGainLike(rng), new MarginalFitOptions { IsInteger = true }).Marginal
            : Marginal.FromParameters(Family, Family switch
            {
                Distribution.Normal => [10, 2],
                Distribution.TruncatedNormal => [0, 1, -1, 2],
                Distribution.Beta => [2, 5, 0, 1],
                Distribution.Gamma => [2, 1.5, 0],
                Distribution.LogNormal => [1, 0.5, 0],
                _ => [3, 7],
            });
        _transform = new NormalScoreTransform(marginal);
    }

    [Benchmark(OperationsPerInvoke = Scores)]
    public void FromNormal() => _transform.FromNormal(_z, _x);

    private static double[] CapitalGainLike(Rng rng)
    {
        var values = new double[32_000];
        for (int i = 0; i < values.Length; i++)
            values[i] = rng.NextDouble() < 0.92 ? 0 : Math.Round(Math.Exp(8 + rng.NextGaussian()));
        return values;
    }
}
