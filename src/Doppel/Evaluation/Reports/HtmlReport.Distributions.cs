using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Evaluation.Reports.Svg;

namespace Doppel.Evaluation.Reports;

public static partial class HtmlReport
{
    private static void AppendDistributions(StringBuilder html, EvaluationInputs inputs, IReadOnlyList<MetricResult> metrics, HtmlReportOptions options)
    {
        html.Append("<section id=\"distributions\">\n<h2>Column distributions</h2>\n");
        Dictionary<string, MetricPart> scores = ColumnScores(metrics);
        ColumnMetadata[] learned = [.. inputs.Metadata.Columns.Where(c => c.IsLearned && inputs.Real.TryGetColumn(c.Name, out _))];
        ColumnMetadata[] ordered = WorstFirst(learned, scores);
        html.Append("<p class=\"note\">Real values in <b style=\"color:var(--real)\">blue</b>, synthetic in <b style=\"color:var(--syn)\">orange</b>, ")
            .Append("as shares of each table's non-missing values. Histograms use bins taken from the real values. ")
            .Append(scores.Count > 0 ? "Columns with the lowest score in the fidelity breakdown come first." : "No fidelity breakdown was given, so columns are in table order.")
            .Append("</p>\n");
        string[] notLearned = [.. inputs.Metadata.Columns.Where(c => !c.IsLearned).Select(c => c.Name)];
        if (notLearned.Length > 0)
            html.Append("<p class=\"note\">Not charted because they are not learned value by value (id, PII, text): ").Append(Names(notLearned)).Append(".</p>\n");
        if (ordered.Length > options.MaxDistributionColumns)
        {
            html.Append("<p class=\"note\">Showing ").Append(Count(options.MaxDistributionColumns)).Append(" of ").Append(Count(ordered.Length))
                .Append(" columns (the first in the order above); not charted: ")
                .Append(Names(ordered.Skip(options.MaxDistributionColumns).Select(c => c.Name))).Append(".</p>\n");
        }
        if (ordered.Length == 0) html.Append("<p class=\"note\">The table has no numerical, datetime, categorical or boolean column to chart.</p>\n");
        html.Append("<div class=\"charts\">\n");
        int index = 0;
        foreach (ColumnMetadata column in ordered.Take(options.MaxDistributionColumns))
            AppendDistribution(html, index++, column, inputs, scores.GetValueOrDefault(column.Name), options);
        html.Append("</div>\n</section>\n");
    }

    private static void AppendDistribution(StringBuilder html, int index, ColumnMetadata metadata, EvaluationInputs inputs, MetricPart? score, HtmlReportOptions options)
    {
        Column real = inputs.Real[metadata.Name];
        inputs.Synthetic.TryGetColumn(metadata.Name, out Column? synthetic);
        html.Append("<figure id=\"column-").Append(index).Append("\"><figcaption>").Append(HtmlText.Escape(metadata.Name))
            .Append(" <span class=\"kind\">").Append(metadata.Type.ToString().ToLowerInvariant()).Append("</span>");
        if (score?.Score is { } s)
        {
            html.Append(" <span class=\"badge ").Append(StatusClass(ScoreCard.StatusOf(s))).Append("\">").Append(SvgNumber.Score(s))
                .Append(score.Note is null ? "" : " " + HtmlText.Escape(score.Note)).Append("</span>");
        }
        html.Append("</figcaption>\n");
        var facts = new List<string>();
        string label = $"Distribution of {metadata.Name}: real and synthetic";
        string? chart = (real, synthetic) switch
        {
            (_, null) => Fact(facts, "the synthetic table has no such column"),
            (NumericColumn a, NumericColumn b) => Histogram(label, Finite(a.Values), Finite(b.Values), options, facts, isDate: false),
            (DateTimeColumn a, DateTimeColumn b) => Histogram(label, Ticks(a.Ticks), Ticks(b.Ticks), options, facts, isDate: true),
            (CategoricalColumn a, CategoricalColumn b) => Bars(label, a, b, options, facts),
            _ when real.Kind != synthetic.Kind => Fact(facts, $"not charted: the real column holds {real.Kind} values but the synthetic one {synthetic.Kind} values"),
            _ => Fact(facts, $"not charted: a {metadata.Type} column stored as {real.Kind} values has no chart"),
        };
        if (chart is not null) html.Append(chart).Append('\n');
        facts.Insert(0, $"missing: real {SvgNumber.Percent(MissingShare(real))}" + (synthetic is null ? "" : $", synthetic {SvgNumber.Percent(MissingShare(synthetic))}"));
        html.Append("<p class=\"facts\">").AppendJoin(" · ", facts.Select(HtmlText.Escape)).Append("</p></figure>\n");
    }

