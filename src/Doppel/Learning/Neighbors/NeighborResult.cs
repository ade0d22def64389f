namespace Doppel.Learning.Neighbors;

/// <summary>The k nearest reference rows of every query row, nearest first (equal distances: lower reference index first).</summary>
public sealed class NeighborResult
{
    private readonly int[] _indices;
    private readonly float[] _distances;

    internal NeighborResult(int queryCount, int k, int[] indices, float[] distances) =>
        (QueryCount, K, _indices, _distances) = (queryCount, k, indices, distances);

    /// <summary>Number of query rows.</summary>
    public int QueryCount { get; }

    /// <summary>Neighbours kept per query.</summary>
    public int K { get; }

    /// <summary>The reference index of the neighbour of <paramref name="query"/> at <paramref name="rank"/> (0 = nearest).</summary>
    public int Index(int query, int rank) => _indices[Slot(query, rank)];

    /// <summary>The distance (in [0, 1]) to the neighbour of <paramref name="query"/> at <paramref name="rank"/> (0 = nearest).</summary>
    public double Distance(int query, int rank) => _distances[Slot(query, rank)];

    /// <summary>For every query, the distance to its neighbour at <paramref name="rank"/> (0 = nearest).</summary>
    public double[] Distances(int rank = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, K);
        var result = new double[QueryCount];
        for (int q = 0; q < result.Length; q++) result[q] = _distances[q * K + rank];
        return result;
    }

    private int Slot(int query, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query, QueryCount);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, K);
        return query * K + rank;
    }
}
