namespace Doppel.Synthesizers.Sampling;

/// <summary>One part of a sharded sampling run: shard <see cref="Index"/> (0-based) of <see cref="Count"/>.</summary>
public readonly record struct Shard
{
    public Shard(int index, int count)
    {
        if (count < 1) throw new UsageException($"A shard count must be at least 1; got {count}.");
        if (index < 0 || index >= count) throw new UsageException($"Shard index {index} is outside 0..{count - 1}.");
        Index = index;
        Count = count;
    }

    /// <summary>0-based shard number.</summary>
    public int Index { get; }

    /// <summary>How many shards make the whole run.</summary>
    public int Count { get; }

    /// <summary>The single shard that is the whole run.</summary>
    public static Shard Whole => new(0, 1);

    /// <summary>Parses <c>i/N</c>, or <c>auto/N</c> which reads the index from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID.</summary>
    public static Shard Parse(string text, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        environment ??= Environment.GetEnvironmentVariable;
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[1], out int count))
            throw new UsageException($"--shard \"{text}\" is not of the form i/N (e.g. 0/4) or auto/N.");
        if (parts[0].Trim() == "auto")
        {
            string? value = environment("JOB_COMPLETION_INDEX") ?? environment("SLURM_ARRAY_TASK_ID");
            if (value is null)
                throw new UsageException("--shard auto/N needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) in the environment; neither is set.");
            if (!int.TryParse(value, out int fromEnvironment))
                throw new UsageException($"The shard index from the environment, \"{value}\", is not a whole number.");
            return new Shard(fromEnvironment, count);
        }
        if (!int.TryParse(parts[0], out int index))
            throw new UsageException($"--shard \"{text}\" is not of the form i/N (e.g. 0/4) or auto/N.");
        return new Shard(index, count);
    }

    /// <summary>The block range [first, end) this shard owns out of <paramref name="blocks"/> blocks.</summary>
    public (long First, long End) BlockRange(long blocks) =>
        (blocks * Index / Count, blocks * (Index + 1) / Count);

    public override string ToString() => $"{Index}/{Count}";
}
