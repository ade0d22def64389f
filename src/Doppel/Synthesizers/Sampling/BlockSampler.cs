using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Sampling;

/// <summary>
/// Runs sampling in fixed-size blocks, each with its own generator forked from (seed, block index),
/// encodes blocks in parallel and writes them in order: byte-identical output for any thread count,
/// and shard i of N writes exactly its block range of the single run.
/// </summary>
internal static class BlockSampler
{
    /// <summary>Rows per block. Part of the determinism contract: changing it changes every output.</summary>
    public const int BlockSize = 8192;

    public static void Run<TEncoded>(SynthesizerModel model, ITableSink<TEncoded> sink, SamplingRequest request, IProgress<SampleProgress>? progress, CancellationToken cancellationToken)
    {
        if (request.Groups.Count > 1 && !request.Conditions.IsEmpty)
            throw new UsageException("A request built from condition groups carries its conditions in the groups; do not also set Conditions.");
        foreach (ConditionGroup group in request.Groups)
        {
            foreach (Condition condition in group.Conditions.Conditions)
                if (model.Metadata.Find(condition.Column) is null)
                    throw new UsageException($"Condition {condition}: the model has no column '{condition.Column}'. Columns that can be conditioned on: {string.Join(", ", model.Metadata.Columns.Where(c => c.IsLearned).Select(c => c.Name))}.");
            model.Learned.Validate(Native(model, group.Conditions));
            _ = new ConditionFilter(Rejected(model, group.Conditions), model.Metadata); // checks the rest now, not mid-run
        }

        (long first, long end) = request.BlockRange;
        Rng root = Rng.FromSeed(request.Seed).Fork("sample");
        Func<long, Table> make = block => SampleBlock(model, request, root, block);
        Func<long, Table, Table>? settle = null;
        if (model.Constraints.Uniques.Count > 0)
        {
            UniqueIndex.CheckFeasible(model.Constraints.Uniques, model.Metadata, request.Rows);
            var index = new UniqueIndex(model.Constraints.Uniques, model.Metadata);
            settle = (block, table) => Settle(model, request, root, index, block, table);
            // A shard must know the keys the blocks before it took: it makes and settles them without writing them.
            Replay(first, request.MaxThreads, make, settle, cancellationToken);
        }
        Stream(sink, first, end, request.RowsInShard, request.MaxThreads, make, progress, cancellationToken, settle);
        sink.Commit();
    }

    private static void Replay(long end, int maxThreads, Func<long, Table> make, Func<long, Table, Table> settle, CancellationToken cancellationToken)
    {
        int window = Math.Max(1, maxThreads) * 2;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = cancellationToken };
        var tables = new Table[window];
        for (long start = 0; start < end; start += window)
        {
            int count = (int)Math.Min(window, end - start);
            long windowStart = start;
            try
            {
                Parallel.For(0, count, parallel, i => tables[i] = make(windowStart + i));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (int i = 0; i < count; i++) settle(windowStart + i, tables[i]);
        }
    }

    /// <summary>
    /// Replaces the rows of a block whose unique keys earlier rows took by fresh rows drawn through the rejection
    /// path; runs on one thread in block order, so the result does not depend on the thread count.
    /// </summary>
    private static Table Settle(SynthesizerModel model, SamplingRequest request, Rng root, UniqueIndex index, long block, Table table)
    {
        int n = table.RowCount;
        var collided = new List<int>();
        for (int r = 0; r < n; r++)
            if (!index.TryAdd(table, r)) collided.Add(r);
        if (collided.Count == 0) return table;
        ConditionSet conditions = request.Groups[request.Block(block).Group].Conditions;
        Table fresh = SampleByRejection(model, conditions, collided.Count, root.Fork("unique").Fork(block), index);
        int[] map = [.. Enumerable.Range(0, n)];
        for (int j = 0; j < collided.Count; j++) map[collided[j]] = n + j;
        var learned = new Table(table.Columns.Where(c => fresh.TryGetColumn(c.Name, out _)));
        Table merged = TableConcatenation.Concatenate([learned, new Table(learned.Columns.Select(c => fresh[c.Name]))]).SelectRows(map);
        return new Table(table.Columns.Select(c => merged.TryGetColumn(c.Name, out Column? replaced) ? replaced : c));
    }

