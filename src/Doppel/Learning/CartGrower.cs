using System.Buffers;

namespace Doppel.Learning;

/// <summary>
/// What a CART tree may become: the fewest training rows in a leaf, the least improvement of a split relative to the
/// root's impurity (rpart's complexity parameter) and the deepest node.
/// </summary>
public sealed record CartLimits
{
    /// <summary>The fewest training rows in a leaf.</summary>
    public int MinLeafSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinLeafSize), value, "At least 1."); } = 5;

    /// <summary>A split is kept when it lowers the impurity by at least this share of the root's impurity.</summary>
    public double Complexity { get; init => field = value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Complexity), value, "In [0, 1)."); } = 1e-4;

    /// <summary>The deepest a node may be (the root is at depth 0).</summary>
    public int MaxDepth { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, "At least 1."); } = 30;
}

/// <summary>
/// The target of a CART tree as channels: a class per row (one channel per class, Gini impurity) and/or numeric
/// channels (squared error). A node's impurity is Σ over channels of Σ(v − mean)², so one split rule serves both.
/// </summary>
/// <param name="Labels">Class of each row in 0..<paramref name="Classes"/>−1, or null for no class channels.</param>
/// <param name="Classes">Number of classes (0 without labels).</param>
/// <param name="Numbers">Numeric channels, each one value per row (finite), or empty.</param>
public sealed record CartTarget(int[]? Labels, int Classes, double[][] Numbers)
{
    internal int Stride => Classes + Numbers.Length + 1;
}

/// <summary>
/// Grows one CART tree (as rpart: impurity-decrease splits, a minimum leaf size and a complexity threshold) on binned
/// features from <see cref="FeatureEncoder"/>, depth first with histograms (the larger child's histogram is the
/// parent's minus the smaller one's). Numeric splits scan ordered bins with the missing bin tried on either side;
/// categorical splits order the categories by a channel's mean and scan that order. Deterministic.
/// </summary>
public sealed class CartGrower
{
    private readonly byte[][] _x;
    private readonly bool[] _categorical;
    private readonly int[] _bins;

