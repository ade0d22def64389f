using System.Globalization;

namespace Doppel.Data;

/// <summary>
/// Parses and formats the values of a datetime column per <see cref="ColumnMetadata.DateTimeFormat"/>:
/// a .NET custom (or standard) format string used with the invariant culture, or
/// <see cref="UnixSeconds"/> / <see cref="UnixMilliseconds"/>. Formats with an offset (<c>z</c>, <c>zz</c>,
/// <c>zzz</c>, <c>K</c>, a <c>Z</c> literal, or the standard <c>o</c>, <c>r</c>, <c>u</c>) are read as
/// <see cref="DateTimeOffset"/> and stored as UTC ticks, and written back in UTC; other formats store the
/// <see cref="DateTime"/>'s own ticks. Thread-safe.
/// </summary>
public static class DateTimeFormats
{
    /// <summary>Whole seconds since 1970-01-01T00:00:00Z.</summary>
    public const string UnixSeconds = "unix-seconds";

    /// <summary>Whole milliseconds since 1970-01-01T00:00:00Z.</summary>
    public const string UnixMilliseconds = "unix-milliseconds";

    // Two instants that differ in every field, so a format that drops all of them is caught.
    private static readonly DateTime SampleA = new DateTime(2001, 2, 3, 4, 5, 6, 789).AddTicks(1234);
    private static readonly DateTime SampleB = new(2012, 11, 24, 15, 36, 47, 123);

