using CsvHelper;

namespace Doppel.IO;

/// <summary>
/// Encodes a block of rows, already formatted as strings, as CSV bytes: UTF-8 without byte order mark, <c>\n</c>
/// line endings, RFC 4180 quoting only where a value needs it, null as an empty field. Pure and thread-safe, so
/// blocks can be encoded in parallel and their bytes written in order.
/// </summary>
/// <remarks>
/// A reader gives back every value except those that are empty or a null token after trimming (such as "NA"):
/// both empty strings and nulls come back as missing.
/// </remarks>
public static class CsvBlockEncoder
{
    // One growing buffer per thread: encoding a block then costs the one copy into the returned array.
    [ThreadStatic] private static MemoryStream? t_buffer;

    /// <summary>Encodes <paramref name="rowCount"/> rows of <paramref name="columns"/>, after a header row when asked.</summary>
    public static byte[] Encode(IReadOnlyList<string> names, IReadOnlyList<string?[]> columns, int rowCount, bool includeHeader, char delimiter = ',')
    {
        BlockArguments.Check(names, columns, rowCount);
        if (!CsvReadOptions.IsValidDelimiter(delimiter))
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, $"Cannot write with this delimiter: {CsvReadOptions.DelimiterRule}.");

        MemoryStream buffer = t_buffer ??= new MemoryStream();
        buffer.SetLength(0);
        var options = CsvWriterOptions.Default with { Separator = delimiter, NewLine = "\n", WriteByteOrderMark = false };
        string?[][] cells = columns as string?[][] ?? [.. columns];
        using (var writer = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            if (includeHeader) writer.WriteHeader([.. names]);
            int columnCount = cells.Length;
            for (int row = 0; row < rowCount; row++)
            {
                for (int c = 0; c < columnCount; c++) writer.WriteField(cells[c][row]);
                writer.EndRecord();
            }
        }
        return buffer.ToArray();
    }
}
