using System.Globalization;

namespace Doppel.Evaluation.Reports.Svg;

/// <summary>
/// Numbers as they appear in the report: invariant culture, no exponent for ordinary magnitudes, never "-0", and
/// never NaN or infinity (those are a bug upstream and throw, so they cannot reach the page).
/// </summary>
internal static class SvgNumber
{
    /// <summary>A coordinate or length, rounded to two decimals ("12.5", "0", "-3.25").</summary>
    public static string Coordinate(double value) => Fixed(value, 2);

    /// <summary>The value rounded to <paramref name="decimals"/> decimals, trailing zeros dropped.</summary>
    public static string Fixed(double value, int decimals)
    {
        Check(value);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) return "0";
        return rounded.ToString("0." + new string('#', Math.Max(1, decimals)), CultureInfo.InvariantCulture);
    }

    /// <summary>A score in [0, 1] with exactly three decimals ("0.873").</summary>
    public static string Score(double value)
    {
        Check(value);
        return value.ToString("0.000", CultureInfo.InvariantCulture);
    }

    /// <summary>A share as a percentage with up to one decimal ("12.5%", "0%").</summary>
    public static string Percent(double share) => Fixed(share * 100, share * 100 >= 10 || share == 0 ? 0 : 1) + "%";

    /// <summary>
    /// A value for people to read: four significant digits ("1235", "0.1235", "123457"), and an exponent only
    /// for very large or very small magnitudes ("1.23e+15", "1.23e-05").
    /// </summary>
    public static string Label(double value)
    {
        Check(value);
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e15 || magnitude < 1e-4) return value.ToString("0.##e+00", CultureInfo.InvariantCulture);
        int decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(magnitude)), 0, 8);
        return Fixed(value, decimals);
    }

    private static void Check(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers may be written into a report.");
    }
}
