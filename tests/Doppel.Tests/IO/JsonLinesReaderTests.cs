using System.Text;
using Doppel.IO;

namespace Doppel.Tests.IO;

public sealed class JsonLinesReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Columns_follow_the_first_appearance_of_each_key_and_absent_keys_are_missing()
    {
        string path = _folder.Write("data.jsonl", "{\"b\":1,\"a\":\"x\"}\n{\"a\":\"y\",\"c\":true}\n{\"c\":false,\"b\":2}\n");

        RawTable table = JsonLinesReader.Read(path);

        table.Names.ShouldBe(["b", "a", "c"]);
        table.Columns[0].ShouldBe(["1", null, "2"]);
        table.Columns[1].ShouldBe(["x", "y", null]);
        table.Columns[2].ShouldBe([null, "true", "false"]);
    }

    [Fact]
    public void Numbers_keep_their_json_text_and_null_is_missing()
    {
        string path = _folder.Write("data.jsonl", "{\"n\":1.50,\"s\":null}\n{\"n\":-2e3,\"s\":\"\"}\n{\"n\":0,\"s\":\"t\"}\n");

        RawTable table = JsonLinesReader.Read(path);

        table.Columns[0].ShouldBe(["1.50", "-2e3", "0"]);
        table.Columns[1].ShouldBe([null, "", "t"]);
    }

    [Fact]
    public void Escapes_are_decoded_and_line_numbers_skip_blank_lines()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"t\":\"caf\\u00e9 \\\"q\\\"\\n\"}\r\n\r\n{\"t\":\"日本\"}\n   \n{\"t\":\"end\"}")];
        string path = _folder.Write("data.jsonl", bytes);

        RawTable table = JsonLinesReader.Read(path);

        table.Names.ShouldBe(["t"]);
        table.Columns[0].ShouldBe(["café \"q\"\n", "日本", "end"]);
        table.LineNumbers.ShouldBe([1, 3, 5]);
    }

    [Fact]
    public void Long_lines_across_read_buffers_are_read_whole()
    {
        string big = new('x', 200_000);
        string path = _folder.Write("data.jsonl", $"{{\"a\":\"{big}\"}}\n{{\"a\":\"short\"}}\n");

        RawTable table = JsonLinesReader.Read(path);

        table.Columns[0].ShouldBe([big, "short"]);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        string path = _folder.Write("bad.jsonl", "{\"a\":1}\n{\"a\":2\n");

        var error = Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path));

        error.Message.ShouldContain($"File '{path}' line 2 is not valid JSON");
    }

    [Fact]
    public void Text_after_the_object_is_invalid()
    {
        string path = _folder.Write("bad.jsonl", "{\"a\":1} {\"a\":2}\n");

        Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path)).Message.ShouldContain("line 1 is not valid JSON");
    }

    [Theory]
    [InlineData("[1,2]", "an array")]
    [InlineData("42", "a number")]
    [InlineData("\"text\"", "a string")]
    [InlineData("null", "null")]
    public void A_line_that_is_not_an_object_is_rejected(string line, string found)
    {
        string path = _folder.Write("bad.jsonl", "{\"a\":1}\n" + line + "\n");

        var error = Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path));

        error.Message.ShouldContain($"line 2 holds {found}, not a JSON object");
    }

    [Theory]
    [InlineData("{\"a\":1,\"addr\":{\"city\":\"Lyon\"}}", "object")]
    [InlineData("{\"a\":1,\"addr\":[1,2]}", "array")]
    public void A_nested_value_names_its_line_and_key(string line, string kind)
    {
        string path = _folder.Write("nested.jsonl", "{\"a\":0}\n\n" + line + "\n");

        var error = Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path));

        error.Message.ShouldContain($"line 3: key 'addr' holds a nested {kind}");
    }

    [Fact]
    public void A_key_given_twice_on_one_line_is_rejected()
    {
        string path = _folder.Write("dup.jsonl", "{\"a\":1,\"b\":2,\"a\":3}\n");

        Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path)).Message.ShouldContain("line 1 has the key 'a' twice");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n\r\n")]
    public void An_empty_file_is_rejected(string content)
    {
        string path = _folder.Write("empty.jsonl", content);

        Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path)).Message.ShouldStartWith($"File '{path}' is empty");
    }

    [Fact]
    public void Only_empty_objects_give_no_columns()
    {
        string path = _folder.Write("empty.jsonl", "{}\n{}\n");

        Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path)).Message.ShouldContain("only empty objects");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = _folder.File("nope.jsonl");

        Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path)).Message.ShouldStartWith($"File '{path}' does not exist");
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_line_and_offset()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"a\":\"ok\"}\n{\"a\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}\n")];
        string path = _folder.Write("bad.jsonl", bytes);

        Should.Throw<DataFormatException>(() => JsonLinesReader.Read(path)).Message.ShouldContain("line 2 has the byte 0xFF at byte offset 17");
    }
}
