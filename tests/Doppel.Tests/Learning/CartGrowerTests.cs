using System.Text;
using System.Text.Json;
using Doppel.Data;
using Doppel.Learning;
using Doppel.Randomness;

namespace Doppel.Tests.Learning;

public class CartGrowerTests
{
    /// <summary>x uniform in [0, 1) with 10 % missing, color one of four (red, green, blue, gray), noise irrelevant.</summary>
    private static (Table Table, Metadata Metadata) Features(int rows, long seed = 3)
    {
        var rng = Rng.FromSeed(seed);
        var x = new double[rows];
        var color = new int[rows];
        var noise = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = rng.NextDouble() < 0.1 ? double.NaN : rng.NextDouble();
            color[i] = rng.NextInt(4);
            noise[i] = rng.NextGaussian();
        }
        var table = new Table([new NumericColumn("x", x), new CategoricalColumn("color", color, ["red", "green", "blue", "gray"]), new NumericColumn("noise", noise)]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("color", ColumnType.Categorical),
            new ColumnMetadata("noise", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
        ]);
        return (table, metadata);
    }

    [Fact]
    public void A_class_fixed_by_a_category_set_and_by_missingness_is_learned_exactly_with_leaves_no_smaller_than_the_minimum()
    {
        var (table, metadata) = Features(4000);
        var encoder = FeatureEncoder.Fit(table, metadata);
        byte[][] x = encoder.Encode(table);
        int[] codes = ((CategoricalColumn)table["color"]).Codes;
        double[] values = ((NumericColumn)table["x"]).Values;
        // Class 2 when x is missing; otherwise 1 for {red, blue}, 0 for {green, gray}: a set split and a missing-value route.
        int[] labels = [.. Enumerable.Range(0, 4000).Select(i => double.IsNaN(values[i]) ? 2 : codes[i] is 0 or 2 ? 1 : 0)];
        var limits = new CartLimits { MinLeafSize = 25 };
        DecisionTree tree = new CartGrower(x, encoder.Features).Grow([.. Enumerable.Range(0, 4000)], new CartTarget(labels, 3, []), [0, 1, 2], limits);
        Enumerable.Range(0, 4000).Count(i => tree.Predict(x, i) == labels[i]).ShouldBe(4000);
        // Missingness first gives three pure leaves, the colour set first four; either way no pure leaf splits again.
        tree.LeafNodes.Count.ShouldBeInRange(3, 4);
        var sizes = Enumerable.Range(0, 4000).GroupBy(i => tree.LeafIndex(x, i)).Select(g => g.Count()).ToArray();
        sizes.ShouldAllBe(n => n >= limits.MinLeafSize);
    }

    [Fact]
    public void A_regression_tree_on_the_allowed_features_only_follows_a_step_and_stops_at_the_complexity_threshold()
    {
        var (table, metadata) = Features(3000);
        var encoder = FeatureEncoder.Fit(table, metadata);
        byte[][] x = encoder.Encode(table);
        double[] values = ((NumericColumn)table["x"]).Values;
        double[] y = [.. values.Select(v => double.IsNaN(v) ? -1 : v < 0.5 ? 0 : 1)];
        var grower = new CartGrower(x, encoder.Features);
        DecisionTree tree = grower.Grow([.. Enumerable.Range(0, 3000)], new CartTarget(null, 0, [y]), [0, 1], new CartLimits { Complexity = 1e-3 });
        Enumerable.Range(0, 3000).ShouldAllBe(i => Math.Abs(tree.Predict(x, i) - y[i]) < 1e-9);
        tree.LeafNodes.Count.ShouldBe(3);
        DecisionTree blind = grower.Grow([.. Enumerable.Range(0, 3000)], new CartTarget(null, 0, [y]), [1, 2], new CartLimits { Complexity = 1e-2 });
        Enumerable.Range(0, blind.NodeCount).ShouldAllBe(n => blind.SplitFeature(n) != 0);
    }

    [Fact]
    public void A_tree_and_its_bins_survive_json_and_a_damaged_tree_is_refused()
    {
        var (table, metadata) = Features(2000);
        var encoder = FeatureEncoder.Fit(table, metadata);
        byte[][] x = encoder.Encode(table);
        double[] noise = ((NumericColumn)table["noise"]).Values;
        DecisionTree tree = new CartGrower(x, encoder.Features).Grow([.. Enumerable.Range(0, 2000)], new CartTarget(null, 0, [noise]), [0, 1, 2], new CartLimits());
        string json = Write(w => { w.WriteStartObject(); w.WritePropertyName("tree"); tree.Write(w); w.WritePropertyName("bins"); encoder.Write(w); w.WriteEndObject(); });
        using JsonDocument document = JsonDocument.Parse(json);
        DecisionTree read = DecisionTree.Read(document.RootElement.GetProperty("tree"), 3);
        FeatureEncoder bins = FeatureEncoder.Read(document.RootElement.GetProperty("bins"));
        byte[][] again = [.. Enumerable.Range(0, 3).Select(f => bins.EncodeColumn(f, table.Columns[f]))];
        Enumerable.Range(0, 3).ShouldAllBe(f => again[f].SequenceEqual(x[f]));
        Enumerable.Range(0, 2000).ShouldAllBe(i => read.LeafIndex(again, i) == tree.LeafIndex(x, i));

        string damaged = json.Replace("\"left\":[1,", "\"left\":[0,", StringComparison.Ordinal);
        damaged.ShouldNotBe(json);
        using JsonDocument bad = JsonDocument.Parse(damaged);
        Should.Throw<ModelFormatException>(() => DecisionTree.Read(bad.RootElement.GetProperty("tree"), 3)).Message.ShouldContain("damaged");
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
