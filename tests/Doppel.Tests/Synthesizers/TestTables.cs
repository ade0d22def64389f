using Doppel.Data;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Tests.Synthesizers;

/// <summary>Small tables with known structure for synthesizer tests.</summary>
internal static class TestTables
{
    private static readonly Lazy<SynthesizerModel> SharedModel = new(() =>
    {
        var (table, metadata) = Mixed(2000);
        return new GaussianCopulaSynthesizer().Fit(table, metadata);
    });

    /// <summary>A Gaussian copula fitted once on <see cref="Mixed"/> (2,000 rows, default seed), shared by sampling tests.</summary>
    public static SynthesizerModel MixedModel => SharedModel.Value;

    /// <summary>Mixed types with missing values and known correlations: x ~ N(0,1), y = 2x + noise (float), group depends on x, when depends on y, flag, email (PII), id.</summary>
    public static (Table Table, Metadata Metadata) Mixed(int rows = 4000, long seed = 11)
    {
        var rng = Rng.FromSeed(seed);
        var x = new double[rows];
        var y = new double[rows];
        var count = new double[rows];
        var group = new int[rows];
        var flag = new int[rows];
        var when = new long[rows];
        var ids = new string?[rows];
        var emails = new string?[rows];
        long start = new DateTime(2020, 1, 1).Ticks;
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextGaussian();
            x[i] = Math.Round(a, 3);
            y[i] = rng.NextDouble() < 0.1 ? double.NaN : Math.Round(2 * a + 0.5 * rng.NextGaussian(), 3);
            count[i] = Math.Min(20, Math.Floor(-Math.Log(rng.NextOpenDouble()) * 3));
            group[i] = a < -0.5 ? 0 : a < 0.7 ? 1 : 2;
            if (rng.NextDouble() < 0.05) group[i] = -1;
            flag[i] = rng.NextDouble() < 0.3 + 0.3 * (a > 0 ? 1 : 0) ? 0 : 1;
            when[i] = start + (long)Math.Round(400 + 100 * a + 30 * rng.NextGaussian()) * TimeSpan.TicksPerDay;
            ids[i] = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            emails[i] = $"person{i}.{rng.NextInt(1_000_000)}@realmail-example.org";
        }
        var table = new Table(
        [
            new TextColumn("id", ids),
            new NumericColumn("x", x),
            new NumericColumn("y", y),
            new NumericColumn("count", count),
            new CategoricalColumn("group", group, ["low", "mid", "high"]),
            new CategoricalColumn("flag", flag, ["yes", "no"]),
            new DateTimeColumn("when", when),
            new TextColumn("email", emails),
        ]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("id", ColumnType.Id),
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 3, Minimum = x.Min(), Maximum = x.Max() },
            new ColumnMetadata("y", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 3 },
            new ColumnMetadata("count", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
            new ColumnMetadata("group", ColumnType.Categorical),
            new ColumnMetadata("flag", ColumnType.Boolean),
            new ColumnMetadata("when", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("email", ColumnType.Pii) { Pii = PiiKind.Email },
        ], primaryKey: "id");
        return (table, metadata);
    }

    /// <summary>Pearson correlation of two numeric arrays over rows where both are present.</summary>
    public static double Pearson(double[] a, double[] b)
    {
        var pairs = a.Zip(b).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).ToArray();
        double ma = pairs.Average(p => p.First), mb = pairs.Average(p => p.Second);
        double cov = pairs.Sum(p => (p.First - ma) * (p.Second - mb));
        double va = pairs.Sum(p => (p.First - ma) * (p.First - ma)), vb = pairs.Sum(p => (p.Second - mb) * (p.Second - mb));
        return cov / Math.Sqrt(va * vb);
    }
}
