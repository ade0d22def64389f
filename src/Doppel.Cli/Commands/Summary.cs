using Doppel.Data;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;
using Spectre.Console;
using Table = Doppel.Data.Table;

namespace Doppel.Cli.Commands;

/// <summary>The short report at the end of synth and demo: the quality score (real vs synthetic), the worst columns, and a check that no real PII value was copied.</summary>
internal static class Summary
{
    private const int MaxRowsToReadBack = 200_000;
    private const int WorstColumns = 3;

    public static void Render(CliContext context, LoadedTable real, string syntheticPath)
    {
        RawTable raw = TableFileReader.Read(syntheticPath);
        if (raw.RowCount > MaxRowsToReadBack)
        {
            context.Console.MarkupLineInterpolated($"(Summary skipped: the output has {raw.RowCount:N0} rows; evaluate a smaller sample.)");
            return;
        }
        Render(context, real, TableBuilder.Build(raw, real.Metadata));
    }

    /// <summary>
    /// Reads a file output back; for a database output, samples the same rows again in memory (same request,
    /// same rows), which costs less than reading them back from the server.
    /// </summary>
    public static void Render(CliContext context, LoadedTable real, string? syntheticPath, SynthesizerModel model, SamplingRequest request)
    {
        if (syntheticPath is not null)
        {
            Render(context, real, syntheticPath);
            return;
        }
        if (request.RowsInShard > MaxRowsToReadBack)
        {
            context.Console.MarkupLineInterpolated($"(Summary skipped: the output has {request.RowsInShard:N0} rows; evaluate a smaller sample.)");
            return;
        }
        var memory = new MemoryTableSink();
        model.Sample(memory, request);
        Render(context, real, memory.ToTable());
    }

    private static void Render(CliContext context, LoadedTable real, Table synthetic)
    {
        EvaluationReport report = new Evaluator().Evaluate(new EvaluationInputs(real.Table, synthetic, real.Metadata));
        EvaluationView.RenderShort(context, report, WorstColumns);

        foreach (ColumnMetadata column in real.Metadata.Columns.Where(c => c.Type == ColumnType.Pii))
        {
            var realValues = new HashSet<string>(((TextColumn)real.Table[column.Name]).Values.Where(v => v is not null)!, StringComparer.Ordinal);
            int copied = ((TextColumn)synthetic[column.Name]).Values.Count(v => v is not null && realValues.Contains(v));
            string verdict = copied == 0 ? "[green]none copied[/]" : $"[red]{copied} values equal a real value[/]";
            context.Console.MarkupLine($"PII column [bold]{Markup.Escape(column.Name)}[/] ({column.Pii?.ToString() ?? "pii"}): regenerated, {verdict}.");
        }
    }
}
