using Doppel.Data;
using Doppel.Evaluation;
using Doppel.IO;
using Spectre.Console;
using Table = Doppel.Data.Table;

namespace Doppel.Cli.Commands;

/// <summary>The short report at the end of synth and demo: column shapes (real vs synthetic) and a check that no real PII value was copied.</summary>
internal static class Summary
{
    private const int MaxRowsToReadBack = 200_000;

    public static void Render(CliContext context, LoadedTable real, string syntheticPath)
    {
        RawTable raw = TableFileReader.Read(syntheticPath);
        if (raw.RowCount > MaxRowsToReadBack)
        {
            context.Console.MarkupLineInterpolated($"(Summary skipped: the output has {raw.RowCount:N0} rows; evaluate a smaller sample.)");
            return;
        }
        Table synthetic = TableBuilder.Build(raw, real.Metadata);
        var shapes = ColumnShapes.Score(real.Table, synthetic, real.Metadata);
        var table = new Spectre.Console.Table().Title("Column shapes, real vs synthetic (1 = identical distributions; worst first)");
        table.AddColumns("column", "metric", "score");
        foreach (var (column, metric, score) in shapes.OrderBy(s => s.Score).Take(10))
            table.AddRow(Markup.Escape(column), metric, $"{score:F3}");
        if (shapes.Count > 0) table.AddRow("[bold]mean[/]", "", $"[bold]{shapes.Average(s => s.Score):F3}[/]");
        context.Console.Write(table);

        foreach (ColumnMetadata column in real.Metadata.Columns.Where(c => c.Type == ColumnType.Pii))
        {
            var realValues = new HashSet<string>(((TextColumn)real.Table[column.Name]).Values.Where(v => v is not null)!, StringComparer.Ordinal);
            int copied = ((TextColumn)synthetic[column.Name]).Values.Count(v => v is not null && realValues.Contains(v));
            string verdict = copied == 0 ? "[green]none copied[/]" : $"[red]{copied} values equal a real value[/]";
            context.Console.MarkupLine($"PII column [bold]{Markup.Escape(column.Name)}[/] ({column.Pii?.ToString() ?? "pii"}): regenerated, {verdict}.");
        }
    }
}
