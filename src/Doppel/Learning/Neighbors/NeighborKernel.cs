using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Doppel.Learning.Neighbors;

/// <summary>
/// The exact k-nearest-neighbour kernel. The reference rows are laid out in tiles of <see cref="TileSize"/> rows,
/// column after column, so one column of a tile is a contiguous run of floats. A block of queries walks the tiles
/// in reference order; within a tile, four queries at a time are compared with sixteen reference rows in eight
/// AVX registers, summing min(|r − q|, 1) column by column (for the leading categorical columns the same value comes
/// from an equality test). Every four columns, once all sixteen-by-four sums have reached their queries' k-th best,
/// the chunk stops early. A candidate enters a query's list only when its sum is strictly below the current k-th best,
/// so among equal distances the lowest reference index wins, and every sum is added in column order whatever the
/// tiling or thread: results are the same for any thread count.
/// </summary>
internal static class NeighborKernel
{
    /// <summary>Reference rows per tile: a tile of 15 columns is 15 KiB and stays in L1 while a query block passes.</summary>
    internal const int TileSize = 256;

    /// <summary>Queries per block: the unit of parallel work.</summary>
    internal const int QueryBlock = 64;

    private const int Group = 4;
    // Columns between two early-exit checks.
    private const int CheckEvery = 4;
    private const int Chunk = 16;
    // Padding lanes of the last tile hold this value; they are never reported (index check), only kept cheap.
    private const float Padding = 1e30f;

