using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Synthesizers;

/// <summary>
/// A fitted synthesizer for a whole table: the learned model, the regeneration of ids, PII and text,
/// the full metadata and the lineage. Immutable; sampling never changes it.
/// </summary>
public sealed class SynthesizerModel
{
    internal SynthesizerModel(Metadata metadata, ILearnedModel learned, SurrogateModel surrogates, ModelLineage lineage, JsonObject options)
    {
        Metadata = metadata;
        Learned = learned;
        Surrogates = surrogates;
        Lineage = lineage;
        Options = options;
    }

    /// <summary>Which synthesizer fitted the model.</summary>
    public SynthesizerKind Kind => Learned.Kind;

    /// <summary>Every column of the table, in order.</summary>
    public Metadata Metadata { get; }

    /// <summary>The table's constraints, rebuilt from the metadata: sampling applies their inverse transforms.</summary>
    public Constraints.ConstraintSet Constraints => field ??= Doppel.Constraints.ConstraintSet.For(Metadata);

    /// <summary>The fitted model of the learned columns (constrained columns in their rewritten forms).</summary>
    public ILearnedModel Learned { get; }

    /// <summary>How ids, PII and text are regenerated.</summary>
    public SurrogateModel Surrogates { get; }

    /// <summary>Where the model came from.</summary>
    public ModelLineage Lineage { get; }

    /// <summary>The synthesizer's options as saved in the manifest (a copy).</summary>
    public JsonObject Options { get => (JsonObject)field.DeepClone(); }

    /// <summary>Samples a table in memory. Same seed, same rows.</summary>
    public Table Sample(int rows, long seed = 0, ConditionSet? conditions = null, string locale = "en")
    {
        var sink = new MemoryTableSink();
        Sample(sink, new SamplingRequest(rows) { Seed = seed, Conditions = conditions ?? ConditionSet.None, Locale = locale });
        return sink.ToTable();
    }

    /// <summary>Streams rows into a sink block by block, in constant memory; the output is the same whatever the thread count.</summary>
    public void Sample<TEncoded>(ITableSink<TEncoded> sink, SamplingRequest request, IProgress<SampleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(request);
        BlockSampler.Run(this, sink, request, progress, cancellationToken);
    }
}
