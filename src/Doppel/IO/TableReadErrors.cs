using System.Text;

namespace Doppel.IO;

/// <summary>
/// Every user-facing error of the table readers, in one place so that the messages stay alike: what is wrong,
/// where (file, line, column) and how to fix it.
/// </summary>
internal static class TableReadErrors
{
    /// <summary>How many examples a message lists before it says "and N more".</summary>
    public const int MaxExamples = 5;

    public static DataFormatException MissingFile(string path)
    {
        string full = Path.GetFullPath(path);
        string where = full == path ? "" : $" (looked for '{full}')";
        return new($"File '{path}' does not exist{where}. Check the path and the current folder.");
    }

    public static DataFormatException IsDirectory(string path) =>
        new($"'{path}' is a folder, not a file. Pass the path of a data file inside it.");

    public static DataFormatException CannotOpen(string path, Exception inner) =>
        new($"File '{path}' cannot be opened: {inner.Message}", inner);

    public static DataFormatException Empty(string source) =>
        new($"File '{source}' is empty: it has no header row and no data. Check that the file was exported completely.");

    public static DataFormatException HeaderOnly(string source) =>
        new($"File '{source}' has a header row but no data rows. Add at least one row of data below the header.");

    public static DataFormatException InvalidUtf8(string source, long byteOffset, long line, ReadOnlySpan<byte> badBytes)
    {
        var text = new StringBuilder();
        text.Append($"File '{source}' is not valid UTF-8: line {line} has ");
        text.Append(badBytes.IsEmpty ? "a truncated character" : $"the byte 0x{badBytes[0]:X2}");
        text.Append($" at byte offset {byteOffset} (counted from 0), which does not start a valid UTF-8 character.");
        if (byteOffset == 0 && badBytes.Length >= 2 && (badBytes[0], badBytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            text.Append(" The file starts with a UTF-16 byte order mark, so it is UTF-16.");
        else
            text.Append(" The file is probably in a legacy encoding such as Windows-1252 or Latin-1.");
        text.Append(" Re-save it as UTF-8 (for example 'CSV UTF-8' in Excel, or: iconv -f WINDOWS-1252 -t UTF-8).");
        return new(text.ToString());
    }

    public static DataFormatException UnterminatedQuote(string source, long line) =>
        new($"File '{source}' has a quoted field starting on line {line} whose closing quote is missing, so the rest of the file would be read as one value. " +
            "Close the quote, or write a quote inside a quoted value as two quotes (\"\").");

    public static DataFormatException WrongDelimiter(string source, char given, string givenBy, char detected, int detectedColumns, int linesChecked) =>
        new($"File '{source}' gives only one column with the delimiter {Describe(given)} {givenBy}, but it seems to use {Describe(detected)}: " +
            $"that gives {detectedColumns} columns on each of the first {linesChecked} lines. Use the delimiter {Describe(detected)}, or leave the delimiter unset to detect it.");

    public static DataFormatException HeaderProblems(string source, IReadOnlyList<int> emptyPositions, IReadOnlyList<(string Name, List<int> Positions)> duplicates)
    {
        var problems = new List<string>();
        if (emptyPositions.Count > 0)
            problems.Add(emptyPositions.Count == 1
                ? $"column {emptyPositions[0]} has no name"
                : $"columns {JoinPositions(emptyPositions)} have no name");
        foreach (var (name, positions) in duplicates)
            problems.Add($"the name '{name}' is used by columns {JoinPositions(positions)}");
        return new($"File '{source}' has an invalid header row (line 1; columns counted from 1): {string.Join("; ", problems)}. " +
                   "Give every column a unique, non-empty name in the header row.");
    }

    public static DataFormatException RaggedRows(string source, int expected, int total, IReadOnlyList<(long Line, int Fields)> examples, char delimiter)
    {
        string list = string.Join(", ", examples.Select(e => $"line {e.Line} has {e.Fields} field{(e.Fields == 1 ? "" : "s")}"));
        string more = total > examples.Count ? $", and {total - examples.Count} more" : "";
        string rows = total == 1 ? "1 row does" : $"{total} rows do";
        return new($"File '{source}': {rows} not have the {expected} fields of the header ({list}{more}). " +
                   $"Every row needs exactly {expected} fields separated by {Describe(delimiter)}; quote values that contain the delimiter, and check for missing or extra delimiters.");
    }

    public static DataFormatException NotJsonObject(string source, int line, string found) =>
        new($"File '{source}' line {line} holds {found}, not a JSON object. Each line of a JSON Lines file must be one object such as {{\"age\": 41, \"city\": \"Lyon\"}}.");

    public static DataFormatException InvalidJson(string source, int line, long bytePosition, string detail) =>
        new($"File '{source}' line {line} is not valid JSON (near byte {bytePosition + 1} of the line): {detail} Fix the line so that it holds exactly one JSON object.");

    public static DataFormatException NestedJsonValue(string source, int line, string key, string kind) =>
        new($"File '{source}' line {line}: key '{key}' holds a nested {kind}, but only flat objects can be read as a table. " +
            $"Flatten it into separate keys (such as '{key}.part') or store it as a string.");

    public static DataFormatException DuplicateJsonKey(string source, int line, string key) =>
        new($"File '{source}' line {line} has the key '{key}' twice. Give each key once per line.");

    public static DataFormatException NoJsonKeys(string source) =>
        new($"File '{source}' has only empty objects ({{}}), so there are no columns. Each line needs keys and values.");

    public static string Describe(char delimiter) => delimiter switch
    {
        ',' => "',' (comma)",
        ';' => "';' (semicolon)",
        '\t' => "tab",
        '|' => "'|' (pipe)",
        ' ' => "space",
        _ => $"'{delimiter}'",
    };

    private static string JoinPositions(IReadOnlyList<int> positions)
    {
        if (positions.Count == 1) return positions[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(", ", positions.Take(positions.Count - 1)) + " and " + positions[^1];
    }
}
