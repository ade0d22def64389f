namespace Doppel.Learning;

/// <summary>What a grown tree is allowed to be.</summary>
internal sealed record TreeLimits(int MaxLeaves, int MinRowsPerLeaf, double L2, double MinGain, int MaxThreads);

/// <summary>
/// Grows one tree leaf-wise on gradient histograms (as LightGBM): the leaf with the largest gain splits next;
/// the smaller child's histogram is built from its rows and the larger one's is the parent's minus it.
/// Numeric splits scan the ordered bins with the missing bin tried on either side; categorical splits sort the
/// categories by gradient over hessian and scan that order. Histograms are built per feature in parallel,
/// each feature by one thread, so the tree does not depend on the thread count.
/// </summary>
internal sealed class TreeGrower
{
    private const double CategorySmoothing = 10;

    private readonly byte[][] _x;
    private readonly bool[] _categorical;
    private readonly int[] _bins;
    private readonly TreeLimits _limits;

    public TreeGrower(byte[][] features, IReadOnlyList<(string Name, FeatureKind Kind, int Bins)> layout, TreeLimits limits)
    {
        _x = features;
        _categorical = [.. layout.Select(f => f.Kind == FeatureKind.Categorical)];
        _bins = [.. layout.Select(f => f.Bins)];
        _limits = limits;
    }

    private sealed class Leaf
    {
        public required int Node;
        public required int Start;
        public required int Count;
        public required double[][] Histogram; // per feature: [G, H, N] × bins
        public double Gradient, Hessian;
        public Split? Best;
    }

    private sealed record Split(int Feature, double Gain, int Threshold, bool MissingLeft, ulong[]? Categories);

    /// <summary>Grows a tree on <paramref name="rows"/> (reordered in place) with the given gradients; leaf values are −G/(H+λ) × <paramref name="shrinkage"/>.</summary>
    public DecisionTree Grow(int[] rows, double[] gradients, double[] hessians, double shrinkage)
    {
        var feature = new List<int>();
        var threshold = new List<int>();
        var missingLeft = new List<bool>();
        var categories = new List<ulong[]>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();
        int NewNode()
        {
            feature.Add(-1); threshold.Add(0); missingLeft.Add(false); categories.Add([]); left.Add(-1); right.Add(-1); value.Add(0);
            return feature.Count - 1;
        }

        var root = new Leaf { Node = NewNode(), Start = 0, Count = rows.Length, Histogram = Build(rows, 0, rows.Length, gradients, hessians) };
        Totals(root);
        FindSplit(root);
        var open = new List<Leaf> { root };
        int leaves = 1;
        while (leaves < _limits.MaxLeaves)
        {
            Leaf? best = null;
            foreach (Leaf leaf in open)
                if (leaf.Best is not null && (best is null || leaf.Best.Gain > best.Best!.Gain)) best = leaf;
            if (best is null) break;
            Split split = best.Best!;
            int leftCount = Partition(rows, best.Start, best.Count, split);
            var l = new Leaf { Node = NewNode(), Start = best.Start, Count = leftCount, Histogram = null! };
            var r = new Leaf { Node = NewNode(), Start = best.Start + leftCount, Count = best.Count - leftCount, Histogram = null! };
            Leaf small = l.Count <= r.Count ? l : r, large = ReferenceEquals(small, l) ? r : l;
            small.Histogram = Build(rows, small.Start, small.Count, gradients, hessians);
            large.Histogram = Subtract(best.Histogram, small.Histogram);
            feature[best.Node] = split.Feature;
            threshold[best.Node] = split.Threshold;
            missingLeft[best.Node] = split.MissingLeft;
            categories[best.Node] = split.Categories ?? [];
            left[best.Node] = l.Node;
            right[best.Node] = r.Node;
            open.Remove(best);
            foreach (Leaf child in new[] { l, r })
            {
                Totals(child);
                FindSplit(child);
                open.Add(child);
            }
            leaves++;
        }
        foreach (Leaf leaf in open) value[leaf.Node] = -leaf.Gradient / (leaf.Hessian + _limits.L2) * shrinkage;
        return new DecisionTree([.. feature], [.. threshold], [.. missingLeft], [.. categories], [.. left], [.. right], [.. value]);
    }

    private double[][] Build(int[] rows, int start, int count, double[] gradients, double[] hessians)
    {
        var histogram = new double[_x.Length][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = count < 4096 ? 1 : _limits.MaxThreads };
        Parallel.For(0, _x.Length, options, f =>
        {
            var h = new double[_bins[f] * 3];
            byte[] bins = _x[f];
            for (int i = start; i < start + count; i++)
            {
                int row = rows[i];
                int b = bins[row] * 3;
                h[b] += gradients[row];
                h[b + 1] += hessians[row];
                h[b + 2] += 1;
            }
            histogram[f] = h;
        });
        return histogram;
    }

