namespace Doppel.Learning;

/// <summary>
/// A binary tree over binned features (see <see cref="FeatureEncoder"/>). An inner node sends a row left when its
/// bin is at most the threshold (numbers) or is in the node's category set (categories); bin 0 (missing) follows
/// the direction learned for it. Leaves hold values. Immutable once built; later learners (CART synthesis)
/// reuse <see cref="LeafIndex"/> to group training rows by leaf.
/// </summary>
public sealed partial class DecisionTree
{
    private readonly int[] _feature;     // -1 for a leaf
    private readonly int[] _threshold;   // numeric: left when 1 <= bin <= threshold
    private readonly bool[] _missingLeft;
    private readonly ulong[][] _categories; // categorical: left when the bin's bit is set (empty array for numeric)
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _value;

    internal DecisionTree(int[] feature, int[] threshold, bool[] missingLeft, ulong[][] categories, int[] left, int[] right, double[] value)
    {
        _feature = feature;
        _threshold = threshold;
        _missingLeft = missingLeft;
        _categories = categories;
        _left = left;
        _right = right;
        _value = value;
        var leaves = new List<int>();
        for (int n = 0; n < feature.Length; n++) if (feature[n] < 0) leaves.Add(n);
        LeafNodes = [.. leaves];
    }

    /// <summary>Nodes, inner and leaves.</summary>
    public int NodeCount => _feature.Length;

    /// <summary>The node indices of the leaves, in node order; <see cref="LeafIndex"/> returns a node from this list.</summary>
    public IReadOnlyList<int> LeafNodes { get; }

    /// <summary>The node of the leaf a row reaches.</summary>
    public int LeafIndex(byte[][] features, int row)
    {
        int node = 0;
        while (_feature[node] >= 0)
        {
            int bin = features[_feature[node]][row];
            bool left = bin == 0 ? _missingLeft[node]
                : _categories[node].Length > 0 ? (_categories[node][bin >> 6] & (1UL << (bin & 63))) != 0
                : bin <= _threshold[node];
            node = left ? _left[node] : _right[node];
        }
        return node;
    }

    /// <summary>The value of the leaf a row reaches.</summary>
    public double Predict(byte[][] features, int row) => _value[LeafIndex(features, row)];

    /// <summary>The value held by a leaf node.</summary>
    public double LeafValue(int node) => _value[node];

    /// <summary>Which feature an inner node splits on (-1 for a leaf).</summary>
    public int SplitFeature(int node) => _feature[node];
}
