using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>
/// Data parallelism for small networks: a batch is cut into a fixed number of shards, each shard runs forward and
/// backward on its own replica of the network (same values, its own activations and gradients) on its own core,
/// and the replicas' gradients are summed into the first in shard order. At the sizes of tabular models
/// (GEMMs of a few hundred rows by 128 or 256) splitting each multiply across cores costs a synchronisation per
/// multiply and leaves the element-wise work serial; one fork per step does not. The shard count is part of the
/// algorithm, not of the machine, so the result is bitwise the same on any number of threads.
/// </summary>
public static class DataParallel
{
    /// <summary>Shards per batch.</summary>
    public const int Shards = 2;

    /// <summary>The rows of shard <paramref name="shard"/> of a batch of <paramref name="rows"/>.</summary>
    public static Range Rows(int rows, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Shards);
        return new Range((int)((long)rows * shard / Shards), (int)((long)rows * (shard + 1) / Shards));
    }

    /// <summary>Runs <paramref name="work"/> for every shard: side by side when two or more threads are allowed, else in order.</summary>
    public static void Run(int maxThreads, Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (maxThreads < 2)
        {
            for (int s = 0; s < Shards; s++) work(s);
            return;
        }
        WorkerTeam.Run(Shards, work);
    }

    /// <summary>One shard's part of a batch: its index, its rows [start, start + count) and its own random generator.</summary>
    public delegate void ShardWork(int shard, int start, int count, Rng rng);

    /// <summary>
    /// Runs <paramref name="work"/> on every shard's rows of a batch of <paramref name="rows"/>, each shard with a
    /// generator seeded from <paramref name="rng"/> in shard order before any runs, so the draws do not depend on
    /// timing or thread count.
    /// </summary>
    public static void RunRows(int rows, int maxThreads, Rng rng, ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(work);
        var seeds = new ulong[Shards];
        for (int s = 0; s < Shards; s++) seeds[s] = rng.NextUInt64();
        Run(maxThreads, s =>
        {
            (int start, int count) = Rows(rows, s).GetOffsetAndLength(rows);
            work(s, start, count, new Rng(seeds[s]));
        });
    }

    /// <summary>Adds the gradients of <paramref name="from"/> into <paramref name="into"/> (the same network's parameters, in the same order).</summary>
    public static void SumGradients(IReadOnlyList<Parameter> into, IReadOnlyList<Parameter> from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        if (into.Count != from.Count) throw new ArgumentException($"Replicas differ: {into.Count} against {from.Count} parameters.", nameof(from));
        for (int i = 0; i < into.Count; i++)
            System.Numerics.Tensors.TensorPrimitives.Add(into[i].Gradient, from[i].Gradient, into[i].Gradient);
    }

    /// <summary>Makes every parameter of <paramref name="replica"/> share the values of the same parameter of <paramref name="trained"/> (the same network's parameters, in the same order).</summary>
    public static void ShareValues(IReadOnlyList<Parameter> trained, IReadOnlyList<Parameter> replica)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(replica);
        if (trained.Count != replica.Count) throw new ArgumentException($"Replicas differ: {trained.Count} against {replica.Count} parameters.", nameof(replica));
        for (int i = 0; i < trained.Count; i++) replica[i].ShareValuesOf(trained[i]);
    }
}