    /// <summary>A grower over binned <paramref name="features"/> (one byte per row) laid out as <paramref name="layout"/> (see <see cref="FeatureEncoder.Features"/>).</summary>
    public CartGrower(byte[][] features, IReadOnlyList<(string Name, FeatureKind Kind, int Bins)> layout)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(layout);
        if (features.Length != layout.Count) throw new ArgumentException("One byte array per feature of the layout.", nameof(features));
        _x = features;
        _categorical = [.. layout.Select(f => f.Kind == FeatureKind.Categorical)];
        _bins = [.. layout.Select(f => f.Bins)];
    }

    private sealed record Split(int Feature, double Gain, int Threshold, bool MissingLeft, ulong[]? Categories);

    private sealed class Builder
    {
        public readonly List<int> Feature = [], Threshold = [], Left = [], Right = [];
        public readonly List<bool> MissingLeft = [];
        public readonly List<ulong[]> Categories = [];
        public readonly List<double> Value = [];

        public int NewNode(double value)
        {
            Feature.Add(-1); Threshold.Add(0); Left.Add(-1); Right.Add(-1); MissingLeft.Add(false); Categories.Add([]); Value.Add(value);
            return Feature.Count - 1;
        }
    }

    /// <summary>
    /// Grows a tree on <paramref name="rows"/> (reordered in place) using only <paramref name="allowed"/> features.
    /// A leaf's value is the mean of the first numeric channel, or the most frequent class.
    /// </summary>
    public DecisionTree Grow(int[] rows, CartTarget target, IReadOnlyList<int> allowed, CartLimits limits)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(limits);
        int stride = target.Stride;
        var builder = new Builder();
        double[] rootTotals = Totals(rows, 0, rows.Length, target);
        double rootImpurity = SumOfSquares(rows, target) - Score(rootTotals, stride);
        double minGain = Math.Max(limits.Complexity * rootImpurity, 1e-12);
        var stack = new Stack<(int Node, int Start, int Count, int Depth, double[][]? Histogram)>();
        stack.Push((builder.NewNode(LeafValue(rootTotals, target)), 0, rows.Length, 0, null));
        while (stack.Count > 0)
        {
            var (node, start, count, depth, histogram) = stack.Pop();
            if (count < 2 * limits.MinLeafSize || depth >= limits.MaxDepth || allowed.Count == 0)
            {
                Release(histogram);
                continue;
            }
            histogram ??= Build(rows, start, count, target, allowed);
            double[] totals = NodeTotals(histogram, allowed[0], stride);
            Split? split = Best(histogram, totals, count, stride, allowed, limits.MinLeafSize, target);
            if (split is null || split.Gain < minGain)
            {
                Release(histogram);
                continue;
            }
            int leftCount = Partition(rows, start, count, split);
            double[] leftTotals = Totals(rows, start, leftCount, target), rightTotals = new double[stride];
            for (int c = 0; c < stride; c++) rightTotals[c] = totals[c] - leftTotals[c];
            int left = builder.NewNode(LeafValue(leftTotals, target)), right = builder.NewNode(LeafValue(rightTotals, target));
            builder.Feature[node] = split.Feature;
            builder.Threshold[node] = split.Threshold;
            builder.MissingLeft[node] = split.MissingLeft;
            builder.Categories[node] = split.Categories ?? [];
            builder.Left[node] = left;
            builder.Right[node] = right;
            bool leftSmaller = leftCount <= count - leftCount;
            double[][] small = leftSmaller ? Build(rows, start, leftCount, target, allowed) : Build(rows, start + leftCount, count - leftCount, target, allowed);
            Subtract(histogram, small, allowed, stride);
            double[][] large = histogram;
            stack.Push((right, start + leftCount, count - leftCount, depth + 1, leftSmaller ? large : small));
            stack.Push((left, start, leftCount, depth + 1, leftSmaller ? small : large));
        }
        return new DecisionTree([.. builder.Feature], [.. builder.Threshold], [.. builder.MissingLeft], [.. builder.Categories], [.. builder.Left], [.. builder.Right], [.. builder.Value]);
    }

    private static void Add(double[] sums, int offset, int row, CartTarget target)
    {
        if (target.Labels is { } labels) sums[offset + labels[row]] += 1;
        for (int c = 0; c < target.Numbers.Length; c++) sums[offset + target.Classes + c] += target.Numbers[c][row];
        sums[offset + target.Stride - 1] += 1;
    }

    private static double[] Totals(int[] rows, int start, int count, CartTarget target)
    {
        var totals = new double[target.Stride];
        for (int i = start; i < start + count; i++) Add(totals, 0, rows[i], target);
        return totals;
    }

    private static double SumOfSquares(int[] rows, CartTarget target)
    {
        double sum = target.Labels is null ? 0 : rows.Length;
        foreach (double[] channel in target.Numbers)
            foreach (int row in rows) sum += channel[row] * channel[row];
        return sum;
    }

    /// <summary>Σ over channels of (channel sum)² / rows: the impurity a node removes relative to Σv².</summary>
    private static double Score(ReadOnlySpan<double> sums, int stride)
    {
        double n = sums[stride - 1];
        if (n <= 0) return 0;
        double s = 0;
        for (int c = 0; c < stride - 1; c++) s += sums[c] * sums[c];
        return s / n;
    }

    private static double LeafValue(double[] totals, CartTarget target)
    {
        if (target.Numbers.Length > 0) return totals[^1] > 0 ? totals[target.Classes] / totals[^1] : 0;
        int best = 0;
        for (int k = 1; k < target.Classes; k++) if (totals[k] > totals[best]) best = k;
        return best;
    }

    private double[] NodeTotals(double[][] histogram, int feature, int stride)
    {
        var totals = new double[stride];
        double[] h = histogram[feature];
        for (int b = 0; b < _bins[feature]; b++)
            for (int c = 0; c < stride; c++) totals[c] += h[b * stride + c];
        return totals;
    }

    private double[][] Build(int[] rows, int start, int count, CartTarget target, IReadOnlyList<int> allowed)
    {
        var histogram = new double[_x.Length][];
        int stride = target.Stride;
        foreach (int f in allowed)
        {
            int length = _bins[f] * stride;
            double[] h = ArrayPool<double>.Shared.Rent(length);
            Array.Clear(h, 0, length);
            byte[] bins = _x[f];
            for (int i = start; i < start + count; i++)
            {
                int row = rows[i];
                Add(h, bins[row] * stride, row, target);
            }
            histogram[f] = h;
        }
        return histogram;
    }

    /// <summary>parent −= child over the used part of each pooled array (the rest holds stale values).</summary>
    private void Subtract(double[][] parent, double[][] child, IReadOnlyList<int> allowed, int stride)
    {
        foreach (int f in allowed)
        {
            double[] p = parent[f], c = child[f];
            int length = _bins[f] * stride;
            for (int i = 0; i < length; i++) p[i] -= c[i];
        }
    }

    private static void Release(double[][]? histogram)
    {
        if (histogram is null) return;
        foreach (double[]? h in histogram) if (h is not null) ArrayPool<double>.Shared.Return(h);
    }

    private Split? Best(double[][] histogram, double[] totals, int count, int stride, IReadOnlyList<int> allowed, int minLeaf, CartTarget target)
    {
        double parent = Score(totals, stride);
        Split? best = null;
        var left = new double[stride];
        var right = new double[stride];
        foreach (int f in allowed)
        {
            Split? candidate = _categorical[f]
                ? CategoricalSplit(f, histogram[f], totals, count, stride, parent, minLeaf, target, left, right)
                : NumericSplit(f, histogram[f], totals, count, stride, parent, minLeaf, left, right);
            if (candidate is not null && (best is null || candidate.Gain > best.Gain)) best = candidate;
        }
        return best;
    }

    private Split? NumericSplit(int f, double[] h, double[] totals, int count, int stride, double parent, int minLeaf, double[] left, double[] right)
    {
        int bins = _bins[f];
        double missing = h[stride - 1];
        Split? best = null;
        Array.Clear(left);
        // The last threshold puts every present value left: with missing values on the right, it splits on missingness.
        for (int t = 1; t < bins; t++)
        {
            int offset = t * stride;
            if (h[offset + stride - 1] == 0) continue;
            for (int c = 0; c < stride; c++) left[c] += h[offset + c];
            for (int side = 0; side < 2; side++)
            {
                bool missingLeft = side == 0;
                double nLeft = left[stride - 1] + (missingLeft ? missing : 0);
                if (nLeft >= minLeaf && count - nLeft >= minLeaf)
                {
                    for (int c = 0; c < stride; c++) right[c] = missingLeft ? left[c] + h[c] : left[c];
                    double gain = Score(right, stride);
                    for (int c = 0; c < stride; c++) right[c] = totals[c] - right[c];
                    gain += Score(right, stride) - parent;
                    if (best is null || gain > best.Gain) best = new Split(f, gain, t, missingLeft, null);
                }
                if (missing == 0) break; // no missing rows: both sides give the same split
            }
        }
        return best;
    }

    private Split? CategoricalSplit(int f, double[] h, double[] totals, int count, int stride, double parent, int minLeaf, CartTarget target, double[] left, double[] right)
    {
        int bins = _bins[f];
        var present = new List<int>();
        for (int b = 0; b < bins; b++) if (h[b * stride + stride - 1] > 0) present.Add(b);
        if (present.Count < 2) return null;
        Split? best = null;
        // Ordering categories by one channel's mean is exact for one channel (Breiman); with several (classes, or a
        // value and its missingness) each of the most variable channels gives an order and the best split wins.
        foreach (int channel in OrderingChannels(totals, count, target))
        {
            int[] order = [.. present.OrderBy(b => h[b * stride + channel] / h[b * stride + stride - 1]).ThenBy(b => b)];
            Array.Clear(left);
            int bestPrefix = -1;
            double bestGain = double.NegativeInfinity;
            for (int k = 0; k < order.Length - 1; k++)
            {
                int offset = order[k] * stride;
                for (int c = 0; c < stride; c++) left[c] += h[offset + c];
                double nLeft = left[stride - 1];
                if (nLeft < minLeaf || count - nLeft < minLeaf) continue;
                for (int c = 0; c < stride; c++) right[c] = totals[c] - left[c];
                double gain = Score(left, stride) + Score(right, stride) - parent;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    bestPrefix = k;
                }
            }
            if (bestPrefix < 0 || (best is not null && bestGain <= best.Gain)) continue;
            var set = new ulong[4];
            bool missingLeft = false;
            for (int k = 0; k <= bestPrefix; k++)
            {
                set[order[k] >> 6] |= 1UL << (order[k] & 63);
                if (order[k] == 0) missingLeft = true;
            }
            best = new Split(f, bestGain, 0, missingLeft, set);
        }
        return best;
    }

    private static IEnumerable<int> OrderingChannels(double[] totals, int count, CartTarget target)
    {
        const int MostClasses = 2;
        for (int c = 0; c < target.Numbers.Length; c++) yield return target.Classes + c;
        if (target.Classes == 0) yield break;
        int[] classes = [.. Enumerable.Range(0, target.Classes)
            .OrderByDescending(k => totals[k] / count * (1 - totals[k] / count)).ThenBy(k => k).Take(MostClasses)];
        foreach (int k in classes) yield return k;
    }

    private int Partition(int[] rows, int start, int count, Split split)
    {
        byte[] bins = _x[split.Feature];
        int i = start, j = start + count - 1;
        while (i <= j)
        {
            int bin = bins[rows[i]];
            bool goesLeft = bin == 0 ? split.MissingLeft
                : split.Categories is { } set ? (set[bin >> 6] & (1UL << (bin & 63))) != 0
                : bin <= split.Threshold;
            if (goesLeft)
            {
                i++;
                continue;
            }
            (rows[i], rows[j]) = (rows[j], rows[i]);
            j--;
        }
        return i - start;
    }
}