    private static double[][] Subtract(double[][] parent, double[][] child)
    {
        var result = new double[parent.Length][];
        for (int f = 0; f < parent.Length; f++)
        {
            var h = new double[parent[f].Length];
            for (int i = 0; i < h.Length; i++) h[i] = parent[f][i] - child[f][i];
            result[f] = h;
        }
        return result;
    }

    private static void Totals(Leaf leaf)
    {
        double[] h = leaf.Histogram[0];
        double g = 0, hess = 0;
        for (int b = 0; b < h.Length; b += 3)
        {
            g += h[b];
            hess += h[b + 1];
        }
        leaf.Gradient = g;
        leaf.Hessian = hess;
    }

    private double Score(double g, double h) => g * g / (h + _limits.L2);

    private void FindSplit(Leaf leaf)
    {
        leaf.Best = null;
        if (leaf.Count < 2 * _limits.MinRowsPerLeaf) return;
        double parent = Score(leaf.Gradient, leaf.Hessian);
        Split? best = null;
        for (int f = 0; f < _x.Length; f++)
        {
            Split? candidate = _categorical[f] ? CategoricalSplit(f, leaf, parent) : NumericSplit(f, leaf, parent);
            if (candidate is not null && (best is null || candidate.Gain > best.Gain)) best = candidate;
        }
        leaf.Best = best is not null && best.Gain > _limits.MinGain ? best : null;
    }

    private Split? NumericSplit(int f, Leaf leaf, double parent)
    {
        double[] h = leaf.Histogram[f];
        int bins = _bins[f];
        double gm = h[0], hm = h[1], nm = h[2];
        double gl = 0, hl = 0, nl = 0;
        Split? best = null;
        int min = _limits.MinRowsPerLeaf;
        for (int t = 1; t < bins - 1; t++)
        {
            gl += h[t * 3];
            hl += h[t * 3 + 1];
            nl += h[t * 3 + 2];
            if (h[t * 3 + 2] == 0) continue;
            for (int side = 0; side < 2; side++)
            {
                bool missingLeft = side == 0;
                double gL = gl + (missingLeft ? gm : 0), hL = hl + (missingLeft ? hm : 0), nL = nl + (missingLeft ? nm : 0);
                double nR = leaf.Count - nL;
                if (nL < min || nR < min) continue;
                double gain = Score(gL, hL) + Score(leaf.Gradient - gL, leaf.Hessian - hL) - parent;
                if (best is null || gain > best.Gain) best = new Split(f, gain, t, missingLeft, null);
                if (nm == 0) break; // no missing rows: both sides give the same split
            }
        }
        return best;
    }

    private Split? CategoricalSplit(int f, Leaf leaf, double parent)
    {
        double[] h = leaf.Histogram[f];
        int bins = _bins[f];
        var present = new List<int>();
        for (int b = 0; b < bins; b++) if (h[b * 3 + 2] > 0) present.Add(b);
        if (present.Count < 2) return null;
        int[] order = [.. present.OrderBy(b => h[b * 3] / (h[b * 3 + 1] + CategorySmoothing)).ThenBy(b => b)];
        double gl = 0, hl = 0, nl = 0;
        Split? best = null;
        int bestPrefix = -1;
        int min = _limits.MinRowsPerLeaf;
        for (int k = 0; k < order.Length - 1; k++)
        {
            int b = order[k];
            gl += h[b * 3];
            hl += h[b * 3 + 1];
            nl += h[b * 3 + 2];
            if (nl < min || leaf.Count - nl < min) continue;
            double gain = Score(gl, hl) + Score(leaf.Gradient - gl, leaf.Hessian - hl) - parent;
            if (best is null || gain > best.Gain)
            {
                best = new Split(f, gain, 0, false, null);
                bestPrefix = k;
            }
        }
        if (best is null) return null;
        var set = new ulong[4];
        bool missingLeft = false;
        for (int k = 0; k <= bestPrefix; k++)
        {
            set[order[k] >> 6] |= 1UL << (order[k] & 63);
            if (order[k] == 0) missingLeft = true;
        }
        return best with { Categories = set, MissingLeft = missingLeft };
    }

    private int Partition(int[] rows, int start, int count, Split split)
    {
        byte[] bins = _x[split.Feature];
        int i = start, j = start + count - 1;
        while (i <= j)
        {
            if (GoesLeft(bins[rows[i]], split))
            {
                i++;
                continue;
            }
            (rows[i], rows[j]) = (rows[j], rows[i]);
            j--;
        }
        return i - start;
    }

    private static bool GoesLeft(int bin, Split split) =>
        bin == 0 ? split.MissingLeft
        : split.Categories is { } set ? (set[bin >> 6] & (1UL << (bin & 63))) != 0
        : bin <= split.Threshold;
}
