using System.Diagnostics;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;
using Spectre.Console;

namespace Doppel.Cli.Commands;

/// <summary>Samples a model into a file with progress, then reports what was written.</summary>
internal static class Sampling
{
    /// <summary>Opens the output first (so a bad path fails before any work), then samples into it.</summary>
    public static void ToFile(CliContext context, SynthesizerModel model, SamplingRequest request, string output, bool force) =>
        ToOutput(context, model, request, Sinks.From(output, null, null, force));

    /// <summary>Opens the output (a file or a database table), samples into it with progress, and reports what was written.</summary>
    public static void ToOutput(CliContext context, SynthesizerModel model, SamplingRequest request, Sinks output)
    {
        var clock = Stopwatch.StartNew();
        using (ITableSink<object> sink = output.Open(model.Metadata))
        {
            ProgressDisplay.Run(context, "Sampling", progress =>
            {
                model.Sample(sink, request, new Forward(progress));
                return 0;
            });
        }
        long rows = request.RowsInShard;
        double seconds = clock.Elapsed.TotalSeconds;
        string shard = request.Shard.Count > 1 ? $" (shard {request.Shard} of {request.Rows:N0} rows)" : "";
        context.Console.MarkupLineInterpolated($"Wrote [bold]{rows:N0}[/] rows{shard} to [bold]{output.Describe()}[/] in {seconds:F2} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s).");
    }

    private sealed class Forward(IProgress<(double, string)> target) : IProgress<SampleProgress>
    {
        public void Report(SampleProgress value) =>
            target.Report((value.RowsTotal == 0 ? 1 : value.RowsWritten / (double)value.RowsTotal, $"{value.RowsWritten:N0} rows"));
    }
}
