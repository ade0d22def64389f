using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Generation;

/// <summary>
/// How one column of a table is generated: fills its typed array in a block's <see cref="Frame"/>, reading the
/// columns in <see cref="Dependencies"/> (filled before it). Immutable once compiled, shared by all threads; the
/// generator passed to <see cref="Fill"/> is the column's own stream for the block.
/// </summary>
internal abstract class ColumnPlan(ValueKind kind)
{
    public ValueKind Kind { get; } = kind;

    public int Ordinal { get; set; }

    /// <summary>Categories of a <see cref="ValueKind.Category"/> column.</summary>
    public string[]? Categories { get; set; }

    /// <summary>Ordinals of the columns this one reads.</summary>
    public HashSet<int> Dependencies { get; } = [];

    /// <summary>The column's stream before forking by block: forked from (seed, table) by the column's name.</summary>
    public Rng Root { get; set; } = null!;

    public abstract void Fill(Frame frame, Rng rng);

    /// <summary>The empty array of this column's kind for a block, stored in the frame.</summary>
    protected T Allocate<T>(Frame frame) where T : class
    {
        object array = Kind switch
        {
            ValueKind.Number or ValueKind.Boolean => new double[frame.Rows],
            ValueKind.DateTime => new long[frame.Rows],
            ValueKind.Text => new string?[frame.Rows],
            _ => new int[frame.Rows],
        };
        frame.Columns[Ordinal] = array;
        return (T)array;
    }

    /// <summary>Sets a row to null, whatever the kind.</summary>
    public void SetNull(Frame frame, int row)
    {
        switch (Kind)
        {
            case ValueKind.Number or ValueKind.Boolean: frame.Numbers(Ordinal)[row] = double.NaN; break;
            case ValueKind.DateTime: frame.Ticks(Ordinal)[row] = DateTimeColumn.Missing; break;
            case ValueKind.Text: frame.Texts(Ordinal)[row] = null; break;
            default: frame.Codes(Ordinal)[row] = CategoricalColumn.Missing; break;
        }
    }

    /// <summary>The block's values as a table column.</summary>
    public Column ToColumn(string name, Frame frame) => Kind switch
    {
        ValueKind.Number => new NumericColumn(name, frame.Numbers(Ordinal)),
        ValueKind.Boolean => new CategoricalColumn(name, [.. frame.Numbers(Ordinal).Select(v => double.IsNaN(v) ? CategoricalColumn.Missing : (int)v)], BooleanCategories),
        ValueKind.DateTime => new DateTimeColumn(name, frame.Ticks(Ordinal)),
        ValueKind.Text => new TextColumn(name, frame.Texts(Ordinal)),
        _ => new CategoricalColumn(name, frame.Codes(Ordinal), Categories!),
    };

    private static readonly string[] BooleanCategories = ["false", "true"];
}

/// <summary>A column whose value can be set from one uniform draw, so a Gaussian copula can correlate it with others.</summary>
internal interface IQuantileColumn
{
    void Allocate(Frame frame);

    void Set(Frame frame, int row, double u);
}
