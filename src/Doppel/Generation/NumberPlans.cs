using Doppel.Randomness;

namespace Doppel.Generation;

/// <summary>Numbers from a distribution, within bounds that are constants or, per row, expressions over other columns.</summary>
internal sealed class DistributionPlan(NumberDistribution distribution, double low, double high, CompiledExpression? lowExpression,
    CompiledExpression? highExpression, int? decimals, double shift = 0) : ColumnPlan(ValueKind.Number), IQuantileColumn
{
    /// <summary>Whether a bound is an expression over other columns (then the column cannot join a copula).</summary>
    public bool HasRowBounds => lowExpression is not null || highExpression is not null;

    public void Allocate(Frame frame) => Allocate<double[]>(frame);

    public void Set(Frame frame, int row, double u) => frame.Numbers(Ordinal)[row] = Value(u, low, high);

    public override void Fill(Frame frame, Rng rng)
    {
        double[] values = Allocate<double[]>(frame);
        for (int i = 0; i < values.Length; i++)
        {
            double a = lowExpression?.Number(frame, i) ?? low;
            double b = highExpression?.Number(frame, i) ?? high;
            double u = rng.NextOpenDouble();
            if (double.IsNaN(a)) a = low;
            if (double.IsNaN(b)) b = high;
            // No value lies in an empty range: the row gets null rather than a value that breaks the constraint.
            values[i] = a > b ? double.NaN : Value(u, a, b);
        }
    }

    private double Value(double u, double a, double b)
    {
        double value = shift + distribution.Truncated(u, a - shift, b - shift);
        if (decimals is int d) value = RoundWithin(value, d, a, b);
        return double.IsFinite(value) ? value : double.NaN;
    }

    /// <summary>
    /// Rounds to <paramref name="decimals"/> places without leaving [a, b]: a value rounded outside steps back inward by
    /// one unit of the last place; a range narrower than that unit keeps the value unrounded.
    /// </summary>
    public static double RoundWithin(double value, int decimals, double a, double b)
    {
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        double unit = Math.Pow(10, -decimals);
        if (rounded < a) rounded = Math.Round(rounded + unit, decimals);
        if (rounded > b) rounded = Math.Round(rounded - unit, decimals);
        return rounded >= a && rounded <= b ? rounded : value;
    }
}

/// <summary>Values from a fixed list with weights (categorical, or Zipf over a list of values).</summary>
internal sealed class CategoricalPlan : ColumnPlan, IQuantileColumn
{
    private readonly IndexDistribution _distribution;

    public CategoricalPlan(string[] categories, IndexDistribution distribution) : base(ValueKind.Category)
    {
        Categories = categories;
        _distribution = distribution;
    }

    public void Allocate(Frame frame) => Allocate<int[]>(frame);

    public void Set(Frame frame, int row, double u) => frame.Codes(Ordinal)[row] = _distribution.Index(u);

    public override void Fill(Frame frame, Rng rng)
    {
        int[] codes = Allocate<int[]>(frame);
        for (int i = 0; i < codes.Length; i++) codes[i] = _distribution.Index(rng.NextDouble());
    }
}

/// <summary>true with probability p.</summary>
internal sealed class BooleanPlan(double probability) : ColumnPlan(ValueKind.Boolean), IQuantileColumn
{
    public void Allocate(Frame frame) => Allocate<double[]>(frame);

    // u above 1 − p is true, so a copula's positive correlation makes larger values go with true.
    public void Set(Frame frame, int row, double u) => frame.Numbers(Ordinal)[row] = u >= 1 - probability ? 1 : 0;

    public override void Fill(Frame frame, Rng rng)
    {
        double[] values = Allocate<double[]>(frame);
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() < probability ? 1 : 0;
    }
}

/// <summary>A key that is a pure function of the row index (sequence, UUID, unique integer or pattern).</summary>
internal sealed class KeyPlan(IRowKey key) : ColumnPlan(key.Kind)
{
    public IRowKey Key => key;

    public override void Fill(Frame frame, Rng rng)
    {
        if (Kind == ValueKind.Number)
        {
            double[] values = Allocate<double[]>(frame);
            for (int i = 0; i < values.Length; i++) values[i] = key.NumberAt(frame.FirstRow + i);
        }
        else
        {
            string?[] values = Allocate<string?[]>(frame);
            for (int i = 0; i < values.Length; i++) values[i] = key.TextAt(frame.FirstRow + i);
        }
    }
}

/// <summary>
/// A foreign key: the parent's key at the row's parent (a child table generated per parent) or at a parent row
/// drawn uniformly. Parent keys are recomputed from the parent row, so every value exists in the parent.
/// </summary>
internal sealed class ReferencePlan(IRowKey parentKey, long parentRows, bool perParent) : ColumnPlan(parentKey.Kind)
{
    public override void Fill(Frame frame, Rng rng)
    {
        Span<long> parents = frame.Rows <= 8192 ? stackalloc long[frame.Rows] : new long[frame.Rows];
        for (int i = 0; i < parents.Length; i++)
            parents[i] = perParent ? frame.ParentRows![i] : RowHash.Below(rng.NextUInt64(), parentRows);
        if (Kind == ValueKind.Number)
        {
            double[] values = Allocate<double[]>(frame);
            for (int i = 0; i < values.Length; i++) values[i] = parentKey.NumberAt(parents[i]);
        }
        else
        {
            string?[] values = Allocate<string?[]>(frame);
            for (int i = 0; i < values.Length; i++) values[i] = parentKey.TextAt(parents[i]);
        }
    }
}

/// <summary>A column computed from others by an expression.</summary>
internal sealed class ExpressionPlan(CompiledExpression expression, ValueKind kind, int? decimals) : ColumnPlan(kind)
{
    public override void Fill(Frame frame, Rng rng)
    {
        if (Kind == ValueKind.Text)
        {
            string?[] texts = Allocate<string?[]>(frame);
            for (int i = 0; i < texts.Length; i++) texts[i] = expression.Text(frame, i);
            return;
        }
        double[] values = Allocate<double[]>(frame);
        for (int i = 0; i < values.Length; i++)
        {
            double value = expression.Number(frame, i);
            if (decimals is int d) value = Math.Round(value, d, MidpointRounding.AwayFromZero);
            values[i] = double.IsFinite(value) ? value : double.NaN;
        }
    }
}

/// <summary>Uniform within each row's own range, where a bound is an expression over other columns (e.g. min: cost).</summary>
internal sealed class RowUniformPlan(double low, double high, CompiledExpression? lowExpression, CompiledExpression? highExpression, bool integer, int decimals)
    : ColumnPlan(ValueKind.Number)
{
    public override void Fill(Frame frame, Rng rng)
    {
        double[] values = Allocate<double[]>(frame);
        for (int i = 0; i < values.Length; i++)
        {
            double a = lowExpression?.Number(frame, i) ?? low, b = highExpression?.Number(frame, i) ?? high;
            double u = rng.NextDouble();
            // An empty range (a bound column past the other bound) has no valid value: the row gets null.
            values[i] = double.IsNaN(a) || double.IsNaN(b) || a > b ? double.NaN : Draw(u, a, b);
        }
    }

    private double Draw(double u, double a, double b)
    {
        if (integer)
        {
            double first = Math.Ceiling(a), last = Math.Floor(b);
            return first > last ? double.NaN : Math.Min(first + Math.Floor(u * (last - first + 1)), last);
        }
        return DistributionPlan.RoundWithin(a + u * (b - a), decimals, a, b);
    }
}
