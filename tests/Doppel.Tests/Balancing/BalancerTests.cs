using Doppel.Balancing;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Tests.Balancing;

public class BalancerTests
{
    private static readonly Metadata Points = new(
    [
        new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
        new ColumnMetadata("y", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
        new ColumnMetadata("label", ColumnType.Categorical),
    ]);

    /// <summary>200 majority points in the unit square and 20 minority points around (3, 3).</summary>
    private static Table Clusters(long seed = 1, Func<Rng, int, (double X, double Y)>? minority = null, int minorityRows = 20)
    {
        var rng = Rng.FromSeed(seed);
        var x = new List<double>();
        var y = new List<double>();
        var labels = new List<string?>();
        for (int i = 0; i < 200; i++) { x.Add(rng.NextDouble()); y.Add(rng.NextDouble()); labels.Add("common"); }
        for (int i = 0; i < minorityRows; i++)
        {
            var (a, b) = minority?.Invoke(rng, i) ?? (3 + rng.NextGaussian() * 0.3, 3 + rng.NextGaussian() * 0.3);
            x.Add(a); y.Add(b); labels.Add("rare");
        }
        return new Table([new NumericColumn("x", [.. x]), new NumericColumn("y", [.. y]), CategoricalColumn.FromValues("label", labels)]);
    }

    private static int[] Rare(Table table) => [.. Enumerable.Range(0, table.RowCount).Where(i => ((CategoricalColumn)table["label"])[i] == "rare")];

    [Fact]
    public void Smote_points_lie_on_segments_between_a_minority_row_and_one_of_its_nearest_minority_neighbours()
    {
        Table table = Clusters();
        var (balanced, _, added) = Balancer.Balance(table, Points, "label", new BalanceOptions { Method = BalanceMethod.Smote, K = 3, Seed = 2 });
        added["rare"].ShouldBe(180);
        balanced.RowCount.ShouldBe(400);
        double[] x = ((NumericColumn)balanced["x"]).Values, y = ((NumericColumn)balanced["y"]).Values;
        int[] rare = [.. Enumerable.Range(200, 20)];
        int[] Nearest(int i) => [.. rare.Where(j => j != i).OrderBy(j => (x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])).Take(3)];
        for (int n = 220; n < 400; n++)
        {
            bool onSegment = rare.Any(i => Nearest(i).Any(j =>
            {
                double t = Math.Abs(x[j] - x[i]) > 1e-12 ? (x[n] - x[i]) / (x[j] - x[i]) : (y[n] - y[i]) / (y[j] - y[i]);
                return t >= -1e-9 && t <= 1 + 1e-9 && Math.Abs(x[i] + t * (x[j] - x[i]) - x[n]) < 1e-9 && Math.Abs(y[i] + t * (y[j] - y[i]) - y[n]) < 1e-9;
            }));
            onSegment.ShouldBeTrue($"row {n} ({x[n]}, {y[n]}) is not between a minority row and one of its 3 nearest minority neighbours");
        }
        ((CategoricalColumn)balanced["label"]).Codes.Skip(220).ShouldAllBe(c => ((CategoricalColumn)balanced["label"]).Categories[c] == "rare");
    }

    [Fact]
    public void Smote_nc_gives_new_rows_the_category_most_neighbours_hold()
    {
        Table points = Clusters();
        // All rare rows are red except one blue: every row's 5 nearest rare neighbours are mostly red.
        string?[] colors = [.. Enumerable.Range(0, 220).Select(i => i < 200 ? (i % 2 == 0 ? "red" : "blue") : i == 205 ? "blue" : "red")];
        var table = new Table([.. points.Columns, CategoricalColumn.FromValues("color", colors)]);
        var metadata = Points with { Columns = [.. Points.Columns, new ColumnMetadata("color", ColumnType.Categorical)] };
        var (balanced, _, _) = Balancer.Balance(table, metadata, "label", new BalanceOptions { Method = BalanceMethod.SmoteNc, Seed = 3 });
        var color = (CategoricalColumn)balanced["color"];
        Enumerable.Range(220, balanced.RowCount - 220).ShouldAllBe(i => color[i] == "red");
        Should.Throw<UsageException>(() => Balancer.Balance(table, metadata, "label", new BalanceOptions { Method = BalanceMethod.Smote })).Message.ShouldContain("smote-nc");
    }

    [Fact]
    public void Adasyn_makes_more_rows_around_minority_rows_surrounded_by_other_classes()
    {
        // Ten rare rows inside the majority square (hard), ten far away (easy).
        Table table = Clusters(4, (rng, i) => i < 10 ? (rng.NextDouble(), rng.NextDouble()) : (5 + rng.NextGaussian() * 0.2, 5 + rng.NextGaussian() * 0.2));
        var (balanced, _, _) = Balancer.Balance(table, Points, "label", new BalanceOptions { Method = BalanceMethod.Adasyn, Seed = 5 });
        double[] x = ((NumericColumn)balanced["x"]).Values;
        int nearHard = Enumerable.Range(220, balanced.RowCount - 220).Count(i => x[i] < 2);
        int nearEasy = balanced.RowCount - 220 - nearHard;
        nearHard.ShouldBeGreaterThan(5 * Math.Max(1, nearEasy));
    }

    [Fact]
    public void Ratio_flag_column_and_determinism()
    {
        Table table = Clusters();
        var options = new BalanceOptions { Method = BalanceMethod.Borderline, Ratio = 0.5, Seed = 9, FlagColumn = "synthetic" };
        var (first, metadata, added) = Balancer.Balance(table, Points, "label", options);
        added["rare"].ShouldBe(80); // half of 200, minus the 20 there are
        metadata.Columns[^1].Name.ShouldBe("synthetic");
        var flag = (CategoricalColumn)first["synthetic"];
        Enumerable.Range(0, first.RowCount).ShouldAllBe(i => flag[i] == (i >= 220 ? "true" : "false"));
        var (second, _, _) = Balancer.Balance(table, Points, "label", options);
        ((NumericColumn)second["x"]).Values.ShouldBe(((NumericColumn)first["x"]).Values);
    }

    [Fact]
    public void Bad_requests_say_what_is_wrong()
    {
        Table table = Clusters();
        Should.Throw<UsageException>(() => Balancer.Balance(table, Points, "x")).Message.ShouldContain("categorical or boolean target");
        Should.Throw<UsageException>(() => Balancer.Balance(table, Points, "nope")).Message.ShouldContain("Columns: x, y, label");
        Should.Throw<UsageException>(() => new BalanceOptions { Ratio = 0 });
        Should.Throw<UsageException>(() => Balancer.Balance(table, Points, "label", new BalanceOptions { FlagColumn = "x" }));
        Should.Throw<InfeasibleRequestException>(() => Balancer.Balance(table, Points, "label", new BalanceOptions { Ratio = 0.05 }));
    }
}
