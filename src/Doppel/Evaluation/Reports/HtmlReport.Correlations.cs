using System.Text;
using Doppel.Data;
using Doppel.Evaluation.Reports.Svg;

namespace Doppel.Evaluation.Reports;

public static partial class HtmlReport
{
    private const int LargestDifferencesListed = 10;

    private static void AppendCorrelations(StringBuilder html, EvaluationInputs inputs, IReadOnlyList<MetricResult> metrics, HtmlReportOptions options)
    {
        html.Append("<section id=\"correlations\">\n<h2>Correlations</h2>\n");
        ColumnMetadata[] numeric = [.. inputs.Metadata.Columns.Where(c => c.IsLearned && IsNumberLike(inputs, c.Name))];
        if (numeric.Length < 2)
        {
            html.Append("<p class=\"note\">Fewer than two numerical or datetime columns in both tables: no correlation to show.</p>\n</section>\n");
            return;
        }
        ColumnMetadata[] shown = numeric;
        if (numeric.Length > options.MaxHeatmapColumns)
        {
            var chosen = WorstFirst(numeric, ColumnScores(metrics)).Take(options.MaxHeatmapColumns).ToHashSet();
            shown = [.. numeric.Where(chosen.Contains)];
            html.Append("<p class=\"note\">Showing ").Append(shown.Length).Append(" of ").Append(Count(numeric.Length))
                .Append(" numerical and datetime columns, so that the heatmaps stay readable: the lowest-scoring in the fidelity breakdown, then the first in table order. Left out: ")
                .Append(Names(numeric.Where(c => !chosen.Contains(c)).Select(c => c.Name))).Append(".</p>\n");
        }
        string[] names = [.. shown.Select(c => c.Name)];
        double?[,] real = CorrelationMatrix.Pearson([.. names.Select(n => Numbers(inputs.Real[n]))]);
        double?[,] synthetic = CorrelationMatrix.Pearson([.. names.Select(n => Numbers(inputs.Synthetic[n]))]);
        var difference = new double?[names.Length, names.Length];
        for (int i = 0; i < names.Length; i++)
            for (int j = 0; j < names.Length; j++)
                difference[i, j] = real[i, j] is { } a && synthetic[i, j] is { } b ? Math.Abs(a - b) : null;

        html.Append("<p class=\"note\">Pearson correlation of each pair of columns on the rows where both are present (datetimes as instants). ")
            .Append("Grey cells are not defined: a column constant on those rows, or fewer than two such rows.</p>\n<div class=\"charts\">\n");
        AppendHeatmap(html, "Real", names, real, ColorScale.Correlation);
        AppendHeatmap(html, "Synthetic", names, synthetic, ColorScale.Correlation);
        AppendHeatmap(html, "Difference |real − synthetic|", names, difference, ColorScale.Difference);
        html.Append("</div>\n<div class=\"charts\"><figure><figcaption>Correlation</figcaption>")
            .Append(HeatmapChart.Legend("Colour scale of correlations, from −1 to 1", ColorScale.Correlation))
            .Append("</figure><figure><figcaption>Difference</figcaption>")
            .Append(HeatmapChart.Legend("Colour scale of differences, from 0 to 1 and above", ColorScale.Difference))
            .Append("</figure></div>\n");
        AppendLargestDifferences(html, names, real, synthetic, difference);
        html.Append("</section>\n");
    }

    private static void AppendHeatmap(StringBuilder html, string title, string[] names, double?[,] values, ColorScale scale) =>
        html.Append("<figure><figcaption>").Append(HtmlText.Escape(title)).Append("</figcaption>")
            .Append(HeatmapChart.Render($"{title} correlations", names, values, scale)).Append("</figure>\n");

    private static void AppendLargestDifferences(StringBuilder html, string[] names, double?[,] real, double?[,] synthetic, double?[,] difference)
    {
        var pairs = new List<(int I, int J, double Difference)>();
        for (int i = 0; i < names.Length; i++)
            for (int j = i + 1; j < names.Length; j++)
                if (difference[i, j] is { } d) pairs.Add((i, j, d));
        if (pairs.Count == 0) return;
        html.Append("<h3>Largest differences</h3>\n<table>\n<tr><th>pair</th><th>real</th><th>synthetic</th><th>difference</th></tr>\n");
        foreach ((int i, int j, double d) in pairs.OrderByDescending(p => p.Difference).ThenBy(p => p.I).ThenBy(p => p.J).Take(LargestDifferencesListed))
        {
            html.Append("<tr><td>").Append(HtmlText.Escape(names[i])).Append(" × ").Append(HtmlText.Escape(names[j]))
                .Append("</td><td class=\"num\">").Append(SvgNumber.Fixed(real[i, j]!.Value, 3))
                .Append("</td><td class=\"num\">").Append(SvgNumber.Fixed(synthetic[i, j]!.Value, 3))
                .Append("</td><td class=\"num\">").Append(SvgNumber.Fixed(d, 3)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static bool IsNumberLike(EvaluationInputs inputs, string name) =>
        inputs.Real.TryGetColumn(name, out Column? real) && inputs.Synthetic.TryGetColumn(name, out Column? synthetic)
        && (real, synthetic) is (NumericColumn, NumericColumn) or (DateTimeColumn, DateTimeColumn);

    /// <summary>The column's values as doubles, NaN where missing (or not finite).</summary>
    private static double[] Numbers(Column column) => column switch
    {
        NumericColumn n => [.. n.Values.Select(v => double.IsFinite(v) ? v : double.NaN)],
        DateTimeColumn d => [.. d.Ticks.Select(t => t == DateTimeColumn.Missing ? double.NaN : t)],
        _ => throw new ArgumentException($"Column '{column.Name}' is not numerical or datetime.", nameof(column)),
    };
}
