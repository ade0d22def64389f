using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>The batches of one epoch: a seeded shuffle cut into batches, or (under DP-SGD) independent Poisson samples.</summary>
public static class BatchPlan
{
    /// <summary>Rows of each batch of one epoch.</summary>
    public static IEnumerable<int[]> Epoch(int rows, int batchSize, PrivacyPlan? privacy, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (privacy is not null)
        {
            int steps = Math.Max(1, (int)Math.Round(rows / (double)batchSize));
            for (int s = 0; s < steps; s++) yield return DpSgd.PoissonBatch(rows, privacy.SamplingRate, rng);
            yield break;
        }
        int[] order = [.. Enumerable.Range(0, rows)];
        for (int i = rows - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (int start = 0; start < rows; start += batchSize)
            yield return order[start..Math.Min(rows, start + batchSize)];
    }

    /// <summary>Copies the given rows of <paramref name="data"/> into a (reused) batch tensor.</summary>
    public static Tensor Gather(Tensor data, ReadOnlySpan<int> rows, Tensor? reuse)
    {
        ArgumentNullException.ThrowIfNull(data);
        Tensor batch = Tensor.Reuse(reuse, rows.Length, data.Columns);
        for (int r = 0; r < rows.Length; r++) data.Row(rows[r]).CopyTo(batch.Row(r));
        return batch;
    }
}
