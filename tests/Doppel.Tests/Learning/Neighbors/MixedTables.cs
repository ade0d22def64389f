using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Tests.Learning.Neighbors;

/// <summary>Random small mixed tables with missing values, and a brute-force Gower distance computed from the raw values.</summary>
internal static class MixedTables
{
    private static readonly long Day = TimeSpan.TicksPerDay;
    private static readonly long Start = new DateTime(2021, 3, 1).Ticks;

    /// <summary>
    /// Columns: a (numeric), b (categorical), c (datetime), d (numeric), e (boolean as categorical).
    /// With <paramref name="grid"/> numbers and dates take few values (0..8 units), so many distances tie exactly.
    /// </summary>
    public static Table Random(int rows, long seed, bool grid, string[]? categories = null)
    {
        var rng = Rng.FromSeed(seed);
        categories ??= ["red", "green", "blue", "grey"];
        var a = new double[rows];
        var b = new string?[rows];
        var c = new long[rows];
        var d = new double[rows];
        var e = new string?[rows];
        for (int i = 0; i < rows; i++)
        {
            a[i] = rng.NextDouble() < 0.1 ? double.NaN : grid ? rng.NextInt(9) : 100 * rng.NextGaussian();
            b[i] = rng.NextDouble() < 0.1 ? null : categories[rng.NextInt(categories.Length)];
            c[i] = rng.NextDouble() < 0.1 ? DateTimeColumn.Missing : Start + (grid ? rng.NextInt(9) * Day : (long)(rng.NextDouble() * 400 * Day));
            d[i] = grid ? rng.NextInt(3) : Math.Round(rng.NextDouble(), 2);
            e[i] = rng.NextDouble() < 0.5 ? "true" : "false";
        }
        return new Table(
        [
            new NumericColumn("a", a),
            CategoricalColumn.FromValues("b", b),
            new DateTimeColumn("c", c),
            new NumericColumn("d", d),
            CategoricalColumn.FromValues("e", e),
        ]);
    }

    public static readonly string[] Columns = ["a", "b", "c", "d", "e"];

    /// <summary>Gower distance from the raw values, in double: ranges from <paramref name="reference"/>, missing rules as documented.</summary>
    public static double Gower(Table reference, Table first, int i, Table second, int j) =>
        Gower(Ranges(reference), first, i, second, j);

    /// <summary>The k nearest rows of <paramref name="table"/> to query row <paramref name="query"/>, by (distance, index).</summary>
    public static (int Index, double Distance)[] BruteForce(Table reference, Table queries, int query, Table table, int k, bool excludeSelf = false)
    {
        Dictionary<string, double> ranges = Ranges(reference);
        return [.. Enumerable.Range(0, table.RowCount)
            .Where(j => !excludeSelf || j != query)
            .Select(j => (Index: j, Distance: Gower(ranges, queries, query, table, j)))
            .OrderBy(p => p.Distance).ThenBy(p => p.Index)
            .Take(k)];
    }

    private static double Gower(Dictionary<string, double> ranges, Table first, int i, Table second, int j)
    {
        double sum = 0;
        foreach (string name in Columns)
        {
            sum += (first[name], second[name]) switch
            {
                (NumericColumn x, NumericColumn y) => Number(x.Values[i], y.Values[j], ranges[name]),
                (DateTimeColumn x, DateTimeColumn y) => Number(Ticks(x.Ticks[i]), Ticks(y.Ticks[j]), ranges[name]),
                (CategoricalColumn x, CategoricalColumn y) => x[i] == y[j] ? 0 : 1,
                _ => throw new InvalidOperationException(),
            };
        }
        return sum / Columns.Length;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Table, Dictionary<string, double>> RangeCache = [];

    private static Dictionary<string, double> Ranges(Table reference) => RangeCache.GetValue(reference, table => new()
    {
        ["a"] = Range(((NumericColumn)table["a"]).Values),
        ["c"] = Range(((DateTimeColumn)table["c"]).Ticks.Select(Ticks)),
        ["d"] = Range(((NumericColumn)table["d"]).Values),
    });

    private static double Ticks(long t) => t == DateTimeColumn.Missing ? double.NaN : t;

    private static double Range(IEnumerable<double> values)
    {
        double[] present = [.. values.Where(v => !double.IsNaN(v))];
        double range = present.Length == 0 ? 0 : present.Max() - present.Min();
        return range > 0 ? range : 1;
    }

    private static double Number(double x, double y, double range) =>
        double.IsNaN(x) && double.IsNaN(y) ? 0
        : double.IsNaN(x) || double.IsNaN(y) ? 1
        : Math.Min(1, Math.Abs(x - y) / range);
}
