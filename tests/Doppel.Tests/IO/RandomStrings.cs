using System.Text;
using Doppel.Randomness;

namespace Doppel.Tests.IO;

/// <summary>Seeded random cell text that stresses quoting: delimiters, quotes, line breaks, spaces, non-ASCII and emoji.</summary>
internal static class RandomStrings
{
    private static readonly string[] Pieces =
        ["a", "Z", "7", " ", ",", ";", "\t", "|", "\"", "\"\"", "\n", "\r\n", "é", "日本", "😀", "\\", "'", "NA", "x y", "{", "}"];

    public static string Next(Rng rng, int maxPieces = 6)
    {
        int count = rng.NextInt(maxPieces + 1);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) text.Append(Pieces[rng.NextInt(Pieces.Length)]);
        return text.ToString();
    }

    /// <summary>A cell: usually text, sometimes null or empty.</summary>
    public static string? NextCell(Rng rng) => rng.NextInt(10) switch
    {
        0 => null,
        1 => "",
        _ => Next(rng),
    };

    /// <summary>Distinct, non-empty names without surrounding whitespace (a reader trims names).</summary>
    public static string[] Names(Rng rng, int count)
    {
        var names = new List<string>();
        while (names.Count < count)
        {
            string name = $"c{names.Count}" + Next(rng, 3).Trim();
            if (!names.Contains(name)) names.Add(name);
        }
        return [.. names];
    }
}
