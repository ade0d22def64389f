using System.Text;
using Doppel.Evaluation.Reports.Svg;

namespace Doppel.Evaluation.Reports;

public static partial class HtmlReport
{
    private static void AppendMetrics(StringBuilder html, IReadOnlyList<MetricResult> metrics, HtmlReportOptions options)
    {
        html.Append("<section id=\"metrics\">\n<h2>Metrics</h2>\n");
        if (metrics.Count == 0) html.Append("<p class=\"note\">No metrics were given.</p>\n");
        foreach (string group in ScoreCard.Groups(metrics))
        {
            MetricResult[] members = [.. metrics.Where(m => m.Group == group)];
            html.Append("<h3 id=\"group-").Append(HtmlText.Escape(group)).Append("\">").Append(HtmlText.Escape(ScoreCard.Capitalize(group)))
                .Append("</h3>\n<table class=\"metrics\">\n<tr><th>metric</th><th>score</th><th>raw</th><th>status</th><th>meaning</th></tr>\n");
            foreach (MetricResult metric in members)
            {
                html.Append("<tr><td>").Append(HtmlText.Escape(metric.Name)).Append("</td><td class=\"num\">")
                    .Append(metric.Score is { } s ? SvgNumber.Score(s) : "—").Append("</td><td class=\"num\">")
                    .Append(Finite(metric.Raw) is { } r ? SvgNumber.Label(r) : "—").Append("</td><td><span class=\"badge ")
                    .Append(StatusClass(metric.Status)).Append("\">").Append(StatusClass(metric.Status)).Append("</span></td><td>")
                    .Append(HtmlText.Escape(metric.Meaning));
                if (metric.Reason is { } reason)
                    html.Append("<br><i>").Append(metric.Status == MetricStatus.Skipped ? "Skipped: " : "Note: ").Append(HtmlText.Escape(reason)).Append("</i>");
                html.Append("</td></tr>\n");
            }
            html.Append("</table>\n");
            foreach (MetricResult metric in members.Where(m => m.Breakdown.Count > 0))
                AppendBreakdown(html, metric, options);
        }
        html.Append("</section>\n");
    }

    private static void AppendBreakdown(StringBuilder html, MetricResult metric, HtmlReportOptions options)
    {
        // Worst first: computed parts by ascending score, then parts without a score; the given order breaks ties.
        MetricPart[] parts = [.. metric.Breakdown.Select((p, i) => (Part: p, Index: i))
            .OrderBy(x => Finite(x.Part.Score) ?? 2).ThenBy(x => x.Index).Select(x => x.Part)];
        html.Append("<details><summary>").Append(HtmlText.Escape(metric.Name)).Append(": breakdown (").Append(Count(parts.Length))
            .Append(parts.Length == 1 ? " part" : " parts").Append(", worst first)</summary>\n");
        if (parts.Length > options.MaxBreakdownParts)
            html.Append("<p class=\"note\">Showing the worst ").Append(Count(options.MaxBreakdownParts)).Append(" of ").Append(Count(parts.Length)).Append(" parts.</p>\n");
        html.Append("<table>\n<tr><th>part</th><th>score</th><th>raw</th><th>note</th></tr>\n");
        foreach (MetricPart part in parts.Take(options.MaxBreakdownParts))
        {
            double? score = Finite(part.Score);
            html.Append("<tr><td>").Append(HtmlText.Escape(part.Item)).Append("</td><td class=\"num\">");
            if (score is { } s)
                html.Append("<span class=\"badge ").Append(StatusClass(ScoreCard.StatusOf(s))).Append("\">").Append(SvgNumber.Score(s)).Append("</span>");
            else html.Append("—");
            html.Append("</td><td class=\"num\">").Append(Finite(part.Raw) is { } r ? SvgNumber.Label(r) : "—")
                .Append("</td><td>").Append(HtmlText.Escape(part.Note)).Append("</td></tr>\n");
        }
        html.Append("</table>\n</details>\n");
    }
}
