using System.Globalization;
using System.Text;
using Doppel.IO;
using Doppel.Randomness;

namespace Doppel.Tests.IO;

public sealed class JsonLinesRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writes_one_object_per_line_with_unquoted_numbers_and_booleans()
    {
        byte[] bytes = JsonLinesBlockEncoder.Encode(
            ["id", "name", "ok", "score"],
            [["1", "2"], ["Zoë <\"Z\">", null], ["true", "False"], ["-1.5e3", null]],
            [JsonCellKind.Number, JsonCellKind.String, JsonCellKind.Boolean, JsonCellKind.Number],
            2);

        Encoding.UTF8.GetString(bytes).ShouldBe(
            "{\"id\":1,\"name\":\"Zoë <\\\"Z\\\">\",\"ok\":true,\"score\":-1.5e3}\n" +
            "{\"id\":2,\"name\":null,\"ok\":false,\"score\":null}\n");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Random_tables_read_back_as_written(long seed)
    {
        var rng = Rng.FromSeed(seed);
        int rowCount = rng.NextInt(1, 80);
        string[] names = RandomStrings.Names(rng, 5);
        JsonCellKind[] kinds = [JsonCellKind.String, JsonCellKind.Number, JsonCellKind.Boolean, JsonCellKind.String, JsonCellKind.Number];
        string?[][] columns =
        [
            Cells(rowCount, rng, () => RandomStrings.Next(rng)),
            Cells(rowCount, rng, () => (rng.NextGaussian() * 1e4).ToString("R", CultureInfo.InvariantCulture)),
            Cells(rowCount, rng, () => rng.NextInt(2) == 0 ? "true" : "false"),
            Cells(rowCount, rng, () => RandomStrings.Next(rng) + "\u0001\\/"),
            Cells(rowCount, rng, () => rng.NextInt(-1000, 1000).ToString(CultureInfo.InvariantCulture)),
        ];

        byte[] bytes = JsonLinesBlockEncoder.Encode(names, columns, kinds, rowCount);
        RawTable table = JsonLinesReader.Read(_folder.Write("round.jsonl", bytes));

        table.Names.ShouldBe(names);
        table.LineNumbers.ShouldBe(Enumerable.Range(1, rowCount).ToArray());
        for (int c = 0; c < names.Length; c++) table.Columns[c].ShouldBe(columns[c], $"column {c}");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("1e")]
    [InlineData("")]
    [InlineData("1,5")]
    public void A_number_cell_that_is_not_json_number_text_is_refused(string cell)
    {
        Should.Throw<ArgumentException>(() => JsonLinesBlockEncoder.Encode(["x"], [[cell]], [JsonCellKind.Number], 1))
            .Message.ShouldContain("Column 'x' is written as JSON numbers, but row 1 of the block holds");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.25")]
    [InlineData("12E+7")]
    [InlineData("3e-2")]
    public void Json_number_text_is_accepted(string cell)
    {
        Encoding.UTF8.GetString(JsonLinesBlockEncoder.Encode(["x"], [[cell]], [JsonCellKind.Number], 1)).ShouldBe($"{{\"x\":{cell}}}\n");
    }

    [Fact]
    public void A_boolean_cell_must_be_true_or_false()
    {
        Should.Throw<ArgumentException>(() => JsonLinesBlockEncoder.Encode(["b"], [["yes"]], [JsonCellKind.Boolean], 1))
            .Message.ShouldContain("only true and false are allowed");
    }

    private static string?[] Cells(int rowCount, Rng rng, Func<string> next) =>
        [.. Enumerable.Range(0, rowCount).Select(_ => rng.NextInt(8) == 0 ? null : next())];
}
