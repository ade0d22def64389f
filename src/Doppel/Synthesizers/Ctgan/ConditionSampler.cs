using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>
/// CTGAN's conditional vector and training-by-sampling: a discrete column is picked uniformly, a slot of it by
/// log-frequency (training) or by frequency (sampling); the conditional vector is that slot's one-hot over all
/// discrete slots, and the real rows of a training batch are drawn among the rows holding the picked slot.
/// </summary>
internal sealed class ConditionSampler
{
    private readonly IReadOnlyList<DiscreteSpan> _columns;
    private readonly int[] _offsets;
    private readonly double[][] _logCumulative, _cumulative;
    private readonly int[][][] _rowsBySlot;

    public ConditionSampler(IReadOnlyList<DiscreteSpan> columns, Tensor? data)
    {
        _columns = columns;
        _offsets = new int[columns.Count];
        int offset = 0;
        for (int c = 0; c < columns.Count; c++) { _offsets[c] = offset; offset += columns[c].Width; }
        Width = offset;
        _logCumulative = [.. columns.Select(c => Cumulative(c.SlotCounts.Select(n => Math.Log(n + 1.0))))];
        _cumulative = [.. columns.Select(c => Cumulative(c.SlotCounts.Select(n => (double)n)))];
        _rowsBySlot = [];
        if (data is null) return;
        _rowsBySlot = new int[columns.Count][][];
        for (int c = 0; c < columns.Count; c++)
        {
            var lists = Enumerable.Range(0, columns[c].Width).Select(_ => new List<int>()).ToArray();
            for (int r = 0; r < data.Rows; r++)
            {
                Span<float> slots = data.Row(r).Slice(columns[c].Start, columns[c].Width);
                lists[System.Numerics.Tensors.TensorPrimitives.IndexOfMax(slots)].Add(r);
            }
            _rowsBySlot[c] = [.. lists.Select(l => l.ToArray())];
        }
    }

    /// <summary>Width of the conditional vector (all discrete slots); 0 when the table has no discrete column.</summary>
    public int Width { get; }

    public int ColumnCount => _columns.Count;

    /// <summary>The first position of discrete column <paramref name="column"/>'s slots in the conditional vector.</summary>
    public int Offset(int column) => _offsets[column];

    public DiscreteSpan Column(int column) => _columns[column];

    /// <summary>Fills one row's conditional vector (zeroed first) and returns the (column, slot) picked.</summary>
    public (int Column, int Slot) Draw(Span<float> condition, Rng rng, bool logFrequency)
    {
        condition.Clear();
        int column = rng.NextInt(_columns.Count);
        double[] cumulative = (logFrequency ? _logCumulative : _cumulative)[column];
        int slot = Array.BinarySearch(cumulative, rng.NextDouble());
        slot = Math.Min(slot < 0 ? ~slot : slot + 1, cumulative.Length - 1);
        condition[_offsets[column] + slot] = 1;
        return (column, slot);
    }

    /// <summary>A random training row holding <paramref name="slot"/> in discrete column <paramref name="column"/>.</summary>
    public int RowWith(int column, int slot, Rng rng)
    {
        int[] rows = _rowsBySlot[column][slot];
        return rows[rng.NextInt(rows.Length)];
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        double[] w = [.. weights];
        // A private fit can leave a column whose only slot (missing) was counted 0: then every slot weighs the same.
        if (!(w.Sum() > 0)) Array.Fill(w, 1.0);
        double total = w.Sum(), running = 0;
        var cumulative = new double[w.Length];
        for (int i = 0; i < w.Length; i++) cumulative[i] = (running += w[i]) / total;
        cumulative[^1] = 1;
        return cumulative;
    }
}
