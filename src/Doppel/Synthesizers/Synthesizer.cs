using System.Diagnostics;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers;

/// <summary>Fits a whole table: the synthesizer learns the learned columns, <see cref="SurrogateModel"/> the rest.</summary>
public static class Synthesizer
{
    /// <summary>The fewest rows a fit accepts: fewer would reproduce the rows themselves.</summary>
    public const int MinimumRows = 2;

    /// <summary>Fits <paramref name="synthesizer"/> on <paramref name="table"/>; returns an immutable model.</summary>
    public static SynthesizerModel Fit(this ISynthesizer synthesizer, Table table, Metadata metadata, FitOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new FitOptions();
        if (table.RowCount < MinimumRows)
            throw new DataFormatException($"The table has {table.RowCount} row{(table.RowCount == 1 ? "" : "s")}; fitting needs at least {MinimumRows} (with fewer, a synthesizer could only copy the data).");
        MetadataValidator.CheckAgainst(metadata, [.. table.ColumnNames], options.SourceName);
        Constraints.ConstraintSet constraints = Constraints.ConstraintSet.For(metadata);
        constraints.CheckData(table);

        var clock = Stopwatch.StartNew();
        var rng = Rng.FromSeed(options.Seed).Fork("fit");
        var learnedMetadata = new Metadata([.. metadata.Columns.Where(c => c.IsLearned)]);
        var learnedTable = new Table(learnedMetadata.Columns.Select(c => table[c.Name]));
        // Constrained columns are learned in rewritten forms in which every value is valid; sampling rebuilds them.
        ILearnedModel learned = synthesizer.FitLearned(constraints.Forward(learnedTable), constraints.Transform(learnedMetadata), rng.Fork("learned"), progress, cancellationToken);
        SurrogateModel surrogates = SurrogateModel.Fit(table, metadata);
        var lineage = new ModelLineage
        {
            SourceName = options.SourceName,
            SourceSha256 = options.SourceSha256,
            Rows = table.RowCount,
            Columns = metadata.Columns.Count,
            Seed = options.Seed,
            FitSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        return new SynthesizerModel(metadata, learned, surrogates, lineage, SynthesizerRegistry.OptionsOf(synthesizer));
    }
}
