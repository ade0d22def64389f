using Doppel.Evaluation;
using Doppel.Evaluation.Diagnostic;
using Doppel.Evaluation.Fidelity;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary>Draws an <see cref="EvaluationReport"/> on the console: score cards, every metric, and the worst columns and pairs.</summary>
internal static class EvaluationView
{
    private const int ShownParts = 5;

    public static void Render(CliContext context, EvaluationReport report, string realName, string syntheticName)
    {
        EvaluationInputs inputs = report.Inputs;
        context.Console.MarkupLineInterpolated($"Evaluated [bold]{syntheticName}[/] ({inputs.Synthetic.RowCount:N0} rows) against [bold]{realName}[/] ({inputs.Real.RowCount:N0} rows) in {report.Elapsed.TotalSeconds:F2} s.");
        if (inputs.Model is { } model) context.Console.MarkupLineInterpolated($"Model: {model.Describe()}.");
        var cards = new Spectre.Console.Table().Title("Scores (1 = best)");
        cards.AddColumns("section", "score", "from", "metrics", "skipped");
        foreach (GroupSummary group in report.Groups)
            cards.AddRow(Markup.Escape(group.Group), Score(group.Score), Markup.Escape(group.Basis), $"{group.Metrics}", $"{group.Skipped}");
        context.Console.Write(cards);

        var metrics = new Spectre.Console.Table().Title("Metrics");
        metrics.AddColumns("section", "metric", "score", "status", "note");
        foreach (MetricResult result in report.Results)
            metrics.AddRow(Markup.Escape(result.Group), Markup.Escape(result.Name), Score(result.Score), result.Status.ToString().ToLowerInvariant(), Markup.Escape(result.Reason ?? ""));
        context.Console.Write(metrics);

        Worst(context, report.Find(FidelityMetrics.GroupName, FidelityMetrics.ColumnShapesName), "Worst columns (Column Shapes)");
        Worst(context, report.Find(FidelityMetrics.GroupName, FidelityMetrics.ColumnPairTrendsName), "Worst pairs (Column Pair Trends)");
        MetricResult? validity = report.Find(DiagnosticMetrics.GroupName, DiagnosticMetrics.DataValidityName);
        if (validity is not null && validity.Breakdown.Any(p => p.Score < 1))
            Worst(context, validity with { Breakdown = [.. validity.Breakdown.Where(p => p.Score < 1)] }, "Invalid values (Data Validity)");
    }

    /// <summary>The short quality summary at the end of synth and demo: the two SDMetrics properties, their mean, and the worst columns.</summary>
    public static void RenderShort(CliContext context, EvaluationReport report, int worstColumns)
    {
        MetricResult? shapes = report.Find(FidelityMetrics.GroupName, FidelityMetrics.ColumnShapesName);
        MetricResult? trends = report.Find(FidelityMetrics.GroupName, FidelityMetrics.ColumnPairTrendsName);
        context.Console.MarkupLine($"Quality, real vs synthetic (SDMetrics definitions; 1 = identical): Column Shapes {Score(shapes?.Score)}, Column Pair Trends {Score(trends?.Score)}, overall [bold]{Score(report.QualityScore)}[/].");
        if (shapes is null) return;
        MetricPart[] worst = [.. shapes.Breakdown.Where(p => p.Score is not null).Take(worstColumns)];
        if (worst.Length > 0)
            context.Console.MarkupLine("Worst columns: " + string.Join(", ", worst.Select(p => $"{Markup.Escape(p.Item)} {Score(p.Score)} ({Markup.Escape(p.Note ?? "")})")) + ". Run [bold]doppel evaluate[/] for the full report.");
    }

    private static void Worst(CliContext context, MetricResult? result, string title)
    {
        if (result is null || result.Breakdown.Count == 0) return;
        var table = new Spectre.Console.Table().Title(title);
        table.AddColumns("item", "score", "note");
        foreach (MetricPart part in result.Breakdown.Take(ShownParts))
            table.AddRow(Markup.Escape(part.Item), Score(part.Score), Markup.Escape(part.Note ?? ""));
        context.Console.Write(table);
    }

    private static string Score(double? score) => score is { } s ? s.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "skipped";
}
