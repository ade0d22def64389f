using Doppel.Data;
using Doppel.Learning.Neighbors;
using Doppel.Randomness;

namespace Doppel.Evaluation.Privacy;

/// <summary>
/// The privacy group of an evaluation: exact matches, distance to closest record (and its share against a holdout),
/// nearest-neighbour distance ratio, distance-based membership inference, attribute inference on sensitive columns,
/// k-anonymity and singling out on quasi-identifiers. Distances are Gower distances over the learned columns
/// (<see cref="GowerSpace"/>). Every random choice comes from <see cref="EvaluationInputs.Seed"/>; results do not
/// depend on <see cref="EvaluationInputs.MaxThreads"/>. A metric that cannot be computed is skipped with a reason.
/// Searches are exact; to bound their cost (queries × reference rows) each asks for the neighbours of at most
/// <see cref="MaxQueries"/> rows per table, a seeded sample, while the table searched is always complete.
/// </summary>
public static partial class PrivacyMetrics
{
    /// <summary>The report section of every result.</summary>
    public const string Group = "privacy";

    /// <summary>The most rows of one table whose neighbours a distance metric looks up (a seeded sample beyond it).</summary>
    public const int MaxQueries = 50_000;

    /// <summary>Computes every privacy metric the inputs allow; the others come back skipped with the reason.</summary>
    public static IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string[] columns = SharedColumns(inputs);
        string? problem =
            inputs.Real.RowCount == 0 ? "The real table has no rows."
            : inputs.Synthetic.RowCount == 0 ? "The synthetic table has no rows."
            : columns.Length == 0 ? "The real and synthetic tables share no learned (numerical, categorical, boolean or datetime) column."
            : null;
        if (problem is not null)
            return [.. Catalogue.Select(m => MetricResult.Skipped(Group, m.Name, problem, m.Meaning))];

