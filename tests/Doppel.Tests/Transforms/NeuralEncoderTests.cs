using System.Text.Json;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Statistics;
using Doppel.Transforms;

namespace Doppel.Tests.Transforms;

public class NeuralEncoderTests
{
    private static double[] Mixture(int n, Rng rng, params (double Weight, double Mean, double Deviation)[] parts)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            int k = 0;
            while (k < parts.Length - 1 && (u -= parts[k].Weight) > 0) k++;
            values[i] = parts[k].Mean + parts[k].Deviation * rng.NextGaussian();
        }
        return values;
    }

    [Fact]
    public void Variational_mixture_finds_three_separated_modes_and_empties_the_rest()
    {
        double[] values = Mixture(6000, new Rng(1), (0.3, -5, 1), (0.5, 0, 0.5), (0.2, 10, 2));
        var mixture = VariationalGaussianMixture.Fit(values, 10, new Rng(2));
        // The three heaviest components are the true modes (a wide mode may shed a light extra component, as in scikit-learn).
        var modes = Enumerable.Range(0, mixture.Weights.Count).OrderByDescending(k => mixture.Weights[k]).Take(3).OrderBy(k => mixture.Means[k]).ToArray();
        modes.Sum(k => mixture.Weights[k]).ShouldBeGreaterThan(0.94);
        mixture.Means[modes[0]].ShouldBe(-5, 0.1);
        mixture.Means[modes[1]].ShouldBe(0, 0.05);
        mixture.Means[modes[2]].ShouldBe(10, 0.3);
        mixture.Deviations[modes[0]].ShouldBe(1, 0.1);
        mixture.Deviations[modes[1]].ShouldBe(0.5, 0.05);
        mixture.Weights[modes[0]].ShouldBe(0.3, 0.02);
        mixture.Weights[modes[1]].ShouldBe(0.5, 0.02);
        Enumerable.Range(0, mixture.Weights.Count).Count(k => mixture.Weights[k] > ModeSpecificNormalizer.WeightThreshold).ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public void Mode_specific_normalisation_round_trips_values_and_missing()
    {
        var rng = new Rng(3);
        double[] values = Mixture(2000, rng, (0.5, 100, 5), (0.5, 300, 10));
        values[7] = double.NaN;
        var normalizer = ModeSpecificNormalizer.Fit(values, rng.Fork("fit"));
        normalizer.HasMissing.ShouldBeTrue();
        normalizer.Width.ShouldBe(1 + normalizer.Means.Count + 1);
        var encoded = new float[normalizer.Width];
        for (int i = 0; i < 200; i++)
        {
            normalizer.Encode(values[i], encoded, rng);
            encoded.Count(v => v == 1).ShouldBe(1);
            double decoded = normalizer.Decode(encoded);
            if (double.IsNaN(values[i])) double.IsNaN(decoded).ShouldBeTrue();
            else decoded.ShouldBe(values[i], 1e-4 * Math.Abs(values[i]));
        }
    }

    [Fact]
    public void Capped_one_hot_keeps_a_100k_category_column_narrow_and_decodes_rare_values_by_frequency()
    {
        const int categories = 100_000;
        var codes = new int[200_000];
        for (int i = 0; i < codes.Length; i++) codes[i] = i % 2 == 0 ? 0 : i / 2 % categories;
        codes[1] = -1;
        var encoder = CappedOneHotEncoder.Fit(codes, categories, cap: 50);
        encoder.Width.ShouldBe(50);
        encoder.SlotCodes[0].ShouldBe(0);
        encoder.SlotCodes.ShouldContain(-1);
        encoder.SlotOf(-1).ShouldBeGreaterThanOrEqualTo(0);
        int other = encoder.SlotOf(99_999);
        encoder.SlotCodes[other].ShouldBe(CappedOneHotEncoder.OtherCode);
        var rng = new Rng(4);
        var drawn = Enumerable.Range(0, 2000).Select(_ => encoder.Decode(other, rng)).ToArray();
        drawn.ShouldAllBe(c => c > 0);
        drawn.Distinct().Count().ShouldBeGreaterThan(1900);
    }

    [Fact]
    public void Tabular_encoder_round_trips_numbers_integers_datetimes_categories_and_missing_through_its_json()
    {
        var rng = new Rng(5);
        const int rows = 500;
        var amount = new double[rows];
        var count = new double[rows];
        var when = new long[rows];
        var colour = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            amount[i] = i % 10 == 0 ? double.NaN : Math.Round(50 + 10 * rng.NextGaussian(), 2);
            count[i] = rng.NextInt(20);
            when[i] = new DateTime(2020, 1, 1).AddDays(rng.NextInt(365)).Ticks;
            colour[i] = i % 7 == 0 ? -1 : rng.NextInt(3);
        }
        var table = new Table([new NumericColumn("amount", amount), new NumericColumn("count", count), new DateTimeColumn("when", when), new CategoricalColumn("colour", colour, ["red", "green", "blue"])]);
        var metadata = new Metadata([
            new ColumnMetadata("amount", ColumnType.Numerical) { Decimals = 2 },
            new ColumnMetadata("count", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata("when", ColumnType.DateTime),
            new ColumnMetadata("colour", ColumnType.Categorical)]);
        var encoder = TabularEncoder.Fit(table, metadata, rng.Fork("fit"));
        encoder.DiscreteColumns.Count.ShouldBe(1);
        encoder.DiscreteColumns[0].Width.ShouldBe(4);
        encoder.Spans.Sum(s => s.Length).ShouldBe(encoder.Width);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) encoder.Write(writer);
        using JsonDocument json = JsonDocument.Parse(buffer.ToArray());
        var restored = TabularEncoder.Read(metadata, json.RootElement);

        Tensor encoded = encoder.Encode(table, rng.Fork("encode"));
        Table decoded = restored.Decode(encoded, rows, rng.Fork("decode"));
        for (int i = 0; i < rows; i++)
        {
            double a = ((NumericColumn)decoded["amount"]).Values[i];
            if (double.IsNaN(amount[i])) double.IsNaN(a).ShouldBeTrue();
            else a.ShouldBe(amount[i], 0.0051);
            ((NumericColumn)decoded["count"]).Values[i].ShouldBe(count[i]);
            ((DateTimeColumn)decoded["when"]).Ticks[i].ShouldBe(when[i]);
            ((CategoricalColumn)decoded["colour"]).Codes[i].ShouldBe(colour[i]);
        }
    }

    [Fact]
    public void Fitting_and_encoding_on_two_threads_gives_the_same_encoder_and_values_as_on_one()
    {
        var rng = new Rng(12);
        const int rows = 2_000;
        double[][] numbers = [.. Enumerable.Range(0, 4).Select(c => Mixture(rows, rng.Fork(c), (0.5, c, 1), (0.5, 10 + c, 2)))];
        int[] colour = [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(3))];
        var table = new Table([.. numbers.Select((values, c) => (Column)new NumericColumn($"x{c}", values)), new CategoricalColumn("colour", colour, ["red", "green", "blue"])]);
        var metadata = new Metadata([.. numbers.Select((_, c) => new ColumnMetadata($"x{c}", ColumnType.Numerical)), new ColumnMetadata("colour", ColumnType.Categorical)]);
        (string Json, float[] Values) Run(int threads)
        {
            var encoder = TabularEncoder.Fit(table, metadata, new Rng(3), maxThreads: threads);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) encoder.Write(writer);
            return (System.Text.Encoding.UTF8.GetString(buffer.ToArray()), encoder.Encode(table, new Rng(4), threads).Data);
        }
        (string json, float[] values) = Run(1);
        (string json2, float[] values2) = Run(2);
        json2.ShouldBe(json);
        values2.ShouldBe(values);
        Should.Throw<ArgumentOutOfRangeException>(() => TabularEncoder.Fit(table, metadata, new Rng(3), maxThreads: 0));
    }
}
