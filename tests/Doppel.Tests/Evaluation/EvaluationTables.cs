using Doppel.Data;
using Doppel.Evaluation;

namespace Doppel.Tests.Evaluation;

/// <summary>Small hand-made tables and inputs for the evaluation tests.</summary>
internal static class EvaluationTables
{
    public static NumericColumn Numbers(string name, params double[] values) => new(name, values);

    public static CategoricalColumn Categories(string name, params string?[] values) => CategoricalColumn.FromValues(name, values);

    public static DateTimeColumn Days(string name, params int[] days) =>
        new(name, [.. days.Select(d => d < 0 ? DateTimeColumn.Missing : new DateTime(2020, 1, 1).AddDays(d).Ticks)]);

    public static TextColumn Texts(string name, params string?[] values) => new(name, values);

    public static Table Table(params Column[] columns) => new(columns);

    /// <summary>Metadata from the real table's column kinds: numeric → numerical, categorical → categorical, datetime → datetime (yyyy-MM-dd), text → id.</summary>
    public static Metadata MetadataOf(Table table) => new([.. table.Columns.Select(c => c.Kind switch
    {
        ColumnKind.Numeric => new ColumnMetadata(c.Name, ColumnType.Numerical),
        ColumnKind.Categorical => new ColumnMetadata(c.Name, ColumnType.Categorical),
        ColumnKind.DateTime => new ColumnMetadata(c.Name, ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
        _ => new ColumnMetadata(c.Name, ColumnType.Id),
    })]);

    public static EvaluationInputs Inputs(Table real, Table synthetic) => new(real, synthetic, MetadataOf(real));

    public static MetricResult Metric(this IReadOnlyList<MetricResult> results, string name) => results.Single(r => r.Name == name);

    public static MetricPart Part(this MetricResult result, string item) => result.Breakdown.Single(p => p.Item == item);

    /// <summary>A mixed table of <paramref name="rows"/> rows with missing values, seeded: numbers, correlated numbers, categories, datetimes.</summary>
    public static Table Mixed(int rows, int seed)
    {
        var rng = Doppel.Randomness.Rng.FromSeed(seed);
        var x = new double[rows];
        var y = new double[rows];
        var c = new string?[rows];
        var d = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = Math.Round(rng.NextGaussian() * 10 + 50, 1);
            y[i] = rng.NextDouble() < 0.1 ? double.NaN : Math.Round(2 * x[i] + rng.NextGaussian() * 5, 2);
            c[i] = rng.NextDouble() < 0.05 ? null : x[i] > 55 ? "high" : rng.NextDouble() < 0.5 ? "low" : "mid";
            d[i] = rng.NextDouble() < 0.05 ? -1 : (int)(x[i] * 3) + rng.NextInt(30);
        }
        return Table(Numbers("x", x), Numbers("y", y), Categories("c", c), Days("d", d));
    }
}
