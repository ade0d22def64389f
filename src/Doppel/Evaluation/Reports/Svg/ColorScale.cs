using System.Globalization;

namespace Doppel.Evaluation.Reports.Svg;

/// <summary>A colour ramp through evenly spaced stops, mapping a value in [<see cref="Minimum"/>, <see cref="Maximum"/>] to "#rrggbb".</summary>
internal sealed class ColorScale
{
    private readonly (int R, int G, int B)[] _stops;

    private ColorScale(double minimum, double maximum, params string[] stops)
    {
        Minimum = minimum;
        Maximum = maximum;
        _stops = [.. stops.Select(Parse)];
    }

    /// <summary>Blue through near-white to red for correlations in [-1, 1].</summary>
    public static ColorScale Correlation { get; } = new(-1, 1, "#2166ac", "#f7f7f7", "#b2182b");

    /// <summary>Near-white to orange-brown for absolute differences in [0, 1] (larger values saturate).</summary>
    public static ColorScale Difference { get; } = new(0, 1, "#f7f7f7", "#fdb863", "#b35806");

    /// <summary>The colour of cells whose value is not defined.</summary>
    public const string Undefined = "#bdbdbd";

    /// <summary>The value mapped to the first stop.</summary>
    public double Minimum { get; }

    /// <summary>The value mapped to the last stop.</summary>
    public double Maximum { get; }

    /// <summary>The colour of a value; values outside the range take the colour of the nearer end.</summary>
    public string Color(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "A colour needs a finite value.");
        double position = Math.Clamp((value - Minimum) / (Maximum - Minimum), 0, 1) * (_stops.Length - 1);
        int low = Math.Min((int)position, _stops.Length - 2);
        double t = position - low;
        (int R, int G, int B) a = _stops[low], b = _stops[low + 1];
        return string.Create(CultureInfo.InvariantCulture,
            $"#{Mix(a.R, b.R, t):x2}{Mix(a.G, b.G, t):x2}{Mix(a.B, b.B, t):x2}");
    }

    /// <summary>Whether a "#rrggbb" colour is dark enough that text on it should be light (relative luminance below 0.4).</summary>
    public static bool IsDark(string color)
    {
        (int r, int g, int b) = Parse(color);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.4;
    }

    private static int Mix(int a, int b, double t) => (int)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);

    private static (int, int, int) Parse(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
}
