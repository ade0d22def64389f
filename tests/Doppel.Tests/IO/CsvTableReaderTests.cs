using System.Text;
using Doppel.IO;

namespace Doppel.Tests.IO;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Detects_each_candidate_delimiter(char delimiter)
    {
        string d = delimiter.ToString();
        string path = _folder.Write("data.csv", $"id{d}name{d}score\n1{d}Ann{d}3.5\n2{d}Bob{d}4.25\n");

        RawTable table = CsvTableReader.Read(path);

        table.Names.ShouldBe(["id", "name", "score"]);
        table.Columns[1].ShouldBe(["Ann", "Bob"]);
        table.Columns[2].ShouldBe(["3.5", "4.25"]);
    }

    [Fact]
    public void Detection_prefers_the_delimiter_that_splits_every_line_the_same_way()
    {
        // Commas appear in every line but in varying numbers; semicolons give 3 fields everywhere.
        string path = _folder.Write("data.csv", "a;b;c\n1,5;x,y,z;3\n2;q;4,0\n");

        RawTable table = CsvTableReader.Read(path);

        table.Names.ShouldBe(["a", "b", "c"]);
        table.Columns[0].ShouldBe(["1,5", "2"]);
    }

    [Fact]
    public void Delimiters_inside_quotes_do_not_count_for_detection()
    {
        string path = _folder.Write("data.csv", "name;city\n\"Smith, John\";Paris\n\"Doe, Jane\";\"Lyon, France\"\n");

        RawTable table = CsvTableReader.Read(path);

        table.Names.ShouldBe(["name", "city"]);
        table.Columns[0].ShouldBe(["Smith, John", "Doe, Jane"]);
        table.Columns[1].ShouldBe(["Paris", "Lyon, France"]);
    }

    [Fact]
    public void A_file_without_any_delimiter_is_one_column()
    {
        string path = _folder.Write("data.csv", "word\nalpha\nbeta\n");

        RawTable table = CsvTableReader.Read(path);

        table.Names.ShouldBe(["word"]);
        table.Columns[0].ShouldBe(["alpha", "beta"]);
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_quotes_and_line_breaks()
    {
        string path = _folder.Write("data.csv", "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",plain\n");

        RawTable table = CsvTableReader.Read(path);

        table.Columns[0].ShouldBe(["x, y", "line1\nline2"]);
        table.Columns[1].ShouldBe(["say \"hi\"", "plain"]);
    }

    [Fact]
    public void Line_numbers_give_the_line_where_each_row_starts_after_multi_line_fields()
    {
        string path = _folder.Write("data.csv", "a,b\n1,one\n2,\"two\nlines\"\n3,\"three\nmore\nlines\"\n\n4,four\n");

        RawTable table = CsvTableReader.Read(path);

        table.RowCount.ShouldBe(4);
        table.LineNumbers.ShouldBe([2, 3, 5, 9]);
        table.Columns[1][2].ShouldBe("three\nmore\nlines");
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_name()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,name\n1,Zoë\n")];
        string withBom = _folder.Write("bom.csv", bytes);
        string withoutBom = _folder.Write("plain.csv", "id,name\n1,Zoë\n");

        RawTable a = CsvTableReader.Read(withBom);
        RawTable b = CsvTableReader.Read(withoutBom);

        a.Names.ShouldBe(["id", "name"]);
        a.Columns[1].ShouldBe(["Zoë"]);
        b.Names.ShouldBe(a.Names);
        b.Columns[1].ShouldBe(a.Columns[1]);
    }

    [Fact]
    public void Crlf_line_endings_are_not_part_of_values()
    {
        string path = _folder.Write("data.csv", "a,b\r\n1,x\r\n2,\"multi\r\nline\"\r\n3,z");

        RawTable table = CsvTableReader.Read(path);

        table.Columns[1].ShouldBe(["x", "multi\r\nline", "z"]);
        table.LineNumbers.ShouldBe([2, 3, 5]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("N/A")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("?")]
    [InlineData("NaN")]
    [InlineData("None")]
    [InlineData("  NA ")]
    [InlineData("\"\"")]
    public void Each_default_null_token_reads_as_missing(string cell)
    {
        string path = _folder.Write("data.csv", $"a,b\n{cell},kept\n");

        RawTable table = CsvTableReader.Read(path);

        table.Columns[0][0].ShouldBeNull();
        table.Columns[1][0].ShouldBe("kept");
    }

    [Theory]
    [InlineData("na")]
    [InlineData("Null")]
    [InlineData("NAN")]
    [InlineData("-")]
    [InlineData("N A")]
    public void Text_that_only_resembles_a_null_token_is_kept(string cell)
    {
        string path = _folder.Write("data.csv", $"a,b\n{cell},x\n");

        CsvTableReader.Read(path).Columns[0][0].ShouldBe(cell);
    }

    [Fact]
    public void Custom_null_tokens_replace_the_defaults()
    {
        string path = _folder.Write("data.csv", "a,b,c\n-,NA,\n");

        RawTable table = CsvTableReader.Read(path, new CsvReadOptions { NullTokens = ["-"] });

        table.Columns[0][0].ShouldBeNull();
        table.Columns[1][0].ShouldBe("NA");
        table.Columns[2][0].ShouldBe("");
    }

    [Fact]
    public void Values_are_kept_exactly_and_header_names_are_trimmed()
    {
        string path = _folder.Write("data.csv", " id , full name \n 7 ,  Ann  Lee \n");

        RawTable table = CsvTableReader.Read(path);

        table.Names.ShouldBe(["id", "full name"]);
        table.Columns[0][0].ShouldBe(" 7 ");
        table.Columns[1][0].ShouldBe("  Ann  Lee ");
    }

    [Fact]
    public void A_given_delimiter_is_used_without_detection()
    {
        string path = _folder.Write("data.csv", "a|b,c\n1|2,3\n");

        RawTable table = CsvTableReader.Read(path, new CsvReadOptions { Delimiter = '|' });

        table.Names.ShouldBe(["a", "b,c"]);
        table.Columns[1].ShouldBe(["2,3"]);
    }

    [Fact]
    public void Reads_a_file_with_1200_columns()
    {
        const int columns = 1200;
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, columns).Select(c => $"c{c}")).Append('\n');
        for (int row = 0; row < 3; row++)
            text.AppendJoin(',', Enumerable.Range(0, columns).Select(c => (row * columns + c).ToString(System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        string path = _folder.Write("wide.csv", text.ToString());

        RawTable table = CsvTableReader.Read(path);

        table.Names.Count.ShouldBe(columns);
        table.Names[^1].ShouldBe("c1199");
        table.RowCount.ShouldBe(3);
        table.Columns[1199][2].ShouldBe((2 * columns + 1199).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Blank_and_space_only_lines_between_rows_are_skipped()
    {
        string path = _folder.Write("data.csv", "a,b\n1,2\n\n   \n3,4\n");

        RawTable table = CsvTableReader.Read(path);

        table.Columns[0].ShouldBe(["1", "3"]);
        table.LineNumbers.ShouldBe([2, 5]);
    }

    [Fact]
    public void Reads_from_a_stream_that_delivers_one_byte_at_a_time()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name;note\nZoë;\"a;b\"\nÅsa;日本\n")];
        using var stream = new TrickleStream(bytes);

        RawTable table = CsvTableReader.Read(stream, "trickle.csv");

        table.Source.ShouldBe("trickle.csv");
        table.Names.ShouldBe(["name", "note"]);
        table.Columns[0].ShouldBe(["Zoë", "Åsa"]);
        table.Columns[1].ShouldBe(["a;b", "日本"]);
    }

    [Fact]
    public void Repeated_values_of_a_column_share_one_string_instance()
    {
        var text = new StringBuilder("id,colour\n");
        for (int i = 0; i < 1000; i++) text.Append(i).Append(i % 2 == 0 ? ",red\n" : ",blue\n");
        string path = _folder.Write("data.csv", text.ToString());

        RawTable table = CsvTableReader.Read(path);

        table.Columns[1].Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(2);
    }

    [DatasetFact("adult/train.csv")]
    public void Reads_the_adult_training_set_with_its_missing_cells()
    {
        RawTable table = CsvTableReader.Read(Datasets.Require("adult/train.csv"));

        table.RowCount.ShouldBe(32_561);
        table.Names.ShouldBe([
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
            "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"]);
        foreach (string column in new[] { "workclass", "occupation", "native-country" })
            table.Columns[table.IndexOf(column)].Count(v => v is null).ShouldBeGreaterThan(0, column);
        table.Columns[table.IndexOf("age")].ShouldAllBe(v => v != null);
        table.Columns[0][0].ShouldBe("39");
        table.Columns[table.IndexOf("income")].Distinct().Order().ShouldBe(["<=50K", ">50K"]);
        table.LineNumbers[0].ShouldBe(2);
        table.LineNumbers[^1].ShouldBe(32_562);
    }
}
