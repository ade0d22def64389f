using System.Text;
using System.Text.Json;

namespace Doppel.IO;

/// <summary>
/// Reads a JSON Lines file (one flat JSON object per line) into a <see cref="RawTable"/>: columns in order of the
/// first appearance of each key, numbers as their JSON text, booleans as <c>true</c>/<c>false</c>, null or an
/// absent key as missing.
/// </summary>
public static class JsonLinesReader
{
    /// <summary>Reads a JSON Lines file.</summary>
    public static RawTable Read(string path)
    {
        using FileStream file = InputFile.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads JSON Lines from a stream (left open); <paramref name="sourceName"/> names it in messages.</summary>
    public static RawTable Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var input = new Utf8ValidatingStream(stream, sourceName);
        var table = new Builder(sourceName);

        byte[] buffer = new byte[64 << 10];
        int start = 0, end = 0, searched = 0, line = 0;
        bool ended = false;
        while (true)
        {
            int newline = buffer.AsSpan(searched, end - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = searched + newline;
                table.AddLine(++line, buffer.AsSpan(start, lineEnd - start));
                start = searched = lineEnd + 1;
                continue;
            }
            if (ended)
            {
                if (end > start) table.AddLine(++line, buffer.AsSpan(start, end - start));
                break;
            }
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            searched = end;
            if (end == buffer.Length) Array.Resize(ref buffer, 2 * buffer.Length);
            int read = input.Read(buffer.AsSpan(end));
            ended = read == 0;
            end += read;
        }
        return table.Build();
    }

    /// <summary>Collects the rows, adding a column (missing in earlier rows) at each new key.</summary>
    private sealed class Builder(string source)
    {
        private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

        private readonly List<string> _names = [];
        private readonly List<byte[]> _utf8Names = [];
        private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
        private readonly List<List<string?>> _columns = [];
        private readonly List<StringInterner> _interners = [];
        private readonly List<int> _lineNumbers = [];
        private string?[] _row = new string?[16];
        private int[] _setInRow = new int[16];
        private char[] _chars = new char[256];

        public void AddLine(int line, ReadOnlySpan<byte> text)
        {
            if (line == 1 && text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = text[3..];
            if (text.Trim(" \t\r"u8).IsEmpty) return;
            int rowStamp = _lineNumbers.Count + 1;
            var reader = new Utf8JsonReader(text, ReaderOptions);
            try
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw TableReadErrors.NotJsonObject(source, line, Describe(reader.TokenType));
                int previous = -1;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    int column = ColumnOf(ref reader, previous);
                    previous = column;
                    if (_setInRow[column] == rowStamp) throw TableReadErrors.DuplicateJsonKey(source, line, _names[column]);
                    _setInRow[column] = rowStamp;
                    reader.Read();
                    _row[column] = reader.TokenType switch
                    {
                        JsonTokenType.String => Intern(ref reader, column),
                        JsonTokenType.Number => InternUtf8(reader.ValueSpan, column),
                        JsonTokenType.True => "true",
                        JsonTokenType.False => "false",
                        JsonTokenType.Null => null,
                        _ => throw TableReadErrors.NestedJsonValue(source, line, _names[column], reader.TokenType == JsonTokenType.StartArray ? "array" : "object"),
                    };
                }
                // Anything but whitespace after the object makes this throw.
                reader.Read();
            }
            catch (JsonException e)
            {
                string detail = e.Message;
                int cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut > 0) detail = detail[..cut];
                // The parser's advice is about its own options, which a user of this reader cannot change.
                detail = detail.Replace(" Change the reader options.", "", StringComparison.Ordinal);
                throw TableReadErrors.InvalidJson(source, line, e.BytePositionInLine ?? 0, detail);
            }

            for (int c = 0; c < _columns.Count; c++)
            {
                _columns[c].Add(_setInRow[c] == rowStamp ? _row[c] : null);
                _row[c] = null;
            }
            _lineNumbers.Add(line);
        }

        public RawTable Build()
        {
            if (_lineNumbers.Count == 0) throw TableReadErrors.Empty(source);
            if (_names.Count == 0) throw TableReadErrors.NoJsonKeys(source);
            return new RawTable(source, _names, [.. _columns.Select(c => c.ToArray())], [.. _lineNumbers]);
        }

        private int ColumnOf(ref Utf8JsonReader reader, int previous)
        {
            // Lines usually list the keys in the same order: try the key after the previous one before decoding the name.
            int guess = previous + 1;
            if (guess < _utf8Names.Count && reader.ValueTextEquals(_utf8Names[guess])) return guess;
            string name = reader.GetString()!;
            if (_indexByName.TryGetValue(name, out int index)) return index;

            index = _names.Count;
            _names.Add(name);
            _utf8Names.Add(Encoding.UTF8.GetBytes(name));
            _indexByName.Add(name, index);
            _columns.Add([.. Enumerable.Repeat<string?>(null, _lineNumbers.Count)]);
            _interners.Add(new StringInterner());
            if (index == _row.Length)
            {
                Array.Resize(ref _row, 2 * _row.Length);
                Array.Resize(ref _setInRow, 2 * _setInRow.Length);
            }
            return index;
        }

        private string Intern(ref Utf8JsonReader reader, int column)
        {
            // An unescaped value never has more UTF-16 chars than its escaped UTF-8 bytes.
            if (_chars.Length < reader.ValueSpan.Length) _chars = new char[Math.Max(reader.ValueSpan.Length, 2 * _chars.Length)];
            int length = reader.CopyString(_chars);
            return _interners[column].Intern(_chars.AsSpan(0, length));
        }

        private string InternUtf8(ReadOnlySpan<byte> utf8, int column)
        {
            if (_chars.Length < utf8.Length) _chars = new char[Math.Max(utf8.Length, 2 * _chars.Length)];
            int length = Encoding.UTF8.GetChars(utf8, _chars);
            return _interners[column].Intern(_chars.AsSpan(0, length));
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => "something else",
        };
    }
}
