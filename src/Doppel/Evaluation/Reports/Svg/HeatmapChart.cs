namespace Doppel.Evaluation.Reports.Svg;

/// <summary>A square matrix of coloured cells with row and column labels; undefined cells are grey.</summary>
internal static class HeatmapChart
{
    private const double Margin = 8, CharacterWidth = 6;
    private const int LabelLength = 18;

    /// <summary>The side of one cell for a matrix of n rows: smaller for larger matrices, within [12, 34] pixels.</summary>
    public static double CellSize(int n) => Math.Clamp(Math.Floor(400.0 / Math.Max(1, n)), 12, 34);

    /// <summary>
    /// Draws <paramref name="values"/> (n × n, null where undefined) coloured by <paramref name="scale"/>; cells are
    /// large enough to print their value when the matrix is small.
    /// </summary>
    public static string Render(string label, IReadOnlyList<string> names, double?[,] values, ColorScale scale)
    {
        int n = names.Count;
        if (n == 0 || values.GetLength(0) != n || values.GetLength(1) != n)
            throw new ArgumentException("A heatmap needs a non-empty square matrix with one name per row.", nameof(values));
        // Room for the longest (shortened) name at about 6 px a character: short names leave no empty band.
        double labelSpace = Math.Clamp(names.Max(name => HtmlText.Shorten(name, LabelLength).Length) * CharacterWidth + 10, 30, LabelLength * CharacterWidth + 10);
        double cell = CellSize(n), size = labelSpace + n * cell + Margin;
        bool printValues = cell >= 30;

        var svg = new SvgWriter(size, size, label, "chart heatmap");
        for (int i = 0; i < n; i++)
        {
            string name = names[i], shortName = HtmlText.Shorten(name, LabelLength);
            double middle = labelSpace + i * cell + cell / 2;
            svg.Text(labelSpace - 4, middle + 3.5, shortName, TextAnchor.End, "tick", title: name);
            svg.Text(middle + 3.5, labelSpace - 4, shortName, TextAnchor.Start, "tick", rotate: -90, title: name);
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double? value = values[i, j];
                double x = labelSpace + j * cell, y = labelSpace + i * cell;
                string text = value is { } v ? SvgNumber.Fixed(v, 2) : "not defined";
                string fill = value is { } c ? scale.Color(c) : ColorScale.Undefined;
                svg.Rect(x, y, cell - 1, cell - 1, null, fill, $"{names[i]} × {names[j]}: {text}");
                if (printValues && value is not null)
                    svg.Text(x + cell / 2 - 0.5, y + cell / 2 + 3, text, TextAnchor.Middle, ColorScale.IsDark(fill) ? "cell on-dark" : "cell");
            }
        }
        return svg.End();
    }

    /// <summary>A horizontal colour bar for <paramref name="scale"/> with labelled ends and middle, plus the grey "not defined" swatch.</summary>
    public static string Legend(string label, ColorScale scale)
    {
        const double width = 300, height = 46, barLeft = 10, barWidth = 200, steps = 40;
        var svg = new SvgWriter(width, height, label, "chart legend-bar");
        for (int i = 0; i < steps; i++)
        {
            double value = scale.Minimum + (scale.Maximum - scale.Minimum) * (i + 0.5) / steps;
            svg.Rect(barLeft + i * barWidth / steps, 6, barWidth / steps + 0.3, 14, null, scale.Color(value), null);
        }
        double middle = (scale.Minimum + scale.Maximum) / 2;
        svg.Text(barLeft, 34, SvgNumber.Label(scale.Minimum), TextAnchor.Start, "tick");
        svg.Text(barLeft + barWidth / 2, 34, SvgNumber.Label(middle), TextAnchor.Middle, "tick");
        svg.Text(barLeft + barWidth, 34, SvgNumber.Label(scale.Maximum) + (scale.Minimum >= 0 ? "+" : ""), TextAnchor.End, "tick");
        svg.Rect(barLeft + barWidth + 14, 6, 14, 14, null, ColorScale.Undefined, null);
        svg.Text(barLeft + barWidth + 32, 17, "not defined", TextAnchor.Start, "tick");
        return svg.End();
    }
}
