using System.Globalization;

namespace Doppel.Data;

/// <summary>What the numbers of a column look like; read from its distinct values.</summary>
internal sealed record NumberFacts(double Minimum, double Maximum, bool AllWhole, int? Decimals, bool ZeroPadded, int MaxIntegerDigits)
{
    /// <summary>Most decimal places a numerical column records; beyond this the values are treated as full precision.</summary>
    public const int MaxDecimals = 10;

    /// <summary>Facts about the numbers, or null when a value is not a finite invariant-culture number.</summary>
    public static NumberFacts? Read(IEnumerable<string> distinctValues)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool allWhole = true, exponent = false, zeroPadded = false, any = false;
        int decimals = 0, integerDigits = 0;
        foreach (string value in distinctValues)
        {
            if (!TryParse(value, out double number)) return null;
            any = true;
            min = Math.Min(min, number);
            max = Math.Max(max, number);
            if (number != Math.Floor(number)) allWhole = false;
            ReadOnlySpan<char> text = value.AsSpan().Trim();
            if (text.Length > 0 && text[0] is '+' or '-') text = text[1..];
            if (text.ContainsAny('e', 'E')) exponent = true;
            int dot = text.IndexOf('.');
            int integerPart = dot < 0 ? text.Length : dot;
            integerDigits = Math.Max(integerDigits, integerPart);
            if (dot >= 0 && !exponent) decimals = Math.Max(decimals, text.Length - dot - 1);
            // "007" keeps its zeros only as a label; "0.5" and "0" are ordinary numbers.
            if (integerPart > 1 && text[0] == '0') zeroPadded = true;
        }
        if (!any) return null;
        int? recorded = exponent ? null : Math.Min(decimals, MaxDecimals);
        return new NumberFacts(min, max, allWhole, recorded, zeroPadded, integerDigits);
    }

    /// <summary>Invariant-culture number with optional sign, decimals and exponent; no thousands separators, no NaN or infinity.</summary>
    public static bool TryParse(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
