using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Tests.Synthesizers.Deep;

/// <summary>Small tables the deep synthesizers must learn in a few epochs.</summary>
internal static class DeepTables
{
    public const double RingRadius = 2.0;
    public const double RingDeviation = 0.05;

    /// <summary>8 Gaussians of deviation 0.05 evenly spaced on a circle of radius 2.</summary>
    public static (Table Table, Metadata Metadata) Ring(int rows, long seed)
    {
        var rng = Rng.FromSeed(seed);
        var x = new double[rows];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double angle = rng.NextInt(8) * Math.PI / 4;
            x[i] = RingRadius * Math.Cos(angle) + RingDeviation * rng.NextGaussian();
            y[i] = RingRadius * Math.Sin(angle) + RingDeviation * rng.NextGaussian();
        }
        return (new Table([new NumericColumn("x", x), new NumericColumn("y", y)]),
            new Metadata([new ColumnMetadata("x", ColumnType.Numerical), new ColumnMetadata("y", ColumnType.Numerical)]));
    }

    /// <summary>Per generated point, its nearest ring centre and distance to it.</summary>
    public static (int Centre, double Distance)[] NearestCentres(Table table)
    {
        double[] x = ((NumericColumn)table["x"]).Values, y = ((NumericColumn)table["y"]).Values;
        var result = new (int, double)[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int k = 0; k < 8; k++)
            {
                double dx = x[i] - RingRadius * Math.Cos(k * Math.PI / 4), dy = y[i] - RingRadius * Math.Sin(k * Math.PI / 4);
                double d = Math.Sqrt(dx * dx + dy * dy);
                if (d < bestDistance) { bestDistance = d; best = k; }
            }
            result[i] = (best, bestDistance);
        }
        return result;
    }

    /// <summary>A category that shifts a number: 'low' rows near 10, 'mid' near 50, 'high' near 90 (deviation 3), with 10% missing amounts.</summary>
    public static (Table Table, Metadata Metadata) Dependency(int rows, long seed)
    {
        var rng = Rng.FromSeed(seed);
        var codes = new int[rows];
        var amount = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            codes[i] = rng.NextDouble() < 0.5 ? 0 : rng.NextDouble() < 0.6 ? 1 : 2;
            amount[i] = rng.NextDouble() < 0.1 ? double.NaN : Math.Round(10 + 40 * codes[i] + 3 * rng.NextGaussian(), 1);
        }
        return (new Table([new CategoricalColumn("level", codes, ["low", "mid", "high"]), new NumericColumn("amount", amount)]),
            new Metadata([new ColumnMetadata("level", ColumnType.Categorical), new ColumnMetadata("amount", ColumnType.Numerical) { Decimals = 1 }]));
    }

    /// <summary>The metadata of <see cref="Dependency"/> with the public range a private fit needs: amounts in [0, 120].</summary>
    public static Metadata WithDeclaredBounds(Metadata metadata) =>
        new([.. metadata.Columns.Select(c => c.Name == "amount" ? c with { Minimum = 0, Maximum = 120 } : c)]);

    /// <summary>Mean amount per level of a sampled table (missing amounts left out).</summary>
    public static double MeanAmount(Table table, string level)
    {
        var levels = (CategoricalColumn)table["level"];
        double[] amount = ((NumericColumn)table["amount"]).Values;
        return Enumerable.Range(0, table.RowCount).Where(i => levels[i] == level && !double.IsNaN(amount[i])).Average(i => amount[i]);
    }
}