    /// <summary>
    /// Makes blocks [first, end) on up to <paramref name="maxThreads"/> threads and writes them to the sink in order
    /// (without committing it). Shared by sampling and schema generation.
    /// </summary>
    internal static void Stream<TEncoded>(ITableSink<TEncoded> sink, long first, long end, long shardRows, int maxThreads, Func<long, Table> makeBlock,
        IProgress<SampleProgress>? progress, CancellationToken cancellationToken, Func<long, Table, Table>? settle = null)
    {
        int window = Math.Max(1, maxThreads) * 2;
        // Two windows of encoded blocks: while one is written (in order, on one thread at a time), the next is made.
        TEncoded[][] buffers = [new TEncoded[window], new TEncoded[window]];
        int current = 0;
        long written = 0;
        Task? writing = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = cancellationToken };
        try
        {
            for (long start = first; start < end; start += window)
            {
                int count = (int)Math.Min(window, end - start);
                TEncoded[] encoded = buffers[current];
                long windowStart = start;
                try
                {
                    if (settle is null)
                    {
                        Parallel.For(0, count, parallel, i => encoded[i] = sink.Encode(makeBlock(windowStart + i)));
                    }
                    else
                    {
                        // Blocks are made in parallel, settled one after another in order, then encoded in parallel.
                        var tables = new Table[count];
                        Parallel.For(0, count, parallel, i => tables[i] = makeBlock(windowStart + i));
                        for (int i = 0; i < count; i++) tables[i] = settle(windowStart + i, tables[i]);
                        Parallel.For(0, count, parallel, i => encoded[i] = sink.Encode(tables[i]));
                    }
                }
                catch (AggregateException e) when (e.InnerExceptions.Count > 0)
                {
                    // Blocks fail for the same reason; report the first as if sampling were sequential.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
                }
                Finish(writing);
                writing = Task.Run(() =>
                {
                    for (int i = 0; i < count; i++)
                    {
                        sink.Write(encoded[i]);
                        encoded[i] = default!;
                    }
                }, CancellationToken.None);
                current ^= 1;
                // Progress only: counts whole blocks, capped at the shard size, so it reaches exactly 100 % at the end.
                written = Math.Min(shardRows, written + (long)count * BlockSize);
                progress?.Report(new SampleProgress(written, shardRows));
            }
        }
        finally
        {
            // Never leave a write running behind the caller (a failed run disposes the sink next).
            try { writing?.Wait(CancellationToken.None); } catch (AggregateException) when (writing!.IsFaulted) { }
        }
        Finish(writing);
    }

    private static void Finish(Task? writing)
    {
        if (writing is null) return;
        try
        {
            writing.Wait();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>The least acceptance rejection sampling tolerates; below it the request is refused as infeasible.</summary>
    public const double MinimumAcceptance = 1e-4;

    // A condition on a column a constraint rewrites cannot be passed to the model (it learned another form).
    private static bool IsNative(SynthesizerModel model, Condition condition) =>
        !model.Constraints.Rewrites(condition.Column) && model.Learned.SupportsNatively(condition);

    private static ConditionSet Native(SynthesizerModel model, ConditionSet conditions) =>
        new(conditions.Conditions.Where(c => IsNative(model, c)));

    private static Condition[] Rejected(SynthesizerModel model, ConditionSet conditions) =>
        [.. conditions.Conditions.Where(c => !IsNative(model, c))];

    /// <summary>
    /// Meets the conditions the model cannot meet natively by drawing batches (with the native ones applied) and
    /// keeping matching rows, sizing each batch from the acceptance measured so far. Deterministic: batch b draws from
    /// rng.Fork(b). Refuses, with the measured rate, when fewer than <see cref="MinimumAcceptance"/> of the rows match.
    /// </summary>
    private static Table SampleByRejection(SynthesizerModel model, ConditionSet conditions, int rows, Randomness.Rng rng, UniqueIndex? unique = null)
    {
        var filter = new ConditionFilter(Rejected(model, conditions), model.Metadata);
        ConditionSet native = Native(model, conditions);
        var kept = new List<Table>();
        long drawn = 0, accepted = 0;
        for (int batch = 0; accepted < rows; batch++)
        {
            double acceptance = drawn == 0 ? 1 : Math.Max(accepted / (double)drawn, MinimumAcceptance);
            int size = (int)Math.Clamp(Math.Ceiling((rows - accepted) / acceptance * 1.2) + 16, 16, 1_000_000);
            Table sample = model.Constraints.Backward(model.Learned.Sample(size, rng.Fork(batch), native));
            int[] matching = Accepted(model, filter.Matching(sample), sample, rows - accepted, unique);
            drawn += size;
            if (matching.Length > 0)
            {
                kept.Add(sample.SelectRows(matching));
                accepted += matching.Length;
            }
            if (drawn >= 100_000 && accepted / (double)drawn < MinimumAcceptance)
                throw new InfeasibleRequestException(Refusal(model, conditions, unique, accepted, drawn));
        }
        return TableConcatenation.Concatenate(kept);
    }

    /// <summary>The first <paramref name="wanted"/> rows, in order, that match the conditions, pass every predicate and take unused unique keys.</summary>
    private static int[] Accepted(SynthesizerModel model, int[] matching, Table sample, long wanted, UniqueIndex? unique)
    {
        IReadOnlyList<Constraints.PredicateConstraint> predicates = model.Constraints.Predicates;
        if (predicates.Count == 0 && unique is null) return matching.Length <= wanted ? matching : matching[..(int)wanted];
        var result = new List<int>();
        foreach (int row in matching)
        {
            if (result.Count >= wanted) break;
            bool passes = true;
            foreach (Constraints.PredicateConstraint predicate in predicates) passes = passes && predicate.Holds(sample, row);
            if (passes && (unique is null || unique.TryAdd(sample, row))) result.Add(row);
        }
        return [.. result];
    }

    private static string Refusal(SynthesizerModel model, ConditionSet conditions, UniqueIndex? unique, long accepted, long drawn)
    {
        string rate = $"only {accepted:N0} of {drawn:N0} sampled rows ({accepted / (double)drawn:P3})";
        string floor = $"below the {MinimumAcceptance:P2} rejection sampling accepts";
        if (unique is not null)
            return $"The constraint{(unique.Rules.Count == 1 ? "" : "s")} {string.Join(", ", unique.Rules.Select(u => $"\"{u.Describe()}\""))}: {rate} had values not yet used, {floor}; the model has run out of distinct values (its domain has fewer values than the rows requested, or it makes new ones too rarely). Request fewer rows or drop the rule.";
        if (model.Constraints.Predicates.Count > 0)
            return $"Predicate{(model.Constraints.Predicates.Count == 1 ? "" : "s")} {string.Join(", ", model.Constraints.Predicates.Select(p => $"'{p.Name}'"))}{(conditions.IsEmpty ? "" : $" with conditions {string.Join(", ", conditions.Conditions)}")}: {rate} meet them, {floor}; the model makes such rows too rarely. Loosen the predicate or the conditions.";
        return $"Conditions {string.Join(", ", conditions.Conditions)}: {rate} meet them, {floor}; the model makes such rows too rarely. Relax the conditions.";
    }

    private static Table SampleBlock(SynthesizerModel model, SamplingRequest request, Rng root, long block)
    {
        (int group, long index, long firstRow, int rows) = request.Block(block);
        // A plain request forks block b from the root; groups fork by group first, so each group's rows
        // depend only on the seed, its position and its own conditions.
        Rng rng = request.Groups.Count == 1 ? root.Fork(block) : root.Fork("group").Fork(group).Fork(index);
        ConditionSet conditions = request.Groups[group].Conditions;
        Table learned = conditions.Conditions.All(c => IsNative(model, c)) && model.Constraints.Predicates.Count == 0
            ? model.Constraints.Backward(model.Learned.Sample(rows, rng.Fork("learned"), conditions))
            : SampleByRejection(model, conditions, rows, rng.Fork("learned"));
        IReadOnlyList<Column> surrogates = model.Surrogates.Sample(firstRow, rows, rng.Fork("surrogates"), request.Locale, request.ExcludedValues);
        var columns = new Column[model.Metadata.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            string name = model.Metadata.Columns[c].Name;
            columns[c] = learned.TryGetColumn(name, out Column? column) ? column : surrogates.First(s => s.Name == name);
        }
        return new Table(columns);
    }
}
