using Doppel.Data;
using Doppel.IO;
using Doppel.Randomness;

namespace Doppel.Tests.IO;

public sealed class CsvTableEncoderTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void Gives_the_bytes_of_formatting_cells_then_encoding_them(char delimiter)
    {
        var rng = Rng.FromSeed(11);
        const int rows = 600;
        double Pick(params double[] values) => values[rng.NextInt(values.Length)];
        double[] Numbers(Func<double> next) => [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(10) == 0 ? double.NaN : next())];
        var columns = new Column[]
        {
            new NumericColumn("int", Numbers(() => Math.Round(rng.NextGaussian() * 1e6))),
            new NumericColumn("float2", Numbers(() => rng.NextGaussian() * Pick(1e-9, 1, 1e5, 1e20, -0.001))),
            new NumericColumn("raw", Numbers(() => rng.NextGaussian() * Pick(1e-30, 1, 1e300))),
            new CategoricalColumn("cat", [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(5) - 1)], ["a", "b,c", "say \"hi\"", "line\nbreak"]),
            new DateTimeColumn("iso", [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(8) == 0 ? DateTimeColumn.Missing : (long)(rng.NextDouble() * DateTime.MaxValue.Ticks))]),
            new DateTimeColumn("day", [.. Enumerable.Range(0, rows).Select(_ => (long)(rng.NextDouble() * DateTime.MaxValue.Ticks))]),
            new DateTimeColumn("t", [.. Enumerable.Range(0, rows).Select(_ => (long)(rng.NextDouble() * DateTime.MaxValue.Ticks))]),
            new DateTimeColumn("custom", [.. Enumerable.Range(0, rows).Select(_ => (long)(rng.NextDouble() * DateTime.MaxValue.Ticks))]),
            new DateTimeColumn("unix", [.. Enumerable.Range(0, rows).Select(_ => (long)(rng.NextDouble() * DateTime.MaxValue.Ticks))]),
            new TextColumn("text", [.. Enumerable.Range(0, rows).Select(_ => RandomStrings.NextCell(rng))]),
        };
        var metadata = new Metadata(
        [
            new ColumnMetadata("int", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata("float2", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2 },
            new ColumnMetadata("raw", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("cat", ColumnType.Categorical),
            new ColumnMetadata("iso", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd HH:mm:ss" },
            new ColumnMetadata("day", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("t", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-ddTHH:mm:ss" },
            new ColumnMetadata("custom", ColumnType.DateTime) { DateTimeFormat = "dd.MM.yyyy HH:mm" },
            new ColumnMetadata("unix", ColumnType.DateTime) { DateTimeFormat = DateTimeFormats.UnixMilliseconds },
            new ColumnMetadata("text", ColumnType.Text),
        ]);
        var table = new Table(columns);
        byte[] expected = CsvBlockEncoder.Encode([.. metadata.Columns.Select(c => c.Name)], ValueFormatter.FormatTable(table, metadata), rows, includeHeader: false, delimiter);
        CsvTableEncoder.Encode(table, metadata, delimiter).ShouldBe(expected);
    }

    [Fact]
    public void Iso_dates_are_written_as_datetime_formats_them()
    {
        var rng = Rng.FromSeed(3);
        for (int i = 0; i < 2000; i++)
        {
            long ticks = (long)(rng.NextDouble() * DateTime.MaxValue.Ticks);
            foreach (string format in new[] { "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss" })
                DateTimeFormats.Format(ticks, format).ShouldBe(new DateTime(ticks).ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

public sealed class NumberFormattingTests
{
    [Fact]
    public void Rounded_numbers_read_as_the_shortest_round_trip_form_at_every_scale()
    {
        var rng = Rng.FromSeed(5);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < 200_000; i++)
        {
            int decimals = rng.NextInt(10);
            double magnitude = Math.Pow(10, rng.NextInt(-8, 17));
            double value = (rng.NextDouble() - 0.3) * magnitude;
            var metadata = new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = decimals };
            double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            if (rounded == 0) rounded = 0;
            string shortest = rounded.ToString(inv);
            string expected = shortest.Contains('E') ? rounded.ToString("F" + decimals, inv) : shortest;
            if (expected.Contains('.') && shortest.Contains('E')) expected = expected.TrimEnd('0').TrimEnd('.');
            ValueFormatter.FormatNumber(value, metadata).ShouldBe(expected, $"{value:R} with {decimals} decimals");
        }
    }
}
