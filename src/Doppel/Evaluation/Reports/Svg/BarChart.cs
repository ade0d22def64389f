namespace Doppel.Evaluation.Reports.Svg;

/// <summary>Horizontal grouped bars: one row per category, a real and a synthetic bar of its share side by side.</summary>
internal static class BarChart
{
    public const double Width = 380;
    private const double LabelWidth = 128, Right = 14, Top = 24, Bottom = 24, RowHeight = 22, BarHeight = 8;
    private const int LabelLength = 20;

    /// <summary>The chart's height for a number of categories.</summary>
    public static double HeightFor(int categories) => Top + categories * RowHeight + Bottom;

    /// <summary>Draws each category's real and synthetic shares; long labels are shortened, with the full text as tooltip.</summary>
    public static string Render(string label, IReadOnlyList<string> categories, double[] real, double[] synthetic)
    {
        if (categories.Count == 0 || real.Length != categories.Count || synthetic.Length != categories.Count)
            throw new ArgumentException("A bar chart needs at least one category and one share per category for each series.", nameof(categories));
        double height = HeightFor(categories.Count), plotWidth = Width - LabelWidth - Right, bottom = Top + categories.Count * RowHeight;
        var axis = new ShareAxis(Math.Max(real.Max(), synthetic.Max()), 5);

        var svg = new SvgWriter(Width, height, label);
        foreach (double tick in axis.Ticks)
        {
            double x = LabelWidth + axis.Scale(tick, plotWidth);
            svg.Line(x, Top, x, bottom, "gridline");
            svg.Text(x, bottom + 14, SvgNumber.Percent(tick), TextAnchor.Middle, "tick");
        }
        for (int i = 0; i < categories.Count; i++)
        {
            double y = Top + i * RowHeight + 3;
            string name = categories[i];
            string shortName = HtmlText.Shorten(name, LabelLength);
            svg.Text(LabelWidth - 6, y + BarHeight + 3, shortName, TextAnchor.End, "tick", title: shortName == name ? null : name);
            svg.Rect(LabelWidth, y, axis.Scale(real[i], plotWidth), BarHeight, "real", $"{name}: real {SvgNumber.Percent(real[i])}");
            svg.Rect(LabelWidth, y + BarHeight, axis.Scale(synthetic[i], plotWidth), BarHeight, "syn", $"{name}: synthetic {SvgNumber.Percent(synthetic[i])}");
        }
        svg.Line(LabelWidth, Top, LabelWidth, bottom, "axis");
        SeriesLegend.Draw(svg, Width - Right, 14);
        return svg.End();
    }
}
