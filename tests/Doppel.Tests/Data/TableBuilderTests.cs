using System.Globalization;
using Doppel.Data;
using Doppel.IO;

namespace Doppel.Tests.Data;

public class TableBuilderTests
{
    /// <summary>A raw table whose rows start on file lines 2, 3, … (line 1 is the header).</summary>
    internal static RawTable Raw(params (string Name, string?[] Values)[] columns) =>
        new("data.csv", [.. columns.Select(c => c.Name)], [.. columns.Select(c => c.Values)],
            [.. Enumerable.Range(2, columns.Length == 0 ? 0 : columns[0].Values.Length)]);

    private static Metadata Describe(params ColumnMetadata[] columns) => new(columns);

    [Fact]
    public void A_categorical_columns_codes_map_onto_another_list_by_name()
    {
        var column = CategoricalColumn.FromValues("c", ["red", null, "blue", "Green", "red"]);
        column.PositionsIn(["blue", "red", "blue", "green"]).ShouldBe([1, 0, -1], "red, blue, then Green (case counts)");
        column.PositionsIn([]).ShouldBe([-1, -1, -1]);
    }

    [Fact]
    public void Columns_are_typed_and_in_metadata_order()
    {
        RawTable raw = Raw(
            ("city", ["Berlin", "Paris", null, "Berlin"]),
            ("age", ["31", "-4.5", null, "1e3"]),
            ("joined", ["2020-01-02", null, "1999-12-31", "2000-02-29"]),
            ("vip", ["yes", "no", "no", null]),
            ("email", ["a@example.com", null, "b@example.com", "c@example.com"]));
        Table table = TableBuilder.Build(raw, Describe(
            new ColumnMetadata("age", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("city", ColumnType.Categorical),
            new ColumnMetadata("vip", ColumnType.Boolean),
            new ColumnMetadata("joined", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("email", ColumnType.Pii) { Pii = PiiKind.Email }));

        table.ColumnNames.ShouldBe(["age", "city", "vip", "joined", "email"]);
        ((NumericColumn)table["age"]).Values.ShouldBe([31, -4.5, double.NaN, 1000]);
        var city = (CategoricalColumn)table["city"];
        city.Categories.ShouldBe(["Berlin", "Paris"]);
        city.Codes.ShouldBe([0, 1, -1, 0]);
        var vip = (CategoricalColumn)table["vip"];
        vip.Categories.ShouldBe(["yes", "no"]);
        vip.Codes.ShouldBe([0, 1, 1, -1]);
        ((DateTimeColumn)table["joined"]).Ticks.ShouldBe(
            [new DateTime(2020, 1, 2).Ticks, DateTimeColumn.Missing, new DateTime(1999, 12, 31).Ticks, new DateTime(2000, 2, 29).Ticks]);
        ((TextColumn)table["email"]).Values.ShouldBe(["a@example.com", null, "b@example.com", "c@example.com"]);
    }

    [Fact]
    public void One_bad_number_names_column_line_value_and_the_fix()
    {
        RawTable raw = Raw(("age", ["31", "45", "abc", "28"]));
        var error = Should.Throw<DataFormatException>(() => TableBuilder.Build(raw, Describe(new ColumnMetadata("age", ColumnType.Numerical))));
        error.Message.ShouldBe("Column 'age' is numerical but line 4 of data.csv holds \"abc\". Fix the value or declare the column categorical in metadata.json.");
    }

    [Fact]
    public void Many_bad_values_show_the_first_five_and_the_count_for_every_column()
    {
        string?[] ages = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? "x" + i : i.ToString(CultureInfo.InvariantCulture))];
        string?[] dates = [.. Enumerable.Range(0, 20).Select(i => i == 7 ? "07/01/2020" : "2020-01-01")];
        RawTable raw = Raw(("age", ages), ("when", dates));
        var error = Should.Throw<DataFormatException>(() => TableBuilder.Build(raw, Describe(
            new ColumnMetadata("age", ColumnType.Numerical),
            new ColumnMetadata("when", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" })));
        string[] lines = error.Message.Split(Environment.NewLine);
        lines.Length.ShouldBe(2);
        lines[0].ShouldBe("Column 'age' is numerical but 10 values of data.csv are not numbers: line 2 holds \"x0\", line 4 holds \"x2\", line 6 holds \"x4\", line 8 holds \"x6\", line 10 holds \"x8\" and 5 more. Fix the values or declare the column categorical in metadata.json.");
        lines[1].ShouldBe("Column 'when' is datetime in format \"yyyy-MM-dd\" but line 9 of data.csv holds \"07/01/2020\". Fix the value or correct its \"format\" in metadata.json (or declare the column categorical).");
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1,5")]
    [InlineData("1e999")]
    public void Non_finite_or_localized_numbers_are_refused(string text)
    {
        RawTable raw = Raw(("x", ["1", text]));
        Should.Throw<DataFormatException>(() => TableBuilder.Build(raw, Describe(new ColumnMetadata("x", ColumnType.Numerical))))
            .Message.ShouldContain($"line 3 of data.csv holds \"{text}\"");
    }

    [Fact]
    public void Numbers_read_exactly_as_the_invariant_double_parser_reads_them()
    {
        string[] texts = ["0", "-0", "007", "-12", "123456789012345", "1234567890123456789", "+5", " 5 ", "-1.5e-3", "9007199254740993"];
        Table table = TableBuilder.Build(Raw(("x", texts)), Describe(new ColumnMetadata("x", ColumnType.Numerical)));
        double[] values = ((NumericColumn)table["x"]).Values;
        for (int i = 0; i < texts.Length; i++)
            BitConverter.DoubleToInt64Bits(values[i]).ShouldBe(
                BitConverter.DoubleToInt64Bits(double.Parse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture)), texts[i]);
    }

    [Fact]
    public void Datetimes_with_an_offset_are_stored_as_utc_ticks_and_unix_times_from_the_epoch()
    {
        RawTable raw = Raw(
            ("local", ["2021-06-01T12:00:00+02:00", "2021-06-01T10:00:00Z"]),
            ("zulu", ["2021-06-01T10:00:00Z", "1970-01-01T00:00:00Z"]),
            ("seconds", ["0", "-86400"]),
            ("millis", ["1500", "1622541600000"]));
        Table table = TableBuilder.Build(raw, Describe(
            new ColumnMetadata("local", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-ddTHH:mm:ssK" },
            new ColumnMetadata("zulu", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-ddTHH:mm:ssZ" },
            new ColumnMetadata("seconds", ColumnType.DateTime) { DateTimeFormat = "unix-seconds" },
            new ColumnMetadata("millis", ColumnType.DateTime) { DateTimeFormat = "unix-milliseconds" }));
        long tenUtc = new DateTime(2021, 6, 1, 10, 0, 0).Ticks;
        ((DateTimeColumn)table["local"]).Ticks.ShouldBe([tenUtc, tenUtc]);
        ((DateTimeColumn)table["zulu"]).Ticks.ShouldBe([tenUtc, DateTime.UnixEpoch.Ticks]);
        ((DateTimeColumn)table["seconds"]).Ticks.ShouldBe([DateTime.UnixEpoch.Ticks, DateTime.UnixEpoch.AddDays(-1).Ticks]);
        ((DateTimeColumn)table["millis"]).Ticks.ShouldBe([DateTime.UnixEpoch.AddMilliseconds(1500).Ticks, tenUtc]);
    }

    [Fact]
    public void A_categorical_column_with_mostly_unique_values_is_refused_as_a_copy_risk()
    {
        string?[] codes = [.. Enumerable.Range(0, 20_001).Select(i => "K" + i)];
        var error = Should.Throw<DataFormatException>(() => TableBuilder.Build(Raw(("code", codes)), Describe(new ColumnMetadata("code", ColumnType.Categorical))));
        error.Message.ShouldBe("Column 'code' is categorical but has 20,001 distinct values in 20,001 rows of data.csv: a synthesizer would copy each value. Declare it \"id\" or \"text\" in metadata.json instead.");

        // Many categories, but repeated: a real categorical column.
        string?[] repeated = [.. Enumerable.Range(0, 30_000).Select(i => "K" + i % 12_000)];
        var built = (CategoricalColumn)TableBuilder.Build(Raw(("code", repeated)), Describe(new ColumnMetadata("code", ColumnType.Categorical)))["code"];
        built.Categories.Length.ShouldBe(12_000);
    }

    [Fact]
    public void Metadata_columns_missing_from_the_data_are_reported_before_any_value()
    {
        RawTable raw = Raw(("age", ["1"]), ("city", ["Rome"]));
        var error = Should.Throw<MetadataException>(() => TableBuilder.Build(raw, Describe(
            new ColumnMetadata("age", ColumnType.Numerical), new ColumnMetadata("cty", ColumnType.Categorical))));
        error.Problems.ShouldContain("Column 'cty' is in the metadata but not in data.csv. Did you mean 'city'? Rename it in the metadata to match the data.");
    }

    [Fact]
    public void Invalid_metadata_is_refused_before_reading_values()
    {
        RawTable raw = Raw(("when", ["2020"]));
        Should.Throw<MetadataException>(() => TableBuilder.Build(raw, Describe(new ColumnMetadata("when", ColumnType.DateTime))))
            .Problems.Single().ShouldContain("needs \"format\"");
    }

    [Fact]
    public void Text_columns_do_not_share_the_raw_arrays()
    {
        string?[] values = ["a", "b"];
        Table table = TableBuilder.Build(Raw(("note", values)), Describe(new ColumnMetadata("note", ColumnType.Text)));
        values[0] = "changed";
        ((TextColumn)table["note"]).Values[0].ShouldBe("a");
    }

    [DatasetFact("adult/train.csv")]
    public void Adult_builds_every_column_and_writes_its_integers_back_unchanged()
    {
        RawTable raw = ReadCsv(Datasets.Require("adult/train.csv"));
        string[] integers = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
        var metadata = new Metadata([.. raw.Names.Select(n => integers.Contains(n)
            ? new ColumnMetadata(n, ColumnType.Numerical) { Subtype = NumericalSubtype.Integer }
            : new ColumnMetadata(n, ColumnType.Categorical))]);

        Table table = TableBuilder.Build(raw, metadata);

        table.RowCount.ShouldBe(32_561);
        table.ColumnNames.ShouldBe(raw.Names);
        ((NumericColumn)table["age"]).Values[0].ShouldBe(39);
        ((CategoricalColumn)table["workclass"])[0].ShouldBe("State-gov");
        ((CategoricalColumn)table["sex"]).Categories.Order().ShouldBe(["Female", "Male"]);
        ((CategoricalColumn)table["workclass"]).MissingCount().ShouldBe(raw.Columns[raw.IndexOf("workclass")].Count(v => v is null));
        foreach (string name in integers)
            ValueFormatter.FormatColumn(table[name], metadata[name]).ShouldBe(raw.Columns[raw.IndexOf(name)], name);
    }

    /// <summary>A minimal reader for unquoted CSV files such as Adult: header row, empty field = missing.</summary>
    internal static RawTable ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] names = lines[0].Split(',');
        var columns = names.Select(_ => new List<string?>()).ToArray();
        var lineNumbers = new List<int>();
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length == 0) continue;
            string[] fields = lines[l].Split(',');
            fields.Length.ShouldBe(names.Length, $"line {l + 1} of {path}");
            lineNumbers.Add(l + 1);
            for (int i = 0; i < names.Length; i++) columns[i].Add(fields[i].Length == 0 ? null : fields[i]);
        }
        return new RawTable(path, names, [.. columns.Select(c => c.ToArray())], [.. lineNumbers]);
    }
}
