using System.Buffers;
using System.Text;
using Doppel.Data;

namespace Doppel.IO;

/// <summary>
/// Encodes a block of typed columns straight to CSV bytes, with the exact output of formatting each cell with
/// <see cref="ValueFormatter"/> and encoding the strings with <see cref="CsvBlockEncoder"/>, but without a string per
/// number or date: cells are written into a reused character buffer and transcoded to UTF-8. Categories are
/// encoded once per block. Pure and thread-safe.
/// </summary>
internal static class CsvTableEncoder
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;

    public static byte[] Encode(Table block, Metadata metadata, char delimiter)
    {
        var writers = new CellWriter[metadata.Columns.Count];
        for (int c = 0; c < writers.Length; c++)
        {
            ColumnMetadata column = metadata.Columns[c];
            if (!block.TryGetColumn(column.Name, out Column? data))
                throw new ArgumentException($"The table has no column '{column.Name}' that the metadata describes. Table columns: {string.Join(", ", block.ColumnNames)}.", nameof(block));
            writers[c] = new CellWriter(data, column, delimiter);
        }
        ArrayBufferWriter<byte> output = t_output ??= new ArrayBufferWriter<byte>(1 << 20);
        output.ResetWrittenCount();
        Span<char> buffer = stackalloc char[128];
        for (int row = 0; row < block.RowCount; row++)
        {
            for (int c = 0; c < writers.Length; c++)
            {
                if (c > 0) Write(output, (byte)delimiter);
                writers[c].Write(output, row, buffer);
            }
            Write(output, (byte)'\n');
        }
        return output.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Writes text as one CSV field: quoted, with quotes doubled, only when it holds the delimiter, a quote, CR or LF.</summary>
    private static void WriteText(ArrayBufferWriter<byte> output, ReadOnlySpan<char> text, char delimiter)
    {
        bool quote = text.IndexOfAny(delimiter, '"', '\n') >= 0 || text.IndexOf('\r') >= 0;
        if (!quote)
        {
            int written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
            output.Advance(written);
            return;
        }
        Write(output, (byte)'"');
        while (text.Length > 0)
        {
            int next = text.IndexOf('"');
            ReadOnlySpan<char> part = next < 0 ? text : text[..(next + 1)];
            output.Advance(Encoding.UTF8.GetBytes(part, output.GetSpan(Encoding.UTF8.GetMaxByteCount(part.Length))));
            if (next < 0) break;
            Write(output, (byte)'"');
            text = text[(next + 1)..];
        }
        Write(output, (byte)'"');
    }

    /// <summary>Writes one column's cells, as its storage and metadata say.</summary>
    private sealed class CellWriter
    {
        private readonly Column _column;
        private readonly char _delimiter;
        private readonly int? _decimals;
        private readonly DateTimeFormats.Compiled _format;
        private readonly byte[][]? _categories;
        private readonly ColumnMetadata _metadata;

        public CellWriter(Column column, ColumnMetadata metadata, char delimiter)
        {
            _column = column;
            _metadata = metadata;
            _delimiter = delimiter;
            _decimals = metadata.Subtype == NumericalSubtype.Integer ? 0 : metadata.Decimals;
            if (column is DateTimeColumn) _format = DateTimeFormats.Compile(metadata.DateTimeFormat ?? ValueFormatter.DefaultDateTimeFormat);
            if (column is CategoricalColumn categorical)
            {
                _categories = new byte[categorical.Categories.Length][];
                var scratch = new ArrayBufferWriter<byte>();
                for (int i = 0; i < _categories.Length; i++)
                {
                    scratch.ResetWrittenCount();
                    WriteText(scratch, categorical.Categories[i], delimiter);
                    _categories[i] = scratch.WrittenSpan.ToArray();
                }
            }
        }

        public void Write(ArrayBufferWriter<byte> output, int row, Span<char> buffer)
        {
            switch (_column)
            {
                case NumericColumn numeric:
                {
                    double value = numeric.Values[row];
                    if (double.IsNaN(value)) return;
                    if (ValueFormatter.TryWriteNumber(value, _decimals, buffer, out int written)) Ascii(output, buffer[..written]);
                    else WriteText(output, ValueFormatter.FormatNumber(value, _metadata), _delimiter);
                    return;
                }
                case CategoricalColumn categorical:
                {
                    int code = categorical.Codes[row];
                    if ((uint)code < (uint)_categories!.Length) output.Write(_categories[code]);
                    return;
                }
                case DateTimeColumn dateTime:
                {
                    long ticks = dateTime.Ticks[row];
                    if (ticks == DateTimeColumn.Missing) return;
                    if (_format.TryFormat(ticks, buffer, out int written)) WriteText(output, buffer[..written], _delimiter);
                    else WriteText(output, _format.Format(ticks), _delimiter);
                    return;
                }
                case TextColumn text:
                {
                    if (text.Values[row] is string value) WriteText(output, value, _delimiter);
                    return;
                }
                default:
                    throw new ArgumentException($"Column '{_column.Name}' has an unknown storage kind {_column.Kind}.");
            }
        }

        private static void Ascii(ArrayBufferWriter<byte> output, ReadOnlySpan<char> digits)
        {
            Span<byte> target = output.GetSpan(digits.Length);
            for (int i = 0; i < digits.Length; i++) target[i] = (byte)digits[i];
            output.Advance(digits.Length);
        }
    }
}
