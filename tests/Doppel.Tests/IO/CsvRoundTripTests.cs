using System.Text;
using Doppel.IO;
using Doppel.Randomness;

namespace Doppel.Tests.IO;

/// <summary>
/// What the CSV encoder writes, the reader gives back: every string exactly, except that empty strings, nulls and
/// values that are a null token after trimming (such as "NA" or " NA ") all come back as null (missing).
/// </summary>
public sealed class CsvRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, ',')]
    [InlineData(2, ';')]
    [InlineData(3, '\t')]
    [InlineData(4, '|')]
    [InlineData(5, ',')]
    [InlineData(6, ',')]
    public void Random_tables_read_back_as_written(long seed, char delimiter)
    {
        var rng = Rng.FromSeed(seed);
        int columnCount = rng.NextInt(2, 7);
        int rowCount = rng.NextInt(1, 60);
        string[] names = RandomStrings.Names(rng, columnCount);
        string?[][] columns = [.. Enumerable.Range(0, columnCount).Select(_ => Enumerable.Range(0, rowCount).Select(_ => RandomStrings.NextCell(rng)).ToArray())];

        byte[] bytes = CsvBlockEncoder.Encode(names, columns, rowCount, includeHeader: true, delimiter);
        RawTable table = CsvTableReader.Read(_folder.Write("round.csv", bytes), new CsvReadOptions { Delimiter = delimiter });

        table.Names.ShouldBe(names);
        table.RowCount.ShouldBe(rowCount);
        for (int c = 0; c < columnCount; c++)
            table.Columns[c].ShouldBe(columns[c].Select(Expected).ToArray(), $"column {c}");
        table.LineNumbers.ShouldBe(ExpectedLineNumbers(columns, rowCount));
    }

    [Fact]
    public void Blocks_written_one_after_another_read_as_one_table()
    {
        string[] names = ["id", "text"];
        byte[] first = CsvBlockEncoder.Encode(names, [["1", "2"], ["a", "b\nc"]], 2, includeHeader: true);
        byte[] second = CsvBlockEncoder.Encode(names, [["3"], ["d,e"]], 1, includeHeader: false);

        RawTable table = CsvTableReader.Read(_folder.Write("blocks.csv", [.. first, .. second]));

        table.Columns[0].ShouldBe(["1", "2", "3"]);
        table.Columns[1].ShouldBe(["a", "b\nc", "d,e"]);
        table.LineNumbers.ShouldBe([2, 3, 5]);
    }

    [Fact]
    public void A_one_column_table_with_missing_values_keeps_its_rows()
    {
        string?[][] columns = [["x", null, "", "y"]];

        byte[] bytes = CsvBlockEncoder.Encode(["only"], columns, 4, includeHeader: true);
        RawTable table = CsvTableReader.Read(_folder.Write("one.csv", bytes));

        table.Columns[0].ShouldBe(["x", null, null, "y"]);
    }

    private static string? Expected(string? written) =>
        written is null || CsvReadOptions.DefaultNullTokens.Contains(written.Trim(' ', '\t', '\r', '\n')) ? null : written;

    private static int[] ExpectedLineNumbers(string?[][] columns, int rowCount)
    {
        var lines = new int[rowCount];
        int line = 2; // the names contain no line breaks
        for (int row = 0; row < rowCount; row++)
        {
            lines[row] = line;
            line += 1 + columns.Sum(column => column[row]?.Count(ch => ch == '\n') ?? 0);
        }
        return lines;
    }
}
