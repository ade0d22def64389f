using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Doppel.IO;

/// <summary>
/// Encodes a block of rows, already formatted as strings, as JSON Lines bytes: one object per row, keys in column
/// order, numbers and booleans unquoted, null as <c>null</c>. Pure and thread-safe, so blocks can be encoded in
/// parallel and their bytes written in order.
/// </summary>
public static class JsonLinesBlockEncoder
{
    // Output goes to files, not HTML: keep non-ASCII text and characters such as '<' readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Encodes <paramref name="rowCount"/> rows of <paramref name="columns"/>, each cell written as its column's kind says.</summary>
    public static byte[] Encode(IReadOnlyList<string> names, IReadOnlyList<string?[]> columns, IReadOnlyList<JsonCellKind> kinds, int rowCount)
    {
        BlockArguments.Check(names, columns, rowCount);
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count != names.Count)
            throw new ArgumentException($"{kinds.Count} kinds were given for {names.Count} columns; give one kind per column.", nameof(kinds));

        var keys = new JsonEncodedText[names.Count];
        for (int c = 0; c < keys.Length; c++) keys[c] = JsonEncodedText.Encode(names[c], WriterOptions.Encoder);

        ArrayBufferWriter<byte> output = t_output ??= new ArrayBufferWriter<byte>(64 << 10);
        output.ResetWrittenCount();
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        writer.Reset(output);
        for (int row = 0; row < rowCount; row++)
        {
            writer.WriteStartObject();
            for (int c = 0; c < keys.Length; c++)
            {
                writer.WritePropertyName(keys[c]);
                string? cell = columns[c][row];
                if (cell is null) writer.WriteNullValue();
                else if (kinds[c] == JsonCellKind.String) writer.WriteStringValue(cell);
                else if (kinds[c] == JsonCellKind.Number) writer.WriteRawValue(CheckNumber(cell, names[c], row), skipInputValidation: true);
                else writer.WriteBooleanValue(ParseBoolean(cell, names[c], row));
            }
            writer.WriteEndObject();
            writer.Flush();
            output.Write("\n"u8);
            // A writer accepts one top-level value; resetting it lets the next row start a new one.
            writer.Reset(output);
        }
        return output.WrittenSpan.ToArray();
    }

    private static string CheckNumber(string cell, string column, int row) => IsJsonNumber(cell)
        ? cell
        : throw new ArgumentException($"Column '{column}' is written as JSON numbers, but row {row + 1} of the block holds \"{cell}\", which is not JSON number text " +
                                      "(JSON has no NaN or Infinity: write a missing value as null).", nameof(column));

    private static bool ParseBoolean(string cell, string column, int row)
    {
        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (cell.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new ArgumentException($"Column '{column}' is written as JSON booleans, but row {row + 1} of the block holds \"{cell}\"; only true and false are allowed.", nameof(column));
    }

    /// <summary>The number grammar of RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        int i = 0;
        if (i < text.Length && text[i] == '-') i++;
        if (i == text.Length) return false;
        if (text[i] == '0') i++;
        else if (char.IsAsciiDigit(text[i])) while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        else return false;
        if (i < text.Length && text[i] == '.')
        {
            int digits = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == digits) return false;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            int digits = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == digits) return false;
        }
        return i == text.Length;
    }
}
