using Doppel.IO;

namespace Doppel.Tests.IO;

public sealed class TableFileFormatsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("data.csv", TableFileFormat.Csv)]
    [InlineData("DATA.CSV", TableFileFormat.Csv)]
    [InlineData("data.tsv", TableFileFormat.Csv)]
    [InlineData("notes.txt", TableFileFormat.Csv)]
    [InlineData("dir.v2/rows.jsonl", TableFileFormat.JsonLines)]
    [InlineData("rows.NDJSON", TableFileFormat.JsonLines)]
    public void The_format_follows_the_extension(string path, TableFileFormat expected)
    {
        TableFileFormats.FromPath(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("data.parquet", "has the extension '.parquet'")]
    [InlineData("data", "has no extension")]
    [InlineData("data.json", "has the extension '.json'")]
    public void An_unknown_extension_lists_the_supported_ones(string path, string what)
    {
        var error = Should.Throw<UsageException>(() => TableFileFormats.FromPath(path));

        error.Message.ShouldContain($"Cannot tell the format of '{path}': it {what}");
        error.Message.ShouldContain(".csv, .tsv and .txt");
        error.Message.ShouldContain(".jsonl and .ndjson");
    }

    [Fact]
    public void The_file_reader_dispatches_on_the_extension()
    {
        string csv = _folder.Write("a.csv", "x,y\n1,2\n");
        string tsv = _folder.Write("b.tsv", "x\ty\n1,5\t2\n");
        string jsonl = _folder.Write("c.ndjson", "{\"x\":1,\"y\":\"2\"}\n");

        TableFileReader.Read(csv).Columns[1].ShouldBe(["2"]);
        TableFileReader.Read(tsv).Columns[0].ShouldBe(["1,5"]);
        TableFileReader.Read(jsonl).Columns[0].ShouldBe(["1"]);
    }

    [Fact]
    public void A_tsv_file_that_is_really_comma_separated_is_reported()
    {
        string path = _folder.Write("wrong.tsv", "x,y\n1,2\n");

        Should.Throw<DataFormatException>(() => TableFileReader.Read(path))
            .Message.ShouldContain("gives only one column with the delimiter tab that its .tsv extension implies, but it seems to use ',' (comma)");
    }

    [Fact]
    public void The_file_reader_passes_csv_options_on()
    {
        string path = _folder.Write("a.txt", "x|y\n-|2\n");

        RawTable table = TableFileReader.Read(path, new CsvReadOptions { Delimiter = '|', NullTokens = ["-"] });

        table.Columns[0].ShouldBe([null]);
    }
}
