using System.Text;
using Doppel.IO;

namespace Doppel.Tests.IO;

public sealed class CsvTableReaderErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        string path = _folder.File("nope.csv");

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldStartWith($"File '{path}' does not exist.");
    }

    [Fact]
    public void A_folder_instead_of_a_file_is_rejected()
    {
        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(_folder.Path));

        error.Message.ShouldContain($"'{_folder.Path}' is a folder, not a file");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)' ', (byte)'\r', (byte)'\n', (byte)'\t', (byte)'\n' })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'\n', (byte)'\n' })]
    public void An_empty_file_is_rejected(byte[] content)
    {
        string path = _folder.Write("empty.csv", content);

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldStartWith($"File '{path}' is empty");
    }

    [Theory]
    [InlineData("a,b,c\n")]
    [InlineData("a,b,c")]
    [InlineData("a,b,c\r\n\r\n")]
    public void A_header_without_data_rows_is_rejected(string content)
    {
        string path = _folder.Write("header.csv", content);

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldBe($"File '{path}' has a header row but no data rows. Add at least one row of data below the header.");
    }

    [Fact]
    public void Ragged_rows_are_all_counted_and_the_first_ones_listed_with_their_field_counts()
    {
        var text = new StringBuilder("a,b,c\n");
        for (int row = 0; row < 60; row++) text.Append("1,2,3\n");   // lines 2..61 are fine, so detection settles on ','
        text.Append("1,2\n");            // line 62
        text.Append("1,2,3,4\n");        // line 63
        text.Append("1,2,3\n");          // line 64
        for (int row = 0; row < 6; row++) text.Append("x\n");         // lines 65..70
        string path = _folder.Write("ragged.csv", text.ToString());

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain($"File '{path}': 8 rows do not have the 3 fields of the header");
        error.Message.ShouldContain("line 62 has 2 fields, line 63 has 4 fields, line 65 has 1 field, line 66 has 1 field, line 67 has 1 field, and 3 more");
        error.Message.ShouldContain("separated by ',' (comma)");
    }

    [Fact]
    public void A_single_ragged_row_is_reported_even_when_it_is_within_the_detection_window()
    {
        string path = _folder.Write("ragged.csv", "a;b;c\n1;2;3\n4;5\n6;7;8\n9;10;11\n");

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain("1 row does not have the 3 fields of the header (line 3 has 2 fields)");
        error.Message.ShouldContain("';' (semicolon)");
    }

    [Fact]
    public void A_wrong_delimiter_names_the_one_the_file_seems_to_use()
    {
        string path = _folder.Write("data.csv", "id,name,score\n1,Ann,3\n2,Bob,4\n");

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { Delimiter = ';' }));

        error.Message.ShouldContain($"File '{path}' gives only one column with the delimiter ';' (semicolon) set in the options");
        error.Message.ShouldContain("it seems to use ',' (comma): that gives 3 columns on each of the first 3 lines");
    }

    [Fact]
    public void A_given_delimiter_that_yields_one_column_is_fine_when_no_other_does_better()
    {
        string path = _folder.Write("data.csv", "text\nhello, world\nbye\n");

        RawTable table = CsvTableReader.Read(path, new CsvReadOptions { Delimiter = ';' });

        table.Columns[0].ShouldBe(["hello, world", "bye"]);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line_and_byte_offset()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("name,city\nAnn,Lyon\nZo"), 0xEB, .. Encoding.UTF8.GetBytes(",Paris\n")];
        string path = _folder.Write("latin1.csv", bytes);

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain($"File '{path}' is not valid UTF-8: line 3 has the byte 0xEB at byte offset 21");
        error.Message.ShouldContain("Re-save it as UTF-8");
    }

    [Fact]
    public void Invalid_utf8_far_into_a_large_file_is_found_after_the_detection_window()
    {
        var text = new StringBuilder("id,value\n");
        for (int row = 0; row < 20_000; row++) text.Append(row).Append(",héllo\n");
        byte[] head = Encoding.UTF8.GetBytes(text.ToString());
        byte[] bytes = [.. head, 0xC3, (byte)',', (byte)'x', (byte)'\n'];
        string path = _folder.Write("big.csv", bytes);

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain($"line 20002 has the byte 0xC3 at byte offset {head.Length}");
    }

    [Fact]
    public void Characters_split_across_reads_are_valid_and_a_truncated_one_at_the_end_is_not()
    {
        byte[] valid = Encoding.UTF8.GetBytes("name\n日本語\n€\n");
        CsvTableReader.Read(new TrickleStream(valid, bytesPerRead: 2), "valid.csv").Columns[0].ShouldBe(["日本語", "€"]);

        byte[] truncated = [.. Encoding.UTF8.GetBytes("name\nab\n"), 0xE2, 0x82];
        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(new TrickleStream(truncated, bytesPerRead: 3), "cut.csv"));
        error.Message.ShouldContain("File 'cut.csv' is not valid UTF-8: line 3 has the byte 0xE2 at byte offset 8");
    }

    [Fact]
    public void A_utf16_file_is_recognised_as_such()
    {
        string path = _folder.Write("utf16.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a,b\n1,2\n")]);

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain("byte 0xFF at byte offset 0");
        error.Message.ShouldContain("UTF-16");
    }

    [Fact]
    public void Duplicate_column_names_are_listed_with_their_positions()
    {
        string path = _folder.Write("dup.csv", "id,age,name,age,id,age\n1,2,3,4,5,6\n");

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain($"File '{path}' has an invalid header row");
        error.Message.ShouldContain("the name 'id' is used by columns 1 and 5");
        error.Message.ShouldContain("the name 'age' is used by columns 2, 4 and 6");
    }

    [Fact]
    public void Names_that_differ_only_by_surrounding_spaces_are_duplicates()
    {
        string path = _folder.Write("dup.csv", "age, age\n1,2\n");

        Should.Throw<DataFormatException>(() => CsvTableReader.Read(path))
            .Message.ShouldContain("the name 'age' is used by columns 1 and 2");
    }

    [Fact]
    public void An_empty_column_name_is_reported_by_position()
    {
        string path = _folder.Write("noname.csv", "id,,name, \n1,2,3,4\n");

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain("columns 2 and 4 have no name");
        error.Message.ShouldContain("Give every column a unique, non-empty name");
    }

    [Fact]
    public void An_unterminated_quote_is_reported_at_the_line_where_it_starts()
    {
        string path = _folder.Write("quote.csv", "a,b\n1,x\n2,\"open\n3,y\n4,z\n");

        var error = Should.Throw<DataFormatException>(() => CsvTableReader.Read(path));

        error.Message.ShouldContain($"File '{path}' has a quoted field starting on line 3 whose closing quote is missing");
    }

    [Fact]
    public void An_unterminated_quote_in_the_header_is_reported_at_line_1()
    {
        string path = _folder.Write("quote.csv", "\"a,b\n1,2\n");

        Should.Throw<DataFormatException>(() => CsvTableReader.Read(path))
            .Message.ShouldContain("starting on line 1 whose closing quote is missing");
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData('a')]
    [InlineData('7')]
    [InlineData('é')]
    public void A_delimiter_that_cannot_separate_fields_is_refused_by_the_options(char delimiter)
    {
        Should.Throw<UsageException>(() => new CsvReadOptions { Delimiter = delimiter })
            .Message.ShouldContain("cannot separate fields: the delimiter must be an ASCII character");
    }

    [Fact]
    public void A_null_token_with_surrounding_whitespace_is_refused_by_the_options()
    {
        Should.Throw<UsageException>(() => new CsvReadOptions { NullTokens = ["NA", " x"] })
            .Message.ShouldContain("Null token \" x\" has surrounding whitespace");
    }
}