    /// <summary>Why <paramref name="format"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Length == 0 || string.IsNullOrWhiteSpace(format))
            return "is empty";
        var compiled = Compile(format);
        if (compiled.Mode is Mode.UnixSeconds or Mode.UnixMilliseconds) return null;
        string first, second;
        try
        {
            first = compiled.Format(SampleA.Ticks);
            second = compiled.Format(SampleB.Ticks);
        }
        catch (FormatException)
        {
            return $"\"{format}\" is not a valid .NET date format string";
        }
        if (first == second)
            return $"\"{format}\" holds no date or time field (it writes \"{first}\" for every date)";
        if (!compiled.TryParse(first, out _))
            return $"\"{format}\" does not read back what it writes (\"{first}\" does not parse)";
        return null;
    }

    /// <summary>Parses one value; false when it does not match the format.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, string format, out long ticks) => Compile(format).TryParse(text, out ticks);

    /// <summary>Writes ticks (as stored in a <see cref="DateTimeColumn"/>) in the format.</summary>
    public static string Format(long ticks, string format) => Compile(format).Format(ticks);

    /// <summary>True when values in this format carry a UTC offset and are stored as UTC ticks.</summary>
    public static bool HasOffset(string format) => Compile(format).Mode is Mode.Offset;

    internal static Compiled Compile(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (string.Equals(format, UnixSeconds, StringComparison.OrdinalIgnoreCase)) return new Compiled(format, Mode.UnixSeconds);
        if (string.Equals(format, UnixMilliseconds, StringComparison.OrdinalIgnoreCase)) return new Compiled(format, Mode.UnixMilliseconds);
        return new Compiled(format, ScanForOffset(format) ? Mode.Offset : Mode.Plain);
    }

    private static bool ScanForOffset(string format)
    {
        if (format.Length == 1) return format[0] is 'o' or 'O' or 'r' or 'R' or 'u';
        char quote = '\0';
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == 'Z') return true; // 'Z' quoted is still the UTC designator
                continue;
            }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '\\': i++; break;
                case 'z' or 'K' or 'Z': return true;
            }
        }
        return false;
    }

    internal enum Mode { Plain, Offset, UnixSeconds, UnixMilliseconds }

    /// <summary>A format with its handling decided once, for hot loops.</summary>
    internal readonly struct Compiled(string format, Mode mode)
    {
        private const long MaxUnixSeconds = 253402300799L; // 9999-12-31T23:59:59Z
        private const long MinUnixSeconds = -62135596800L; // 0001-01-01T00:00:00Z

        public string Text { get; } = format;
        public Mode Mode { get; } = mode;

        public bool TryParse(ReadOnlySpan<char> text, out long ticks)
        {
            var inv = CultureInfo.InvariantCulture;
            switch (Mode)
            {
                case Mode.Plain:
                    if (DateTime.TryParseExact(text, Text, inv, DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite, out DateTime plain))
                    {
                        ticks = plain.Ticks;
                        return true;
                    }
                    break;
                case Mode.Offset:
                    if (DateTimeOffset.TryParseExact(text, Text, inv, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite, out DateTimeOffset offset))
                    {
                        ticks = offset.UtcTicks;
                        return true;
                    }
                    break;
                default:
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, inv, out long count))
                    {
                        long seconds = Mode == Mode.UnixSeconds ? count : Math.DivRem(count, 1000L).Quotient;
                        if (seconds is >= MinUnixSeconds and <= MaxUnixSeconds)
                        {
                            long perUnit = Mode == Mode.UnixSeconds ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
                            long candidate = DateTime.UnixEpoch.Ticks + count * perUnit;
                            if (candidate is >= 0 && candidate <= DateTime.MaxValue.Ticks)
                            {
                                ticks = candidate;
                                return true;
                            }
                        }
                    }
                    break;
            }
            ticks = 0;
            return false;
        }

        public string Format(long ticks)
        {
            Span<char> buffer = stackalloc char[128];
            return TryFormat(ticks, buffer, out int written) ? new string(buffer[..written]) : FormatSlow(ticks);
        }

        public bool TryFormat(long ticks, Span<char> destination, out int written)
        {
            ticks = Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            var inv = CultureInfo.InvariantCulture;
            switch (Mode)
            {
                case Mode.Plain:
                    return TryFormatIso(ticks, destination, out written) || new DateTime(ticks).TryFormat(destination, out written, Text, inv);
                case Mode.Offset:
                    return new DateTimeOffset(ticks, TimeSpan.Zero).TryFormat(destination, out written, Text, inv);
                default:
                    long perUnit = Mode == Mode.UnixSeconds ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
                    // Floor, not truncation: an instant before 1970 belongs to the earlier whole second.
                    long count = FloorDivide(ticks - DateTime.UnixEpoch.Ticks, perUnit);
                    return count.TryFormat(destination, out written, default, inv);
            }
        }

        /// <summary>
        /// The common ISO layouts (yyyy-MM-dd, with " HH:mm:ss" or "THH:mm:ss") written digit by digit: the same text
        /// as DateTime's invariant formatting, several times faster in hot loops. False for any other format.
        /// </summary>
        private bool TryFormatIso(long ticks, Span<char> destination, out int written)
        {
            written = 0;
            string text = Text;
            bool dateOnly = text == "yyyy-MM-dd";
            if (!dateOnly && text is not ("yyyy-MM-dd HH:mm:ss" or "yyyy-MM-ddTHH:mm:ss")) return false;
            int length = dateOnly ? 10 : 19;
            if (destination.Length < length) return false;
            var value = new DateTime(ticks);
            (int year, int month, int day) = value;
            Digits(destination, year, 4);
            destination[4] = '-';
            Digits(destination[5..], month, 2);
            destination[7] = '-';
            Digits(destination[8..], day, 2);
            if (!dateOnly)
            {
                destination[10] = text[10];
                Digits(destination[11..], value.Hour, 2);
                destination[13] = ':';
                Digits(destination[14..], value.Minute, 2);
                destination[16] = ':';
                Digits(destination[17..], value.Second, 2);
            }
            written = length;
            return true;
        }

        private static void Digits(Span<char> destination, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                destination[i] = (char)('0' + value % 10);
                value /= 10;
            }
        }

        private string FormatSlow(long ticks)
        {
            ticks = Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            var inv = CultureInfo.InvariantCulture;
            return Mode == Mode.Offset
                ? new DateTimeOffset(ticks, TimeSpan.Zero).ToString(Text, inv)
                : new DateTime(ticks).ToString(Text, inv);
        }

        private static long FloorDivide(long value, long divisor)
        {
            long quotient = Math.DivRem(value, divisor, out long remainder);
            return remainder < 0 ? quotient - 1 : quotient;
        }
    }
}
