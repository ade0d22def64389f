using Doppel.Data;
using Doppel.Learning;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Cart;

/// <summary>
/// Sequential CART synthesis (as R's synthpop): columns are visited in an order; the first is drawn from its observed
/// values, each later one from the real rows (donors) that share its tree leaf, the tree being fitted on the columns
/// visited before it (squared error for numbers and dates, with missingness as a second channel; Gini for categories).
/// </summary>
public sealed class CartSynthesizer(CartOptions? options = null) : ISynthesizer
{
    /// <summary>The options this synthesizer fits with.</summary>
    public CartOptions Options { get; } = options ?? new CartOptions();

    public SynthesizerKind Kind => SynthesizerKind.Cart;

    /// <summary>Classes beyond this many share one class when growing a tree (donors keep every category).</summary>
    private const int MaxClasses = 64;

    public ILearnedModel FitLearned(Table table, Metadata metadata, Rng rng, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(rng);
        int count = metadata.Columns.Count;
        if (count == 0) return new CartModel(metadata, null, [], []);
        var encoder = FeatureEncoder.Fit(table, metadata);
        byte[][] features = encoder.Encode(table);
        int[] order = VisitOrder.Choose(features, encoder.Features, Options.VisitOrder);
        progress?.Report(new FitProgress("visit order", 0.05));

        var limits = new CartLimits { MinLeafSize = Options.MinLeafSize, Complexity = Options.Complexity };
        var grower = new CartGrower(features, encoder.Features);
        var columns = new DonorColumn[count];
        int done = 0;
        // Trees are independent of one another (each is fitted on real data), so they grow in parallel; each is deterministic.
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, position =>
        {
            int c = order[position];
            ColumnMetadata column = metadata.Columns[c];
            Column data = table[column.Name];
            DecisionTree? tree = position == 0 ? null
                : grower.Grow([.. Enumerable.Range(0, table.RowCount)], Target(data), order[..position], limits);
            columns[c] = DonorColumn.Fit(column, data, tree, features, Options.Smoothing);
            progress?.Report(new FitProgress("trees", 0.05 + 0.95 * Interlocked.Increment(ref done) / count));
        });
        return new CartModel(metadata, encoder, columns, order);
    }

    /// <summary>Classes for categories (missing is class 0); standardised value plus missingness for numbers and dates.</summary>
    private static CartTarget Target(Column data)
    {
        if (data is CategoricalColumn categorical)
        {
            int classes = Math.Min(categorical.Categories.Length + 1, MaxClasses);
            return new CartTarget([.. categorical.Codes.Select(c => Math.Min(c + 1, classes - 1))], classes, []);
        }
        double[] values = FeatureEncoder.Values(data);
        double[] present = [.. values.Where(v => !double.IsNaN(v))];
        double mean = present.Length > 0 ? present.Average() : 0;
        double sd = present.Length > 1 ? Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length) : 0;
        double[] standardised = [.. values.Select(v => double.IsNaN(v) || sd == 0 ? 0 : (v - mean) / sd)];
        if (present.Length == values.Length) return new CartTarget(null, 0, [standardised]);
        return new CartTarget(null, 0, [standardised, [.. values.Select(v => double.IsNaN(v) ? 1.0 : 0.0)]]);
    }
}
