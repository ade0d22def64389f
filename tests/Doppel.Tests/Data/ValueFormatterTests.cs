using Doppel.Data;
using Doppel.IO;
using Doppel.Randomness;

namespace Doppel.Tests.Data;

public class ValueFormatterTests
{
    private static string?[] Numbers(ColumnMetadata metadata, params double[] values) =>
        ValueFormatter.FormatColumn(new NumericColumn(metadata.Name, values), metadata);

    [Fact]
    public void Integers_are_whole_numbers_rounded_half_away_from_zero()
    {
        var metadata = new ColumnMetadata("n", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer };
        Numbers(metadata, 123, -5, 2.5, -2.5, -0.2, double.NaN, 1e17, 3e19)
            .ShouldBe(["123", "-5", "3", "-3", "0", null, "100000000000000000", "30000000000000000000"]);
    }

    [Fact]
    public void Floats_are_rounded_to_their_decimals_without_padding_zeros()
    {
        var metadata = new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2 };
        Numbers(metadata, 1.23456, 1.5, 2, -0.001, 1234567.891, 0.125).ShouldBe(["1.23", "1.5", "2", "0", "1234567.89", "0.13"]);
        var tiny = metadata with { Decimals = 8 };
        Numbers(tiny, 1e-7, 0.00001234).ShouldBe(["0.0000001", "0.00001234"]);
    }

    [Fact]
    public void Floats_without_declared_decimals_keep_full_precision()
    {
        var metadata = new ColumnMetadata("x", ColumnType.Numerical);
        Numbers(metadata, 0.1, 1.0 / 3, -2).ShouldBe(["0.1", "0.3333333333333333", "-2"]);
    }

    [Fact]
    public void Datetimes_are_written_in_their_format_with_offsets_as_utc()
    {
        long[] ticks = [new DateTime(2021, 6, 1, 10, 5, 0).Ticks, DateTimeColumn.Missing, new DateTime(1969, 12, 31, 23, 59, 59, 500).Ticks];
        var column = new DateTimeColumn("t", ticks);
        string?[] Format(string format) => ValueFormatter.FormatColumn(column, new ColumnMetadata("t", ColumnType.DateTime) { DateTimeFormat = format });

        Format("yyyy-MM-dd").ShouldBe(["2021-06-01", null, "1969-12-31"]);
        Format("MM/dd/yyyy HH:mm").ShouldBe(["06/01/2021 10:05", null, "12/31/1969 23:59"]);
        Format("yyyy-MM-ddTHH:mm:sszzz").ShouldBe(["2021-06-01T10:05:00+00:00", null, "1969-12-31T23:59:59+00:00"]);
        Format("yyyy-MM-ddTHH:mm:ssZ").ShouldBe(["2021-06-01T10:05:00Z", null, "1969-12-31T23:59:59Z"]);
        Format("unix-seconds").ShouldBe(["1622541900", null, "-1"]);
        Format("unix-milliseconds").ShouldBe(["1622541900000", null, "-500"]);
    }

    [Fact]
    public void Categories_and_text_are_written_as_they_are()
    {
        var categorical = new CategoricalColumn("c", [1, -1, 0], ["a", "b, with comma"]);
        ValueFormatter.FormatColumn(categorical, new ColumnMetadata("c", ColumnType.Categorical)).ShouldBe(["b, with comma", null, "a"]);
        var text = new TextColumn("t", ["x", null, "  spaced  "]);
        ValueFormatter.FormatColumn(text, new ColumnMetadata("t", ColumnType.Text)).ShouldBe(["x", null, "  spaced  "]);
    }

    [Fact]
    public void A_table_is_formatted_in_metadata_order()
    {
        var table = new Table([new NumericColumn("a", [1]), new TextColumn("b", ["x"])]);
        var metadata = new Metadata([new ColumnMetadata("b", ColumnType.Text), new ColumnMetadata("a", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }]);
        ValueFormatter.FormatTable(table, metadata).ShouldBe([["x"], ["1"]]);
        Should.Throw<ArgumentException>(() => ValueFormatter.FormatTable(table, metadata with { Columns = [new ColumnMetadata("c", ColumnType.Text)] }))
            .Message.ShouldContain("no column 'c'");
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(20260101UL)]
    public void Building_what_was_formatted_gives_the_same_table(ulong seed)
    {
        (Table table, Metadata metadata) = RandomTable(new Rng(seed), rows: 400);
        string?[][] cells = ValueFormatter.FormatTable(table, metadata);
        var raw = new RawTable("formatted", [.. metadata.Columns.Select(c => c.Name)], cells, [.. Enumerable.Range(2, table.RowCount)]);

        Table rebuilt = TableBuilder.Build(raw, metadata);

        foreach (Column original in table.Columns)
        {
            Column copy = rebuilt[original.Name];
            switch (original)
            {
                case NumericColumn numeric:
                    ((NumericColumn)copy).Values.ShouldBe(numeric.Values, original.Name);
                    break;
                case CategoricalColumn categorical:
                    ((CategoricalColumn)copy).Categories.ShouldBe(categorical.Categories, original.Name);
                    ((CategoricalColumn)copy).Codes.ShouldBe(categorical.Codes, original.Name);
                    break;
                case DateTimeColumn dateTime:
                    ((DateTimeColumn)copy).Ticks.ShouldBe(dateTime.Ticks, original.Name);
                    break;
                case TextColumn text:
                    ((TextColumn)copy).Values.ShouldBe(text.Values, original.Name);
                    break;
            }
        }
    }

    [Fact]
    public void Formatting_from_many_threads_at_once_gives_the_same_cells()
    {
        (Table table, Metadata metadata) = RandomTable(new Rng(7), rows: 2_000);
        string?[][] expected = ValueFormatter.FormatTable(table, metadata);
        var results = new string?[16][][];
        Parallel.For(0, results.Length, i => results[i] = ValueFormatter.FormatTable(table, metadata));
        foreach (string?[][] result in results) result.ShouldBe(expected);
    }

    [Theory]
    [InlineData("yyyy-MM-dd", null)]
    [InlineData("MM/dd/yyyy HH:mm", null)]
    [InlineData("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", null)]
    [InlineData("unix-seconds", null)]
    [InlineData("yyyy-MM-dd HH:mm:ss.fffffffff", "is not a valid .NET date format string")]
    [InlineData("abc", "holds no date or time field")]
    [InlineData(" ", "is empty")]
    public void Datetime_formats_are_checked_by_writing_and_reading_a_sample(string format, string? problem)
    {
        if (problem is null) DateTimeFormats.Problem(format).ShouldBeNull();
        else DateTimeFormats.Problem(format).ShouldNotBeNull().ShouldContain(problem);
    }

    /// <summary>A table with every column type, missing values, and values exactly representable in their formats.</summary>
    internal static (Table Table, Metadata Metadata) RandomTable(Rng rng, int rows)
    {
        double Missing(double value) => rng.NextDouble() < 0.1 ? double.NaN : value;
        string? MaybeNull(string value) => rng.NextDouble() < 0.1 ? null : value;
        long dayTicks(long day) => new DateTime(1950, 1, 1).AddDays(day).Ticks;

        var integers = new double[rows];
        var floats = new double[rows];
        var precise = new double[rows];
        var days = new long[rows];
        var minutes = new long[rows];
        var instants = new long[rows];
        var unix = new long[rows];
        var cities = new string?[rows];
        var flags = new string?[rows];
        var ids = new string?[rows];
        var notes = new string?[rows];
        string[] cityNames = ["Berlin", "Paris", "Rome", "São Paulo", "Zürich, CH", "\"Quoted\""];
        for (int i = 0; i < rows; i++)
        {
            integers[i] = Missing(Math.Round((rng.NextDouble() - 0.3) * 1e6));
            floats[i] = Missing(Math.Round(rng.NextGaussian() * 1000, 3));
            precise[i] = Missing(rng.NextGaussian() * Math.Pow(10, rng.NextInt(-8, 12)));
            days[i] = rng.NextDouble() < 0.1 ? DateTimeColumn.Missing : dayTicks(rng.NextInt(40_000));
            minutes[i] = rng.NextDouble() < 0.1 ? DateTimeColumn.Missing : dayTicks(rng.NextInt(40_000)) + rng.NextInt(24 * 60) * TimeSpan.TicksPerMinute;
            instants[i] = rng.NextDouble() < 0.1 ? DateTimeColumn.Missing : dayTicks(rng.NextInt(40_000)) + (long)(rng.NextDouble() * TimeSpan.TicksPerDay);
            unix[i] = rng.NextDouble() < 0.1 ? DateTimeColumn.Missing : dayTicks(rng.NextInt(40_000)) + rng.NextInt(86_400) * TimeSpan.TicksPerSecond;
            cities[i] = MaybeNull(cityNames[rng.NextInt(cityNames.Length)]);
            flags[i] = MaybeNull(rng.NextInt(2) == 0 ? "true" : "false");
            ids[i] = "ID-" + i;
            notes[i] = MaybeNull(Doppel.Privacy.PatternFiller.Fill("Aaaa aa ###, a.", rng));
        }
        var table = new Table(
        [
            new NumericColumn("count", integers),
            new NumericColumn("amount", floats),
            new NumericColumn("measure", precise),
            new DateTimeColumn("day", days),
            new DateTimeColumn("minute", minutes),
            new DateTimeColumn("instant", instants),
            new DateTimeColumn("unix", unix),
            CategoricalColumn.FromValues("city", cities),
            CategoricalColumn.FromValues("flag", flags),
            new TextColumn("id", ids),
            new TextColumn("note", notes),
        ]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("id", ColumnType.Id),
            new ColumnMetadata("count", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata("amount", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 3 },
            new ColumnMetadata("measure", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("day", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("minute", ColumnType.DateTime) { DateTimeFormat = "MM/dd/yyyy HH:mm" },
            new ColumnMetadata("instant", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz" },
            new ColumnMetadata("unix", ColumnType.DateTime) { DateTimeFormat = "unix-seconds" },
            new ColumnMetadata("city", ColumnType.Categorical),
            new ColumnMetadata("flag", ColumnType.Boolean),
            new ColumnMetadata("note", ColumnType.Text),
        ], primaryKey: "id");
        return (table, metadata);
    }
}
