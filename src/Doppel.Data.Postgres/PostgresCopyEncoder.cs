using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Doppel.IO;

namespace Doppel.Data.Postgres;

/// <summary>
/// Encodes blocks of rows in PostgreSQL's binary COPY format (big-endian field lengths and values), so the blocks
/// can be encoded in parallel and streamed in order. Timestamps keep whole microseconds (PostgreSQL's resolution):
/// finer digits are dropped toward the earlier microsecond.
/// </summary>
internal static class PostgresCopyEncoder
{
    /// <summary>The COPY header: signature, no flags, no header extension.</summary>
    public static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The COPY trailer: a field count of -1.</summary>
    public static ReadOnlySpan<byte> Trailer => [0xff, 0xff];

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1).Ticks;
    private static readonly long PostgresEpochDays = PostgresEpochTicks / TimeSpan.TicksPerDay;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;

    public static byte[] Encode(DatabaseBlock block)
    {
        ArrayBufferWriter<byte> output = t_output ??= new ArrayBufferWriter<byte>(1 << 20);
        output.ResetWrittenCount();
        IReadOnlyList<DatabaseColumn> columns = block.Columns;
        int count = columns.Count;
        IReadOnlyList<long[]?> integers = block.IntegerColumns;
        IReadOnlyList<double[]?> reals = block.RealColumns;
        IReadOnlyList<string?[]?> texts = block.TextColumns;
        for (int row = 0; row < block.RowCount; row++)
        {
            BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), (short)count);
            output.Advance(2);
            for (int c = 0; c < count; c++)
            {
                if (integers[c] is { } whole) WriteWhole(output, columns[c].Kind, whole[row]);
                else if (reals[c] is { } real) WriteReal(output, real[row]);
                else WriteText(output, texts[c]![row]);
            }
        }
        return output.WrittenSpan.ToArray();
    }

    private static void WriteWhole(ArrayBufferWriter<byte> output, DatabaseValueKind kind, long value)
    {
        if (value == DatabaseBlock.MissingInteger)
        {
            WriteNull(output);
            return;
        }
        Span<byte> span;
        switch (kind)
        {
            case DatabaseValueKind.Boolean:
                span = output.GetSpan(5);
                BinaryPrimitives.WriteInt32BigEndian(span, 1);
                span[4] = (byte)value;
                output.Advance(5);
                return;
            case DatabaseValueKind.Date:
                span = output.GetSpan(8);
                BinaryPrimitives.WriteInt32BigEndian(span, 4);
                BinaryPrimitives.WriteInt32BigEndian(span[4..], (int)(FloorDivide(value, TimeSpan.TicksPerDay) - PostgresEpochDays));
                output.Advance(8);
                return;
            case DatabaseValueKind.Timestamp or DatabaseValueKind.TimestampUtc:
                value = FloorDivide(value - PostgresEpochTicks, TimeSpan.TicksPerMicrosecond);
                break;
        }
        span = output.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
        output.Advance(12);
    }

    private static void WriteReal(ArrayBufferWriter<byte> output, double value)
    {
        if (double.IsNaN(value))
        {
            WriteNull(output);
            return;
        }
        Span<byte> span = output.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[4..], value);
        output.Advance(12);
    }

    private static void WriteText(ArrayBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            WriteNull(output);
            return;
        }
        int maximum = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> span = output.GetSpan(4 + maximum);
        int length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        output.Advance(4 + length);
    }

    private static void WriteNull(ArrayBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
        output.Advance(4);
    }

    private static long FloorDivide(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
