namespace Doppel.Evaluation.Reports.Svg;

/// <summary>The two-entry legend (real, synthetic) drawn in the top-right corner of every distribution chart.</summary>
internal static class SeriesLegend
{
    /// <summary>Draws the legend so that it ends at <paramref name="right"/>, its baseline at <paramref name="baseline"/>.</summary>
    public static void Draw(SvgWriter svg, double right, double baseline)
    {
        double x = right - 132;
        svg.Rect(x, baseline - 9, 10, 10, "real");
        svg.Text(x + 14, baseline, "real", cssClass: "legend");
        svg.Rect(x + 56, baseline - 9, 10, 10, "syn");
        svg.Text(x + 70, baseline, "synthetic", cssClass: "legend");
    }
}
