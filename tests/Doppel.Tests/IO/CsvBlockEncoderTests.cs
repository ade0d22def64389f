using System.Text;
using Doppel.IO;
using Doppel.Randomness;

namespace Doppel.Tests.IO;

public sealed class CsvBlockEncoderTests
{
    [Fact]
    public void Writes_utf8_without_bom_with_lf_endings_and_quotes_only_where_needed()
    {
        byte[] bytes = CsvBlockEncoder.Encode(["id", "name, full", "note"], [["1", "2"], ["Zoë", "Ann \"A\""], [null, "two\nlines"]], 2, includeHeader: true);

        bytes[0].ShouldBe((byte)'i');
        Encoding.UTF8.GetString(bytes).ShouldBe("id,\"name, full\",note\n1,Zoë,\n2,\"Ann \"\"A\"\"\",\"two\nlines\"\n");
    }

    [Fact]
    public void Another_delimiter_changes_what_needs_quotes()
    {
        byte[] bytes = CsvBlockEncoder.Encode(["a", "b"], [["x,y"], ["p;q"]], 1, includeHeader: false, delimiter: ';');

        Encoding.UTF8.GetString(bytes).ShouldBe("x,y;\"p;q\"\n");
    }

    [Fact]
    public void Only_the_first_row_count_cells_are_written()
    {
        byte[] bytes = CsvBlockEncoder.Encode(["a"], [["1", "2", "3"]], 2, includeHeader: false);

        Encoding.UTF8.GetString(bytes).ShouldBe("1\n2\n");
    }

    [Fact]
    public void An_empty_block_without_header_is_empty()
    {
        CsvBlockEncoder.Encode(["a", "b"], [[], []], 0, includeHeader: false).ShouldBeEmpty();
        Encoding.UTF8.GetString(CsvBlockEncoder.Encode(["a", "b"], [[], []], 0, includeHeader: true)).ShouldBe("a,b\n");
    }

    [Fact]
    public void Blocks_encoded_on_many_threads_equal_those_encoded_on_one()
    {
        var rng = Rng.FromSeed(42);
        string[] names = ["a", "b", "c"];
        var blocks = Enumerable.Range(0, 64).Select(_ =>
            (string?[][])[.. names.Select(_ => Enumerable.Range(0, 200).Select(_ => RandomStrings.NextCell(rng)).ToArray())]).ToArray();
        byte[][] sequential = [.. blocks.Select(b => CsvBlockEncoder.Encode(names, b, 200, includeHeader: false))];

        var parallel = new byte[blocks.Length][];
        Parallel.For(0, blocks.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i] = CsvBlockEncoder.Encode(names, blocks[i], 200, includeHeader: false));

        for (int i = 0; i < blocks.Length; i++) parallel[i].ShouldBe(sequential[i], $"block {i}");
    }

    [Fact]
    public void Mismatched_arguments_say_what_is_wrong()
    {
        Should.Throw<ArgumentException>(() => CsvBlockEncoder.Encode(["a", "b"], [["1"]], 1, true))
            .Message.ShouldContain("2 names were given for 1 columns");
        Should.Throw<ArgumentException>(() => CsvBlockEncoder.Encode(["a"], [["1"]], 2, true))
            .Message.ShouldContain("Column 'a' has 1 cells, fewer than the 2 rows to write");
        Should.Throw<ArgumentOutOfRangeException>(() => CsvBlockEncoder.Encode(["a"], [["1"]], 1, true, delimiter: '"'));
    }
}
