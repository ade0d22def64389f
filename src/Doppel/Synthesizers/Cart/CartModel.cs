using Doppel.Data;
using Doppel.Learning;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Cart;

/// <summary>
/// A fitted CART synthesizer: the visit order, the bins the trees read, and per column a tree with its leaves' donors.
/// Immutable and thread-safe. Equality on the first visited column (a category) is met natively by fixing it before
/// the rest are drawn; every other condition is met by the sampler's rejection.
/// </summary>
public sealed partial class CartModel : ILearnedModel
{
    private readonly FeatureEncoder? _encoder;
    private readonly DonorColumn[] _columns; // metadata order
    private readonly int[] _order;

    internal CartModel(Metadata metadata, FeatureEncoder? encoder, DonorColumn[] columns, int[] order)
    {
        Metadata = metadata;
        _encoder = encoder;
        _columns = columns;
        _order = order;
    }

    public SynthesizerKind Kind => SynthesizerKind.Cart;
    public Metadata Metadata { get; }

    /// <summary>The columns in the order they are synthesized.</summary>
    public IReadOnlyList<string> VisitOrder => [.. _order.Select(c => Metadata.Columns[c].Name)];

    /// <summary>Leaves of each column's tree (1 for the first column), by column name.</summary>
    public IReadOnlyDictionary<string, int> Leaves => _columns.ToDictionary(c => c.Metadata.Name, c => c.Tree?.LeafNodes.Count ?? 1);

    /// <summary>
    /// Equality on the first visited column (a category) is met by fixing it. Equality on a category that never occurs
    /// is claimed too, so that <see cref="Validate"/> refuses it at once with the values seen instead of the sampler
    /// measuring a zero acceptance rate. Everything else is left to rejection.
    /// </summary>
    public bool SupportsNatively(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.IsRange || Array.Find(_columns, c => c.Metadata.Name == condition.Column) is not { IsCategorical: true } column) return false;
        return column == _columns[_order[0]] || !column.Holds(condition.Value);
    }

    public void Validate(ConditionSet conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (Condition condition in conditions.Conditions) CodeOf(condition);
    }

    public Table Sample(int rows, Rng rng, ConditionSet conditions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(conditions);
        int? fixedCode = conditions.IsEmpty ? null : conditions.Conditions.Select(CodeOf).Distinct().Single();
        var features = new byte[_columns.Length][];
        var columns = new Column[_columns.Length];
        for (int position = 0; position < _order.Length; position++)
        {
            int c = _order[position];
            DonorColumn donors = _columns[c];
            Column donated;
            if (position == 0 && fixedCode is int code) columns[c] = donated = donors.Fixed(rows, code);
            else columns[c] = donors.Draw(rows, features, rng.Fork("column:" + donors.Metadata.Name), out donated);
            if (position + 1 < _order.Length) features[c] = _encoder!.EncodeColumn(c, donated);
        }
        return new Table(columns);
    }

    /// <summary>The code a native condition fixes the first column to; an unseen category throws listing the values seen.</summary>
    private int CodeOf(Condition condition)
    {
        if (!SupportsNatively(condition))
            throw new UsageException($"Condition {condition}: the CART model meets natively only equality on its first column '{Metadata.Columns[_order[0]].Name}'; the sampler meets other conditions by rejection.");
        return Array.Find(_columns, c => c.Metadata.Name == condition.Column)!.CodeOf(condition);
    }
}