        var context = new Context(inputs, columns, cancel);
        var results = new List<MetricResult> { ExactMatches(context), ClosestRecord(context), ClosestRecordShare(context), DistanceRatio(context) };
        cancel.ThrowIfCancellationRequested();
        results.Add(MembershipInference(context));
        cancel.ThrowIfCancellationRequested();
        results.AddRange(AttributeInference(context));
        cancel.ThrowIfCancellationRequested();
        results.Add(KAnonymity(context));
        results.Add(SinglingOut(context));
        return results;
    }

    /// <summary>
    /// The DCR share alone (synthetic rows closer to a training row than to any holdout row; 0.5 ideal), for choosing
    /// among synthesizers without the whole privacy section. Null when the inputs allow no comparison.
    /// </summary>
    internal static double? DcrShare(EvaluationInputs inputs, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string[] columns = SharedColumns(inputs);
        if (inputs.Real.RowCount == 0 || inputs.Synthetic.RowCount == 0 || columns.Length == 0 || inputs.Holdout is not { RowCount: > 0 }) return null;
        return ClosestRecordShare(new Context(inputs, columns, cancel)).Raw;
    }

    private static readonly (string Name, string Meaning)[] Catalogue =
    [
        (ExactMatchName, ExactMatchMeaning),
        (ClosestRecordName, ClosestRecordMeaning),
        (ShareName, ShareMeaning),
        (RatioName, RatioMeaning),
        (MembershipName, MembershipMeaning),
        (AttributeName, AttributeMeaning),
        (KAnonymityName, KAnonymityMeaning),
        (SinglingOutName, SinglingOutMeaning),
    ];

    // Learned columns present, with the storage their type calls for, in the real, synthetic and (when given) holdout tables.
    private static string[] SharedColumns(EvaluationInputs inputs)
    {
        Table? holdout = inputs.Holdout is { RowCount: > 0 } h ? h : null;
        return [.. inputs.Metadata.Columns
            .Where(c => c.IsLearned)
            .Where(c => Fits(inputs.Real, c) && Fits(inputs.Synthetic, c) && (holdout is null || Fits(holdout, c)))
            .Select(c => c.Name)];
    }

    private static bool Fits(Table table, ColumnMetadata column) =>
        table.TryGetColumn(column.Name, out Column? found) && found.Kind == column.Type switch
        {
            ColumnType.Numerical => ColumnKind.Numeric,
            ColumnType.DateTime => ColumnKind.DateTime,
            _ => ColumnKind.Categorical,
        };

    private static MetricResult Unscored(string name, double raw, string reason, string meaning, IReadOnlyList<MetricPart> breakdown) =>
        new(Group, name, null, raw, meaning) { Reason = reason, Breakdown = breakdown };

    /// <summary>Everything the metrics share: encoded tables, the seeded equal-size samples, and the searches several metrics read.</summary>
    private sealed class Context
    {
        private NeighborResult? _syntheticToTrain;
        private NeighborResult? _holdoutToTrain;

        public Context(EvaluationInputs inputs, string[] columns, CancellationToken cancel)
        {
            Inputs = inputs;
            Columns = columns;
            Cancel = cancel;
            Threads = Math.Max(1, inputs.MaxThreads);
            Holdout = inputs.Holdout is { RowCount: > 0 } h ? h : null;
            Space = GowerSpace.Fit(inputs.Real, columns);
            Train = Space.Encode(inputs.Real);
            Synthetic = Space.Encode(inputs.Synthetic);
            Rng = Rng.FromSeed(inputs.Seed).Fork("privacy");
            SyntheticQueries = Queries(Synthetic, "synthetic-queries");
            if (Holdout is not null)
            {
                HoldoutRows = Space.Encode(Holdout);
                HoldoutQueries = Queries(HoldoutRows, "holdout-queries");
                int size = Math.Min(Math.Min(inputs.Real.RowCount, Holdout.RowCount), MaxQueries);
                TrainSample = PrivacyStatistics.Sample(inputs.Real.RowCount, size, Rng.Fork("train-sample"));
                HoldoutSample = PrivacyStatistics.Sample(Holdout.RowCount, size, Rng.Fork("holdout-sample"));
            }
        }

        public EvaluationInputs Inputs { get; }
        public string[] Columns { get; }
        public CancellationToken Cancel { get; }
        public int Threads { get; }
        public Rng Rng { get; }
        public GowerSpace Space { get; }
        public EncodedRows Train { get; }
        public EncodedRows Synthetic { get; }

        /// <summary>The synthetic rows whose neighbours are looked up: all of them up to <see cref="MaxQueries"/>, else a seeded sample.</summary>
        public EncodedRows SyntheticQueries { get; }

        /// <summary>The holdout, when given and not empty.</summary>
        public Table? Holdout { get; }
        public EncodedRows? HoldoutRows { get; }
        public EncodedRows? HoldoutQueries { get; }

        /// <summary>Training rows sampled down to the holdout's size (all of them when the holdout is larger; at most <see cref="MaxQueries"/>), sorted.</summary>
        public int[] TrainSample { get; } = [];

        /// <summary>Holdout rows sampled down to the training set's size (all of them when training is larger; at most <see cref="MaxQueries"/>), sorted.</summary>
        public int[] HoldoutSample { get; } = [];

        /// <summary>Neighbours kept for DCR and NNDR: two when training has two rows.</summary>
        public int ClosestK => Math.Min(2, Train.Count);

        public NeighborResult SyntheticToTrain => _syntheticToTrain ??= Search(SyntheticQueries, Train, ClosestK);

        public NeighborResult HoldoutToTrain => _holdoutToTrain ??= Search(HoldoutQueries!, Train, ClosestK);

        private EncodedRows Queries(EncodedRows rows, string name) => rows.Count <= MaxQueries
            ? rows
            : rows.Select(PrivacyStatistics.Sample(rows.Count, MaxQueries, Rng.Fork(name)));

        public NeighborResult Search(EncodedRows queries, EncodedRows reference, int k) =>
            NearestNeighbors.Search(queries, reference, k, Threads, cancel: Cancel);
    }
}
