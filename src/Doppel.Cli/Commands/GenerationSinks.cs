using Doppel.Generation;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Cli.Commands;

/// <summary>
/// Opens the sink for one generated table, chosen by its output path, and streams the table into it without
/// committing (so that all tables of a run become visible together). One place to add a sink kind: database
/// sinks plug in here as another branch that opens their <see cref="ITableSink{TEncoded}"/>.
/// </summary>
internal static class GenerationSinks
{
    /// <summary>Fails before any work when a table's output cannot be written.</summary>
    public static void Check(string target, bool force) => AtomicFileWriter.CheckTarget(target, force);

    /// <summary>Generates <paramref name="table"/> into a new sink for <paramref name="target"/>; the caller commits or disposes it.</summary>
    public static Committable Write(GenerationPlan plan, GeneratedTable table, string target, bool force, Shard shard, IProgress<SampleProgress>? progress)
    {
        string extension = Path.GetExtension(target).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".tsv" or ".jsonl" or ".ndjson" => Run(new FileTableSink(target, table.Metadata, force), plan, table, shard, progress),
            _ => throw new UsageException($"Cannot write '{target}': its extension '{extension}' is not a supported output; use .csv, .tsv, .jsonl or .ndjson."),
        };
    }

    private static Committable Run<T>(ITableSink<T> sink, GenerationPlan plan, GeneratedTable table, Shard shard, IProgress<SampleProgress>? progress)
    {
        try
        {
            plan.Write(table.Name, sink, shard, progress);
            return new Committable(sink.Commit, sink);
        }
        catch
        {
            sink.Dispose();
            throw;
        }
    }

    /// <summary>A written sink waiting for the whole run to succeed.</summary>
    internal sealed class Committable(Action commit, IDisposable sink) : IDisposable
    {
        public void Commit() => commit();

        public void Dispose() => sink.Dispose();
    }
}
