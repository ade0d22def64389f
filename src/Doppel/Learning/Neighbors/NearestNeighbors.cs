namespace Doppel.Learning.Neighbors;

/// <summary>
/// Exact k-nearest-neighbour search under a <see cref="GowerSpace"/> distance: every query is compared with every
/// reference row (no approximation), blocks of queries run in parallel, and the result does not depend on the
/// thread count. Equal distances are ordered by reference index.
/// </summary>
public static class NearestNeighbors
{
    /// <summary>The <paramref name="k"/> nearest rows of <paramref name="reference"/> for every row of <paramref name="queries"/>.</summary>
    /// <param name="queries">Rows to find neighbours for, encoded by the same space as <paramref name="reference"/>.</param>
    /// <param name="reference">Rows to search.</param>
    /// <param name="k">Neighbours per query (at least 1, at most the reference rows, one fewer when excluding self).</param>
    /// <param name="maxThreads">Threads to use (0 = all cores); the result is the same for any value.</param>
    /// <param name="excludeSelf">For a self-search (queries and reference are the same rows): never return a query's own row.</param>
    /// <param name="cancel">Stops the search between query blocks.</param>
    public static NeighborResult Search(EncodedRows queries, EncodedRows reference, int k, int maxThreads = 0,
        bool excludeSelf = false, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegative(maxThreads);
        if (queries.Dimensions != reference.Dimensions || queries.CategoricalDimensions != reference.CategoricalDimensions)
            throw new ArgumentException($"Queries have {queries.Dimensions} columns but the reference has {reference.Dimensions}; encode both with the same GowerSpace.", nameof(reference));
        if (excludeSelf && !ReferenceEquals(queries, reference) && queries.Count != reference.Count)
            throw new ArgumentException("excludeSelf needs the queries to be the reference rows themselves.", nameof(excludeSelf));
        int available = reference.Count - (excludeSelf ? 1 : 0);
        if (k < 1 || k > available)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {available} (the reference rows{(excludeSelf ? " other than the query itself" : "")}).");

        var indices = new int[(long)queries.Count * k];
        var sums = new float[(long)queries.Count * k];
        if (queries.Count > 0)
        {
            float[] tiled = NeighborKernel.Tile(reference);
            int blocks = (queries.Count + NeighborKernel.QueryBlock - 1) / NeighborKernel.QueryBlock;
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = maxThreads == 0 ? Environment.ProcessorCount : maxThreads,
                CancellationToken = cancel,
            };
            Parallel.For(0, blocks, options, block =>
            {
                int start = block * NeighborKernel.QueryBlock;
                int end = Math.Min(queries.Count, start + NeighborKernel.QueryBlock);
                NeighborKernel.SearchBlock(queries, start, end, tiled, reference.Count, k, excludeSelf, indices, sums);
            });
        }
        float dimensions = queries.Dimensions;
        for (int i = 0; i < sums.Length; i++) sums[i] /= dimensions;
        return new NeighborResult(queries.Count, k, indices, sums);
    }
}