    private static string? Histogram(string label, double[] real, double[] synthetic, HtmlReportOptions options, List<string> facts, bool isDate)
    {
        BinnedShares? bins = Binning.Shares(real, synthetic, options.Bins, wholeNumberBins: !isDate);
        if (bins is null) return Fact(facts, "no real value to chart");
        if (!double.IsFinite(bins.Edges[^1] - bins.Edges[0])) return Fact(facts, "not charted: the real values span more than a double can hold");
        if (synthetic.Length == 0) facts.Add("no synthetic value");
        if (bins.SyntheticOutside > 0) facts.Add($"synthetic outside the real range: {SvgNumber.Percent(bins.SyntheticOutside)}");
        double low = bins.Edges[0], high = bins.Edges[^1];
        double[] ticks;
        Func<double, string> tickLabel;
        if (isDate)
        {
            bool days = high - low >= 2 * TimeSpan.TicksPerDay;
            string format = days ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
            tickLabel = t => DateOf(t).ToString(format, CultureInfo.InvariantCulture);
            int count = days ? 4 : 3;
            ticks = [.. Enumerable.Range(0, count).Select(i => low + (high - low) * i / (count - 1)).DistinctBy(tickLabel)];
        }
        else
        {
            tickLabel = SvgNumber.Label;
            ticks = AxisTicks.Nice(low, high, 6);
            if (bins.WholeNumbers) ticks = [.. ticks.Where(t => t == Math.Floor(t))];
        }
        return HistogramChart.Render(label, bins.Edges, bins.Real, bins.Synthetic, ticks, tickLabel);
    }

    /// <summary>The instant of a tick count held as a double; bins around 0001-01-01 or 9999-12-31 may reach past the calendar.</summary>
    private static DateTime DateOf(double ticks)
    {
        // (double)DateTime.MaxValue.Ticks rounds up past the last tick, so clamp again once back in integers.
        long whole = (long)Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
        return new DateTime(Math.Clamp(whole, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks));
    }

    private static string? Bars(string label, CategoricalColumn real, CategoricalColumn synthetic, HtmlReportOptions options, List<string> facts)
    {
        CategoryShares? shares = CategoryShares.From(real, synthetic, options.TopCategories);
        if (shares is null) return Fact(facts, "no value to chart in either table");
        if (shares.Other > 0) facts.Add($"the {shares.Other} less frequent values are drawn together");
        return BarChart.Render(label, shares.Labels, shares.Real, shares.Synthetic);
    }

    private static string? Fact(List<string> facts, string fact)
    {
        facts.Add(fact);
        return null;
    }

    private static double MissingShare(Column column) => column.Length == 0 ? 0 : column.MissingCount() / (double)column.Length;

    private static double[] Finite(double[] values) => [.. values.Where(double.IsFinite)];

    private static double[] Ticks(long[] ticks) => [.. ticks.Where(t => t != DateTimeColumn.Missing).Select(t => (double)t)];

    /// <summary>
    /// Per column, its lowest score among the parts of every fidelity metric's breakdown named after it (with the
    /// part's note, else the metric's name, to say where it comes from).
    /// </summary>
    private static Dictionary<string, MetricPart> ColumnScores(IReadOnlyList<MetricResult> metrics)
    {
        var scores = new Dictionary<string, MetricPart>(StringComparer.Ordinal);
        foreach (MetricResult metric in metrics.Where(m => m.Group == "fidelity"))
        {
            foreach (MetricPart part in metric.Breakdown)
            {
                if (Finite(part.Score) is not { } score) continue;
                if (!scores.TryGetValue(part.Item, out MetricPart? known) || score < known.Score)
                    scores[part.Item] = part with { Score = score, Note = part.Note ?? metric.Name };
            }
        }
        return scores;
    }

    /// <summary>Columns with a score first, lowest score first; then the others; table order breaks ties.</summary>
    private static ColumnMetadata[] WorstFirst(IEnumerable<ColumnMetadata> columns, Dictionary<string, MetricPart> scores) =>
        [.. columns.Select((c, i) => (Column: c, Index: i))
            .OrderBy(x => scores.TryGetValue(x.Column.Name, out MetricPart? p) ? p.Score!.Value : 2)
            .ThenBy(x => x.Index)
            .Select(x => x.Column)];
}
