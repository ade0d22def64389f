using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Doppel.Neural;

/// <summary>
/// The nonzero entries of a block of a batch's columns, row by row (compressed sparse rows), and the two products
/// a linear layer needs from them. Encoded tables and conditional vectors are mostly one-hot codes: TVAE's input
/// holds about 21 nonzeros in Adult's 157 columns, a CTGAN condition one in 104. Multiplying only the nonzeros does
/// a seventh of the dense arithmetic or less. Sums run in a fixed order (row, then column), so results do not depend
/// on the thread count.
/// </summary>
internal sealed class SparseColumns
{
    private int[] _rowStarts = [0];
    private int[] _columns = [];
    private float[] _values = [];

    /// <summary>Rows gathered by the last <see cref="Gather"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns in the block gathered by the last <see cref="Gather"/>.</summary>
    public int Width { get; private set; }

    /// <summary>Nonzero entries gathered by the last <see cref="Gather"/>.</summary>
    public int Count => _rowStarts[Rows];

    /// <summary>Records the nonzero entries of columns [<paramref name="from"/>, end) of every row of <paramref name="input"/>, as offsets from <paramref name="from"/>.</summary>
    public void Gather(Tensor input, int from)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, input.Columns);
        int rows = input.Rows, width = input.Columns - from;
        if (_rowStarts.Length < rows + 1) _rowStarts = new int[rows + 1];
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            _rowStarts[r] = count;
            ReadOnlySpan<float> row = input.Row(r)[from..];
            if (_columns.Length < count + width) Grow(Math.Max(2 * _columns.Length, count + width));
            int c = 0;
            // Eight columns at a time: a bit mask of the nonzero ones, then its set bits in order.
            for (; c + 8 <= width; c += 8)
            {
                uint nonzero = ~Vector256.Equals(Vector256.Create(row.Slice(c, 8)), Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFF;
                while (nonzero != 0)
                {
                    int at = c + System.Numerics.BitOperations.TrailingZeroCount(nonzero);
                    _columns[count] = at;
                    _values[count++] = row[at];
                    nonzero &= nonzero - 1;
                }
            }
            for (; c < width; c++)
                if (row[c] != 0)
                {
                    _columns[count] = c;
                    _values[count++] = row[c];
                }
        }
        _rowStarts[rows] = count;
        Rows = rows;
        Width = width;
    }

    /// <summary>output[r, :] += Σⱼ x[r, j]·weight[j, :] over the gathered nonzeros; weight is (gathered columns)×outputs, row-major.</summary>
    public void MultiplyAdd(ReadOnlySpan<float> weight, int outputs, Tensor output) => MultiplyAdd(weight, outputs, output, 0, Rows);

    /// <summary>The same for rows [<paramref name="firstRow"/>, +<paramref name="rows"/>) only (each row is independent, so ranges can run side by side).</summary>
    public void MultiplyAdd(ReadOnlySpan<float> weight, int outputs, Tensor output, int firstRow, int rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Rows != Rows || output.Columns != outputs) throw new ArgumentException($"Output must be {Rows}×{outputs}, not {output.Rows}×{output.Columns}.", nameof(output));
        if (firstRow < 0 || rows < 0 || firstRow + rows > Rows) throw new ArgumentOutOfRangeException(nameof(rows), $"Rows [{firstRow}, {firstRow + rows}) are outside the {Rows} gathered.");
        CheckWeights(weight.Length, outputs, nameof(weight));
        ref float w = ref MemoryMarshal.GetReference(weight);
        ref float y0 = ref MemoryMarshal.GetArrayDataReference(output.Data);
        for (int r = firstRow; r < firstRow + rows; r++)
        {
            int start = _rowStarts[r], end = _rowStarts[r + 1];
            if (start == end) continue;
            ref float y = ref Unsafe.Add(ref y0, r * outputs);
            // Blocks of 32 outputs held in four registers across the row's nonzeros, then blocks of 8, then single values.
            int c = 0;
            for (; c + 32 <= outputs; c += 32)
            {
                Vector256<float> a0 = Vector256.LoadUnsafe(ref y, (nuint)c), a1 = Vector256.LoadUnsafe(ref y, (nuint)c + 8);
                Vector256<float> a2 = Vector256.LoadUnsafe(ref y, (nuint)c + 16), a3 = Vector256.LoadUnsafe(ref y, (nuint)c + 24);
                for (int e = start; e < end; e++)
                {
                    var x = Vector256.Create(_values[e]);
                    ref float row = ref Unsafe.Add(ref w, _columns[e] * outputs + c);
                    a0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row), a0);
                    a1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row, 8), a1);
                    a2 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row, 16), a2);
                    a3 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row, 24), a3);
                }
                a0.StoreUnsafe(ref y, (nuint)c);
                a1.StoreUnsafe(ref y, (nuint)c + 8);
                a2.StoreUnsafe(ref y, (nuint)c + 16);
                a3.StoreUnsafe(ref y, (nuint)c + 24);
            }
            for (; c + 8 <= outputs; c += 8)
            {
                Vector256<float> a = Vector256.LoadUnsafe(ref y, (nuint)c);
                for (int e = start; e < end; e++)
                    a = Vector256.FusedMultiplyAdd(Vector256.Create(_values[e]), Vector256.LoadUnsafe(ref Unsafe.Add(ref w, _columns[e] * outputs + c)), a);
                a.StoreUnsafe(ref y, (nuint)c);
            }
            for (; c < outputs; c++)
            {
                float sum = Unsafe.Add(ref y, c);
                for (int e = start; e < end; e++) sum = MathF.FusedMultiplyAdd(_values[e], Unsafe.Add(ref w, _columns[e] * outputs + c), sum);
                Unsafe.Add(ref y, c) = sum;
            }
        }
    }

    /// <summary>weightGradient[j, :] += x[r, j]·gradient[r, :] over the gathered nonzeros, row after row: the weight gradient Xᵀ·dY of the gathered columns.</summary>
    public void AddOuterProducts(Tensor gradient, Span<float> weightGradient, int outputs)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Rows != Rows || gradient.Columns != outputs) throw new ArgumentException($"Gradient must be {Rows}×{outputs}, not {gradient.Rows}×{gradient.Columns}.", nameof(gradient));
        CheckWeights(weightGradient.Length, outputs, nameof(weightGradient));
        ref float dW = ref MemoryMarshal.GetReference(weightGradient);
        ref float dY = ref MemoryMarshal.GetArrayDataReference(gradient.Data);
        int vectorEnd = outputs & ~7;
        for (int r = 0; r < Rows; r++)
        {
            ref float dy = ref Unsafe.Add(ref dY, r * outputs);
            for (int e = _rowStarts[r]; e < _rowStarts[r + 1]; e++)
            {
                ref float target = ref Unsafe.Add(ref dW, _columns[e] * outputs);
                float value = _values[e];
                var x = Vector256.Create(value);
                int c = 0;
                for (; c < vectorEnd; c += 8)
                    Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref dy, (nuint)c), Vector256.LoadUnsafe(ref target, (nuint)c)).StoreUnsafe(ref target, (nuint)c);
                for (; c < outputs; c++) Unsafe.Add(ref target, c) = MathF.FusedMultiplyAdd(value, Unsafe.Add(ref dy, c), Unsafe.Add(ref target, c));
            }
        }
    }

    /// <summary>The unchecked loops read and write rows of a (gathered width)×outputs weight matrix: refuse a shorter one.</summary>
    private void CheckWeights(int length, int outputs, string parameter)
    {
        if ((long)Width * outputs > length) throw new ArgumentException($"The weights hold {length} values; {Width} columns × {outputs} outputs need {(long)Width * outputs}.", parameter);
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _columns, capacity);
        Array.Resize(ref _values, capacity);
    }
}
