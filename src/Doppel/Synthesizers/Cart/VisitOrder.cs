using Doppel.Learning;
using Doppel.Statistics;

namespace Doppel.Synthesizers.Cart;

/// <summary>
/// The order in which CART visits columns: the user's columns first, then greedily the column most dependent on those
/// already placed (normalised mutual information on binned values), starting from the column most dependent on all others.
/// </summary>
internal static class VisitOrder
{
    private const int Levels = 16;
    private const int MaxRows = 10_000;

    public static int[] Choose(byte[][] features, IReadOnlyList<(string Name, FeatureKind Kind, int Bins)> layout, IReadOnlyList<string>? first)
    {
        int count = layout.Count;
        var order = new List<int>(count);
        foreach (string name in first ?? [])
        {
            int index = -1;
            for (int c = 0; c < count; c++) if (layout[c].Name == name) index = c;
            if (index < 0)
                throw new UsageException($"VisitOrder names '{name}', which is not a learned column. Learned columns: {string.Join(", ", layout.Select(f => f.Name))}.");
            order.Add(index);
        }
        if (order.Count == count) return [.. order];

        double[,] dependence = Dependence(features, layout);
        var placed = new HashSet<int>(order);
        while (order.Count < count)
        {
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < count; c++)
            {
                if (placed.Contains(c)) continue;
                double score = 0;
                // With nothing placed yet, a column's dependence on all others decides which starts.
                for (int o = 0; o < count; o++)
                    if (o != c && (placed.Count == 0 || placed.Contains(o))) score += dependence[c, o];
                if (score > bestScore) { bestScore = score; best = c; }
            }
            order.Add(best);
            placed.Add(best);
        }
        return [.. order];
    }

    /// <summary>Normalised mutual information I(a;b)/√(H(a)H(b)) between every pair, on at most 16 levels per numeric column (missing is a level).</summary>
    private static double[,] Dependence(byte[][] features, IReadOnlyList<(string Name, FeatureKind Kind, int Bins)> layout)
    {
        int count = layout.Count;
        int rows = count == 0 ? 0 : features[0].Length;
        int step = Math.Max(1, rows / MaxRows);
        var levels = new int[count][];
        var sizes = new int[count];
        for (int c = 0; c < count; c++)
        {
            int bins = layout[c].Bins;
            bool coarsen = layout[c].Kind == FeatureKind.Numeric && bins > Levels + 1;
            sizes[c] = coarsen ? Levels + 1 : bins;
            var l = new int[(rows + step - 1) / step];
            for (int i = 0, r = 0; r < rows; r += step, i++)
            {
                int bin = features[c][r];
                l[i] = coarsen && bin > 0 ? 1 + (bin - 1) * Levels / (bins - 1) : bin;
            }
            levels[c] = l;
        }
        var entropy = new double[count];
        for (int c = 0; c < count; c++) entropy[c] = Information.Entropy(levels[c], sizes[c]);
        var result = new double[count, count];
        for (int a = 0; a < count; a++)
            for (int b = a + 1; b < count; b++)
            {
                double denominator = Math.Sqrt(entropy[a] * entropy[b]);
                double mi = denominator > 0 ? Math.Max(0, Information.MutualInformation(levels, sizes, a, [b])) / denominator : 0;
                result[a, b] = result[b, a] = mi;
            }
        return result;
    }
}
