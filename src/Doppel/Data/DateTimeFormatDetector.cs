using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Doppel.Data;

/// <summary>
/// Finds the .NET custom format string that reads every value of a column (ISO 8601 with or without time,
/// fraction and zone; month-first or day-first dates with '/', '-' or '.'; optional 12-hour clock), or a unix
/// epoch / <c>yyyyMMdd</c> integer when the column's name says it holds times.
/// </summary>
internal static partial class DateTimeFormatDetector
{
    /// <summary>The <see cref="ColumnMetadata.DateTimeFormat"/> of whole seconds since 1970-01-01 UTC.</summary>
    public const string UnixSeconds = "unix-seconds";

    /// <summary>The <see cref="ColumnMetadata.DateTimeFormat"/> of whole milliseconds since 1970-01-01 UTC.</summary>
    public const string UnixMilliseconds = "unix-milliseconds";

    // Plausible epochs: 2001-09-09 .. 2033-05-18. Outside this range an integer is far more likely a count or an amount.
    private const double EpochSecondsLow = 1e9, EpochSecondsHigh = 2e9;

    [GeneratedRegex(@"^(?:(?<year>\d{4})(?<sep>[-/.])(?<first>\d{1,2})\k<sep>(?<second>\d{1,2})|(?<first>\d{1,2})(?<sep>[-/.])(?<second>\d{1,2})\k<sep>(?<year>\d{4}))(?:(?<t>[T ])(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<secs>\d{2})(?:\.(?<fraction>\d{1,7}))?)?(?<ampm> ?[AaPp][Mm])?(?<zone>Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateShape();

    /// <summary>The format that reads every one of <paramref name="allValues"/> (pass the distinct values: dates repeat), or null when the values are not dates.</summary>
    public static string? DetectText(IReadOnlyList<string> sample, IEnumerable<string?> allValues)
    {
        if (sample.Count == 0 || !DateShape().IsMatch(sample[0])) return null;
        var shape = new Shape();
        foreach (string value in sample)
        {
            Match match = DateShape().Match(value);
            if (!match.Success || !shape.Add(match)) return null;
        }
        foreach (string format in shape.Candidates())
            if (ReadsAll(format, allValues)) return format;
        return null;
    }

    /// <summary>A unix epoch or <c>yyyyMMdd</c> format for an integer column whose name says it holds times; null otherwise.</summary>
    public static string? DetectNumbers(ColumnNameHints hints, NumberFacts numbers, IEnumerable<string?> allValues)
    {
        if (!numbers.AllWhole || numbers.Decimals != 0 || numbers.ZeroPadded) return null;
        if (hints.IsEpoch)
        {
            if (numbers.Minimum >= EpochSecondsLow && numbers.Maximum <= EpochSecondsHigh) return UnixSeconds;
            if (numbers.Minimum >= EpochSecondsLow * 1000 && numbers.Maximum <= EpochSecondsHigh * 1000) return UnixMilliseconds;
        }
        if (hints.IsDate && numbers.Minimum >= 10000101 && numbers.Maximum <= 99991231 && ReadsAll("yyyyMMdd", allValues))
            return "yyyyMMdd";
        return null;
    }

    /// <summary>True when every non-missing value parses exactly with the format (invariant culture).</summary>
    public static bool ReadsAll(string format, IEnumerable<string?> values)
    {
        foreach (string? value in values)
            if (value is not null && !Reads(format, value)) return false;
        return true;
    }

    /// <summary>True when the value parses exactly with the .NET custom format (invariant culture).</summary>
    public static bool Reads(string format, string value) =>
        DateTimeOffset.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>True when the format reads day and month from the first two fields and the swapped order reads every value too.</summary>
    public static bool IsDayMonthAmbiguous(string format, IEnumerable<string?> values)
    {
        string? swapped = SwapDayAndMonth(format);
        return swapped is not null && ReadsAll(swapped, values);
    }

    /// <summary>"MM/dd/yyyy HH:mm" → "dd/MM/yyyy HH:mm"; null for formats that start with the year or are not dates.</summary>
    internal static string? SwapDayAndMonth(string format)
    {
        if (format.Length == 0 || format[0] is not ('M' or 'd')) return null;
        int end = format.IndexOfAny([' ', 'T']);
        if (end < 0) end = format.Length;
        var builder = new StringBuilder(format);
        for (int i = 0; i < end; i++)
            builder[i] = builder[i] switch { 'M' => 'd', 'd' => 'M', var c => c };
        return builder.ToString();
    }

    /// <summary>What all sampled values share: field order, separators, widths, time parts and zone.</summary>
    private sealed class Shape
    {
        private bool _started, _yearFirst, _hasTime, _hasSeconds;
        private char _separator, _timeSeparator;
        private string _ampm = "", _zone = "";
        private int _firstMax, _secondMax, _fractionLength = -1;
        private bool _firstNarrow, _secondNarrow, _hourNarrow, _fractionVaries;

        public bool Add(Match match)
        {
            bool yearFirst = match.Groups["year"].Index == 0;
            char separator = match.Groups["sep"].Value[0];
            bool hasTime = match.Groups["t"].Success;
            char timeSeparator = hasTime ? match.Groups["t"].Value[0] : ' ';
            bool hasSeconds = match.Groups["secs"].Success;
            string ampm = match.Groups["ampm"].Success ? (match.Groups["ampm"].Value[0] == ' ' ? " tt" : "tt") : "";
            string zone = !match.Groups["zone"].Success ? "" : match.Groups["zone"].Value == "Z" ? "Z" : "zzz";
            if (!_started)
            {
                (_started, _yearFirst, _separator, _hasTime, _timeSeparator, _hasSeconds, _ampm, _zone) =
                    (true, yearFirst, separator, hasTime, timeSeparator, hasSeconds, ampm, zone);
            }
            else if (yearFirst != _yearFirst || separator != _separator || hasTime != _hasTime || timeSeparator != _timeSeparator
                     || hasSeconds != _hasSeconds || ampm != _ampm || zone != _zone)
            {
                return false;
            }

            string first = match.Groups["first"].Value, second = match.Groups["second"].Value;
            _firstMax = Math.Max(_firstMax, int.Parse(first, CultureInfo.InvariantCulture));
            _secondMax = Math.Max(_secondMax, int.Parse(second, CultureInfo.InvariantCulture));
            _firstNarrow |= first.Length == 1;
            _secondNarrow |= second.Length == 1;
            if (hasTime) _hourNarrow |= match.Groups["hour"].Value.Length == 1;
            int fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value.Length : 0;
            if (_fractionLength < 0) _fractionLength = fraction;
            else if (_fractionLength != fraction) _fractionVaries = true;
            return true;
        }

        /// <summary>Formats to try against all rows, the most likely first: exact widths, then 1-or-2-digit widths, each day/month order that the sample allows.</summary>
        public IEnumerable<string> Candidates()
        {
            var orders = new List<bool>(); // true = month before day
            if (_yearFirst) orders.Add(true);
            else if (_firstMax > 12 && _secondMax > 12) yield break;
            else if (_firstMax > 12) orders.Add(false);
            else if (_secondMax > 12) orders.Add(true);
            else
            {
                // Undecided by the values: month-first for '/' and '-' (US habit), day-first for '.' (European habit).
                orders.Add(_separator != '.');
                orders.Add(_separator == '.');
            }
            foreach (bool relaxed in new[] { false, true })
                foreach (bool monthFirst in orders)
                    yield return Build(monthFirst, relaxed);
        }

        private string Build(bool monthFirst, bool relaxed)
        {
            string first = Field(monthFirst ? 'M' : 'd', relaxed || _firstNarrow);
            string second = Field(monthFirst ? 'd' : 'M', relaxed || _secondNarrow);
            string date = _yearFirst ? $"yyyy{_separator}{first}{_separator}{second}" : $"{first}{_separator}{second}{_separator}yyyy";
            if (!_hasTime) return date;
            char hourLetter = _ampm.Length > 0 ? 'h' : 'H';
            string hour = relaxed || _hourNarrow ? hourLetter.ToString() : new string(hourLetter, 2);
            string time = $"{hour}:mm";
            if (_hasSeconds)
            {
                time += ":ss";
                if (_fractionVaries) time += ".FFFFFFF";
                else if (_fractionLength > 0) time += "." + new string('f', _fractionLength);
            }
            return date + _timeSeparator + time + _ampm + _zone;
        }

        private static string Field(char letter, bool narrow) => narrow ? letter.ToString() : new string(letter, 2);
    }
}