    /// <summary>Σ min(|a − b|, 1) over the columns, in column order: exactly what the vector kernel computes per pair.</summary>
    public static float SumDifferences(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int c = 0; c < a.Length; c++) sum += MathF.Min(MathF.Abs(a[c] - b[c]), 1f);
        return sum;
    }

    /// <summary>The reference rows in tile layout: tile t, column c, lane l at ((t · D + c) · TileSize + l).</summary>
    public static float[] Tile(EncodedRows reference)
    {
        int n = reference.Count, d = reference.Dimensions;
        int tiles = (n + TileSize - 1) / TileSize;
        var tiled = new float[(long)tiles * d * TileSize];
        tiled.AsSpan().Fill(Padding);
        float[] values = reference.Values;
        for (int r = 0; r < n; r++)
        {
            long tileBase = (long)(r / TileSize) * d * TileSize + r % TileSize;
            for (int c = 0; c < d; c++) tiled[tileBase + (long)c * TileSize] = values[(long)r * d + c];
        }
        return tiled;
    }

    /// <summary>Finds the k smallest sums for queries [start, end); writes ranks in order to <paramref name="indices"/> and <paramref name="sums"/> (k per query).</summary>
    public static void SearchBlock(EncodedRows queries, int start, int end, float[] tiled, int referenceCount, int k,
        bool excludeSelf, int[] indices, float[] sums)
    {
        int d = queries.Dimensions, categorical = queries.CategoricalDimensions;
        int count = end - start;
        int groups = (count + Group - 1) / Group;
        Span<float> best = sums.AsSpan(start * k, count * k);
        Span<int> bestIndex = indices.AsSpan(start * k, count * k);
        best.Fill(float.PositiveInfinity);
        bestIndex.Fill(-1);

        // Query values of the block, four per group; missing group members get a threshold of −∞ and never insert.
        var q = new float[groups * Group * d];
        queries.Values.AsSpan(start * d, count * d).CopyTo(q);
        var thresholds = new float[groups * Group];
        thresholds.AsSpan(0, count).Fill(float.PositiveInfinity);
        thresholds.AsSpan(count).Fill(float.NegativeInfinity);

        Span<float> lanes = stackalloc float[Chunk];
        Vector256<float> one = Vector256.Create(1f);
        int tiles = tiled.Length / (d * TileSize);
        for (int t = 0; t < tiles; t++)
        {
            int tileStart = t * TileSize;
            int valid = Math.Min(TileSize, referenceCount - tileStart);
            int chunks = (valid + Chunk - 1) / Chunk;
            ref float tile = ref tiled[(long)t * d * TileSize];
            for (int g = 0; g < groups; g++)
            {
                ref float qg = ref q[g * Group * d];
                for (int ch = 0; ch < chunks; ch++)
                {
                    int j = ch * Chunk;
                    // Eight accumulators live in registers: queries 0–3 of the group × reference lanes j..j+7, j+8..j+15.
                    Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
                    Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
                    int q0 = g * Group;
                    bool below = true;
                    for (int c = 0; c < d;)
                    {
                        ref float column = ref Unsafe.Add(ref tile, c * TileSize + j);
                        Vector256<float> r0 = Vector256.LoadUnsafe(ref column);
                        Vector256<float> r1 = Vector256.LoadUnsafe(ref column, 8);
                        Vector256<float> b = Vector256.Create(Unsafe.Add(ref qg, c));
                        if (c < categorical)
                        {
                            // Integer codes: min(|a − b|, 1) is exactly 1 where they differ, 0 where equal.
                            a00 += Vector256.AndNot(one, Vector256.Equals(r0, b));
                            a01 += Vector256.AndNot(one, Vector256.Equals(r1, b));
                            b = Vector256.Create(Unsafe.Add(ref qg, d + c));
                            a10 += Vector256.AndNot(one, Vector256.Equals(r0, b));
                            a11 += Vector256.AndNot(one, Vector256.Equals(r1, b));
                            b = Vector256.Create(Unsafe.Add(ref qg, 2 * d + c));
                            a20 += Vector256.AndNot(one, Vector256.Equals(r0, b));
                            a21 += Vector256.AndNot(one, Vector256.Equals(r1, b));
                            b = Vector256.Create(Unsafe.Add(ref qg, 3 * d + c));
                            a30 += Vector256.AndNot(one, Vector256.Equals(r0, b));
                            a31 += Vector256.AndNot(one, Vector256.Equals(r1, b));
                        }
                        else
                        {
                            a00 += Vector256.Min(Vector256.Abs(r0 - b), one);
                            a01 += Vector256.Min(Vector256.Abs(r1 - b), one);
                            b = Vector256.Create(Unsafe.Add(ref qg, d + c));
                            a10 += Vector256.Min(Vector256.Abs(r0 - b), one);
                            a11 += Vector256.Min(Vector256.Abs(r1 - b), one);
                            b = Vector256.Create(Unsafe.Add(ref qg, 2 * d + c));
                            a20 += Vector256.Min(Vector256.Abs(r0 - b), one);
                            a21 += Vector256.Min(Vector256.Abs(r1 - b), one);
                            b = Vector256.Create(Unsafe.Add(ref qg, 3 * d + c));
                            a30 += Vector256.Min(Vector256.Abs(r0 - b), one);
                            a31 += Vector256.Min(Vector256.Abs(r1 - b), one);
                        }
                        // Terms are non-negative and float addition is monotone, so once every sum of the chunk has
                        // reached its query's threshold, no later column can bring one back below it: stop early.
                        if (++c % CheckEvery == 0 || c == d)
                        {
                            below = AnyBelow(a00, a01, a10, a11, a20, a21, a30, a31, thresholds, q0);
                            if (!below) break;
                        }
                    }
                    if (!below) continue;

                    int first = tileStart + j, limit = Math.Min(Chunk, valid - j);
                    Offer(a00, a01, lanes, q0, first, limit, start, count, k, excludeSelf, thresholds, best, bestIndex);
                    Offer(a10, a11, lanes, q0 + 1, first, limit, start, count, k, excludeSelf, thresholds, best, bestIndex);
                    Offer(a20, a21, lanes, q0 + 2, first, limit, start, count, k, excludeSelf, thresholds, best, bestIndex);
                    Offer(a30, a31, lanes, q0 + 3, first, limit, start, count, k, excludeSelf, thresholds, best, bestIndex);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnyBelow(Vector256<float> a00, Vector256<float> a01, Vector256<float> a10, Vector256<float> a11,
        Vector256<float> a20, Vector256<float> a21, Vector256<float> a30, Vector256<float> a31, float[] thresholds, int q0)
    {
        Vector256<float> t0 = Vector256.Create(thresholds[q0]), t1 = Vector256.Create(thresholds[q0 + 1]);
        Vector256<float> t2 = Vector256.Create(thresholds[q0 + 2]), t3 = Vector256.Create(thresholds[q0 + 3]);
        Vector256<float> any = Vector256.LessThan(a00, t0) | Vector256.LessThan(a01, t0) | Vector256.LessThan(a10, t1)
            | Vector256.LessThan(a11, t1) | Vector256.LessThan(a20, t2) | Vector256.LessThan(a21, t2)
            | Vector256.LessThan(a30, t3) | Vector256.LessThan(a31, t3);
        return any.ExtractMostSignificantBits() != 0;
    }

    // Offers sixteen candidate sums (reference rows first .. first + limit − 1) to one query of the block.
    private static void Offer(Vector256<float> low, Vector256<float> high, Span<float> lanes, int query, int first, int limit,
        int start, int count, int k, bool excludeSelf, float[] thresholds, Span<float> best, Span<int> bestIndex)
    {
        if (query >= count) return;
        low.CopyTo(lanes);
        high.CopyTo(lanes[8..]);
        Span<float> sums = best.Slice(query * k, k);
        Span<int> indices = bestIndex.Slice(query * k, k);
        for (int l = 0; l < limit; l++)
        {
            float sum = lanes[l];
            if (!(sum < sums[k - 1])) continue;
            int index = first + l;
            if (excludeSelf && index == start + query) continue;
            int position = k - 1;
            while (position > 0 && sums[position - 1] > sum)
            {
                sums[position] = sums[position - 1];
                indices[position] = indices[position - 1];
                position--;
            }
            sums[position] = sum;
            indices[position] = index;
        }
        thresholds[query] = sums[k - 1];
    }
}
