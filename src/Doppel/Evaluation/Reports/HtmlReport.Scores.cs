using System.Text;
using Doppel.Evaluation.Reports.Svg;

namespace Doppel.Evaluation.Reports;

public static partial class HtmlReport
{
    private static void AppendScores(StringBuilder html, IReadOnlyList<MetricResult> metrics)
    {
        html.Append("<section id=\"scores\">\n<h2>Scores</h2>\n");
        IReadOnlyList<ScoreCard> cards = ScoreCard.From(metrics);
        if (cards.Count == 0)
        {
            html.Append("<p class=\"note\">No metrics were given, so there is no score to show.</p>\n</section>\n");
            return;
        }
        html.Append("<div class=\"cards\">\n");
        foreach (ScoreCard card in cards)
        {
            html.Append("<div class=\"card ").Append(StatusClass(card.Status)).Append("\" data-group=\"").Append(HtmlText.Escape(card.Group ?? "overall"))
                .Append("\"><div class=\"title\">").Append(HtmlText.Escape(card.Title)).Append("</div><div class=\"score\">")
                .Append(card.Score is { } score ? SvgNumber.Score(score) : "—").Append("</div><div><span class=\"badge ")
                .Append(StatusClass(card.Status)).Append("\">").Append(StatusClass(card.Status)).Append("</span></div><div class=\"source\">")
                .Append(HtmlText.Escape(card.Source)).Append("</div></div>\n");
        }
        html.Append("</div>\n<p class=\"note\">Each group's card is the mean of its computed metrics; skipped metrics are left out of the mean and listed below. ")
            .Append(ScoreCard.Overall(metrics) is null
                ? "No metric named \"overall\" or \"quality\" was given, so there is no overall card."
                : "The overall card is the metric named \"overall\" or \"quality\", shown as computed and not counted again in its group.")
            .Append("</p>\n");
        MetricResult[] skipped = [.. metrics.Where(m => m.Status == MetricStatus.Skipped || m.Score is null)];
        if (skipped.Length > 0)
        {
            html.Append("<h3>Skipped metrics (").Append(skipped.Length).Append(")</h3>\n<ul class=\"skipped\">\n");
            foreach (MetricResult metric in skipped)
            {
                html.Append("<li><b>").Append(HtmlText.Escape(metric.Name)).Append("</b> (").Append(HtmlText.Escape(metric.Group)).Append("): ")
                    .Append(HtmlText.Escape(metric.Reason ?? "no reason given")).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</section>\n");
    }
}
