using BenchmarkDotNet.Attributes;
using Doppel.Data;
using Doppel.Learning.Neighbors;
using Doppel.Randomness;

namespace Doppel.Bench.Micro;

/// <summary>
/// Exact Gower kNN on one core: 8,192 queries × 8,192 reference rows × 15 columns (8 numerical, 7 categorical,
/// 5% missing), shaped like Adult. 67 million pairs per call; the Adult-sized search is 16 times larger.
/// </summary>
[MemoryDiagnoser]
public class NearestNeighborBenchmarks
{
    private const int Rows = 8192;
    private EncodedRows _queries = null!;
    private EncodedRows _reference = null!;

    [Params(1, 2, 5)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(7);
        Table reference = Make(rng.Fork("reference")), queries = Make(rng.Fork("queries"));
        GowerSpace space = GowerSpace.Fit(reference, [.. reference.ColumnNames]);
        _reference = space.Encode(reference);
        _queries = space.Encode(queries);
    }

    [Benchmark]
    public NeighborResult Search() => NearestNeighbors.Search(_queries, _reference, K, maxThreads: 1);

    private static Table Make(Rng rng)
    {
        var columns = new List<Column>();
        for (int c = 0; c < 8; c++)
            columns.Add(new NumericColumn($"n{c}", [.. Enumerable.Range(0, Rows).Select(_ => rng.NextDouble() < 0.05 ? double.NaN : Math.Round(50 + 10 * rng.NextGaussian()))]));
        for (int c = 0; c < 7; c++)
        {
            int categories = 2 + 3 * c;
            columns.Add(new CategoricalColumn($"c{c}", [.. Enumerable.Range(0, Rows).Select(_ => rng.NextDouble() < 0.05 ? -1 : (int)(categories * rng.NextDouble() * rng.NextDouble()))],
                [.. Enumerable.Range(0, categories).Select(i => $"v{i}")]));
        }
        return new Table(columns);
    }
}
