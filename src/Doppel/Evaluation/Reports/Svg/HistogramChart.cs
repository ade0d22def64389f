namespace Doppel.Evaluation.Reports.Svg;

/// <summary>
/// Overlaid histograms of two series (real, synthetic) on shared bins: bars of each bin's share, a share axis on
/// the left and labelled ticks along the value axis.
/// </summary>
internal static class HistogramChart
{
    public const double Width = 380;
    public const double Height = 210;
    private const double Left = 46, Right = 14, Top = 24, Bottom = 36, EdgeLabelRoom = 24;

    /// <summary>
    /// Draws bins with <paramref name="edges"/> (one more than bins, increasing) and each series' share per bin;
    /// <paramref name="ticks"/> are the value-axis positions to label with <paramref name="tickLabel"/>.
    /// </summary>
    public static string Render(string label, double[] edges, double[] real, double[] synthetic, double[] ticks, Func<double, string> tickLabel)
    {
        if (edges.Length < 2 || real.Length != edges.Length - 1 || synthetic.Length != real.Length)
            throw new ArgumentException("A histogram needs n + 1 increasing edges and n shares for each series.", nameof(edges));
        double low = edges[0], high = edges[^1];
        if (!(high > low)) throw new ArgumentException("The histogram's edges must span a positive range.", nameof(edges));
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom, baseline = Top + plotHeight;
        var axis = new ShareAxis(Math.Max(real.Max(), synthetic.Max()), 5);
        double X(double value) => Left + (value - low) / (high - low) * plotWidth;

        var svg = new SvgWriter(Width, Height, label);
        foreach (double tick in axis.Ticks)
        {
            double y = baseline - axis.Scale(tick, plotHeight);
            svg.Line(Left, y, Left + plotWidth, y, "gridline");
            svg.Text(Left - 4, y + 3.5, SvgNumber.Percent(tick), TextAnchor.End, "tick");
        }
        for (int i = 0; i < real.Length; i++)
        {
            double x = X(edges[i]), width = Math.Max(0.5, X(edges[i + 1]) - x - 1);
            string range = $"{tickLabel(edges[i])} to {tickLabel(edges[i + 1])}";
            DrawBar(svg, x, width, baseline, axis.Scale(real[i], plotHeight), "real", $"real {SvgNumber.Percent(real[i])} in {range}");
            DrawBar(svg, x, width, baseline, axis.Scale(synthetic[i], plotHeight), "syn", $"synthetic {SvgNumber.Percent(synthetic[i])} in {range}");
        }
        svg.Line(Left, baseline, Left + plotWidth, baseline, "axis");
        foreach (double tick in ticks)
        {
            if (tick < low || tick > high) continue;
            double x = X(tick);
            svg.Line(x, baseline, x, baseline + 4, "axis");
            // Labels at the ends of the axis would stick out of the chart when centred.
            TextAnchor anchor = x - Left < EdgeLabelRoom ? TextAnchor.Start : Left + plotWidth - x < EdgeLabelRoom ? TextAnchor.End : TextAnchor.Middle;
            svg.Text(x, baseline + 15, tickLabel(tick), anchor, "tick");
        }
        SeriesLegend.Draw(svg, Width - Right, 14);
        return svg.End();
    }

    private static void DrawBar(SvgWriter svg, double x, double width, double baseline, double height, string cssClass, string title)
    {
        if (height <= 0) return;
        svg.Rect(x, baseline - height, width, height, cssClass, title);
    }
}
