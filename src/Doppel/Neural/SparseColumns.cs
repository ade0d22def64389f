using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Doppel.Neural;

/// <summary>
/// The nonzero entries of a block of a batch's columns, row by row, and the two products
/// a linear layer needs from them. Encoded tables and conditional vectors are mostly one-hot codes: TVAE's input
/// holds about 21 nonzeros in Adult's 157 columns, a CTGAN condition one in 104. Multiplying only the nonzeros does
/// a seventh of the dense arithmetic or less. Sums run in a fixed order (row, then column), so results do not depend
/// on the thread count.
/// </summary>
internal sealed class SparseColumns
{
    /// <summary>
    /// Batches of at most this many values (rows × gathered columns) give each row a slot as wide as the block, so
    /// ranges of rows can be gathered side by side; wider ones are gathered one row after another into just the room
    /// their nonzeros take (a CTGAN with thousands of condition slots would otherwise hold tens of megabytes a layer).
    /// </summary>
    private const long SlotValues = 1 << 20;

    // Row r's nonzeros sit at [_starts[r], _starts[r] + _counts[r]) of _columns and _values.
    private int[] _starts = [];
    private int[] _counts = [];
    private int[] _columns = [];
    private float[] _values = [];
    // The same entries by column, each column's in row order (IndexColumns): column c's at [_byColumn[c], _byColumn[c + 1]) of _entryRows and _entryValues.
    private int[] _byColumn = [];
    private int[] _touched = [];
    private int[] _entryRows = [];
    private float[] _entryValues = [];
    private int _touchedCount;
    private bool _indexed;

    /// <summary>Rows of the batch being gathered (set by <see cref="Prepare"/>).</summary>
    public int Rows { get; private set; }

    /// <summary>Columns in the gathered block (set by <see cref="Prepare"/>).</summary>
    public int Width { get; private set; }

    /// <summary>Whether <see cref="Gather(Tensor, int, int, int)"/> may take ranges of rows side by side; otherwise it takes the whole batch at once.</summary>
    public bool InRanges { get; private set; }

    /// <summary>Nonzero entries gathered.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int r = 0; r < Rows; r++) count += _counts[r];
            return count;
        }
    }

    /// <summary>Records the nonzero entries of columns [<paramref name="from"/>, end) of every row of <paramref name="input"/>, as offsets from <paramref name="from"/>.</summary>
    public void Gather(Tensor input, int from)
    {
        Prepare(input, from);
        Gather(input, from, 0, input.Rows);
    }

    /// <summary>Sizes the gathering of columns [<paramref name="from"/>, end) of <paramref name="input"/>'s rows, which <see cref="Gather(Tensor, int, int, int)"/> then fills.</summary>
    public void Prepare(Tensor input, int from)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, input.Columns);
        int rows = input.Rows, width = input.Columns - from;
        if (_counts.Length < rows)
        {
            _counts = new int[rows];
            _starts = new int[rows];
        }
        long slots = (long)rows * width;
        InRanges = slots <= SlotValues;
        if (InRanges && _columns.Length < slots) Grow((int)slots);
        Rows = rows;
        Width = width;
        _indexed = false;
    }

    /// <summary>
    /// Gathers rows [<paramref name="firstRow"/>, +<paramref name="rows"/>) after <see cref="Prepare"/>: any range, side by
    /// side with others, when <see cref="InRanges"/>; otherwise the whole batch in one call.
    /// </summary>
    public void Gather(Tensor input, int from, int firstRow, int rows)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rows != Rows || input.Columns - from != Width) throw new ArgumentException($"Prepared for {Rows} rows of {Width} columns, not {input.Rows} of {input.Columns - from}.", nameof(input));
        CheckRows(firstRow, rows);
        if (!InRanges && (firstRow != 0 || rows != Rows)) throw new InvalidOperationException($"A batch of {Rows} rows × {Width} columns is gathered whole, not in ranges.");
        int width = Width, next = 0;
        for (int r = firstRow; r < firstRow + rows; r++)
        {
            int start = InRanges ? r * width : next;
            if (_columns.Length < start + width) Grow(Math.Max(2 * _columns.Length, start + width));
            ReadOnlySpan<float> row = input.Row(r)[from..];
            Span<int> columns = _columns.AsSpan(start, width);
            Span<float> values = _values.AsSpan(start, width);
            int count = 0, c = 0;
            // Eight columns at a time: a bit mask of the nonzero ones, then its set bits in order.
            for (; c + 8 <= width; c += 8)
            {
                uint nonzero = ~Vector256.Equals(Vector256.Create(row.Slice(c, 8)), Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFF;
                while (nonzero != 0)
                {
                    int at = c + System.Numerics.BitOperations.TrailingZeroCount(nonzero);
                    columns[count] = at;
                    values[count++] = row[at];
                    nonzero &= nonzero - 1;
                }
            }
            for (; c < width; c++)
                if (row[c] != 0)
                {
                    columns[count] = c;
                    values[count++] = row[c];
                }
            _starts[r] = start;
            _counts[r] = count;
            next = start + count;
        }
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _columns, capacity);
        Array.Resize(ref _values, capacity);
    }

    private void CheckRows(int firstRow, int rows)
    {
        if (firstRow < 0 || rows < 0 || firstRow + rows > Rows) throw new ArgumentOutOfRangeException(nameof(rows), $"Rows [{firstRow}, {firstRow + rows}) are outside the {Rows} gathered.");
    }

    /// <summary>output[r, :] += Σⱼ x[r, j]·weight[j, :] over the gathered nonzeros; weight is (gathered columns)×outputs, row-major.</summary>
    public void MultiplyAdd(ReadOnlySpan<float> weight, int outputs, Tensor output) => MultiplyAdd(weight, outputs, output, 0, Rows);

    /// <summary>The same for rows [<paramref name="firstRow"/>, +<paramref name="rows"/>) only (each row is independent, so ranges can run side by side).</summary>
    public void MultiplyAdd(ReadOnlySpan<float> weight, int outputs, Tensor output, int firstRow, int rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Rows != Rows || output.Columns != outputs) throw new ArgumentException($"Output must be {Rows}×{outputs}, not {output.Rows}×{output.Columns}.", nameof(output));
        CheckRows(firstRow, rows);
        CheckWeights(weight.Length, outputs, nameof(weight));
        ref float w = ref MemoryMarshal.GetReference(weight);
        ref float y0 = ref MemoryMarshal.GetArrayDataReference(output.Data);
        for (int r = firstRow; r < firstRow + rows; r++)
        {
            int start = _starts[r], end = start + _counts[r];
            if (start == end) continue;
            AddRows(ref Unsafe.Add(ref y0, r * outputs), ref w, outputs, _columns.AsSpan(start, end - start), _values.AsSpan(start, end - start), 0, outputs);
        }
    }

    /// <summary>weightGradient[j, :] += x[r, j]·gradient[r, :] over the gathered nonzeros, row after row: the weight gradient Xᵀ·dY of the gathered columns.</summary>
    public void AddOuterProducts(Tensor gradient, Span<float> weightGradient, int outputs)
    {
        IndexColumns();
        AddOuterProducts(gradient, weightGradient, outputs, 0, outputs);
    }

    /// <summary>
    /// Lists the gathered entries by column, each column's in row order, for <see cref="AddOuterProducts(Tensor, Span{float}, int, int, int)"/>:
    /// after the gathering, before the products (which may then run side by side).
    /// </summary>
    public void IndexColumns()
    {
        int count = Count, width = Width;
        if (_byColumn.Length < width + 1) _byColumn = new int[width + 1];
        else Array.Clear(_byColumn, 0, width + 1);
        if (_entryRows.Length < count)
        {
            _entryRows = new int[count];
            _entryValues = new float[count];
        }
        if (_touched.Length < width) _touched = new int[width];
        for (int r = 0; r < Rows; r++)
            for (int e = _starts[r]; e < _starts[r] + _counts[r]; e++) _byColumn[_columns[e] + 1]++;
        _touchedCount = 0;
        for (int c = 0; c < width; c++)
        {
            if (_byColumn[c + 1] > 0) _touched[_touchedCount++] = c;
            _byColumn[c + 1] += _byColumn[c];
        }
        // Placed in row order; each column's cursor runs from its start, which the second pass restores.
        for (int r = 0; r < Rows; r++)
            for (int e = _starts[r]; e < _starts[r] + _counts[r]; e++)
            {
                int at = _byColumn[_columns[e]]++;
                _entryRows[at] = r;
                _entryValues[at] = _values[e];
            }
        for (int c = width; c > 0; c--) _byColumn[c] = _byColumn[c - 1];
        _byColumn[0] = 0;
        _indexed = true;
    }

    /// <summary>
    /// The same for outputs [<paramref name="firstOutput"/>, <paramref name="endOutput"/>) only (each output's sums are
    /// independent, so ranges can run side by side), after <see cref="IndexColumns"/>. Each weight row is held in
    /// registers while its column's entries are added in row order: the same sums as adding row after row, but each
    /// row of the gradient is read and written once, not once per entry.
    /// </summary>
    public void AddOuterProducts(Tensor gradient, Span<float> weightGradient, int outputs, int firstOutput, int endOutput)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Rows != Rows || gradient.Columns != outputs) throw new ArgumentException($"Gradient must be {Rows}×{outputs}, not {gradient.Rows}×{gradient.Columns}.", nameof(gradient));
        if (firstOutput < 0 || endOutput > outputs || firstOutput > endOutput) throw new ArgumentOutOfRangeException(nameof(endOutput), $"Outputs [{firstOutput}, {endOutput}) are outside the {outputs}.");
        CheckWeights(weightGradient.Length, outputs, nameof(weightGradient));
        if (!_indexed) throw new InvalidOperationException("Index the gathered entries by column (IndexColumns) before adding their outer products.");
        ref float dW = ref MemoryMarshal.GetReference(weightGradient);
        ref float dY = ref MemoryMarshal.GetArrayDataReference(gradient.Data);
        for (int t = 0; t < _touchedCount; t++)
        {
            int column = _touched[t], first = _byColumn[column], end = _byColumn[column + 1];
            AddRows(ref Unsafe.Add(ref dW, column * outputs), ref dY, outputs, _entryRows.AsSpan(first, end - first), _entryValues.AsSpan(first, end - first), firstOutput, endOutput);
        }
    }

    /// <summary>
    /// target[c] += Σₑ values[e]·rows[index[e]·stride + c] for c in [<paramref name="first"/>, <paramref name="end"/>), the
    /// terms fused and added in order: blocks of 32 outputs held in four registers across the terms, then blocks of 8,
    /// then single values (each value's sum the same whichever way).
    /// </summary>
    private static void AddRows(ref float target, ref float rows, int stride, ReadOnlySpan<int> index, ReadOnlySpan<float> values, int first, int end)
    {
        int c = first;
        for (; c + 32 <= end; c += 32)
        {
            Vector256<float> a0 = Vector256.LoadUnsafe(ref target, (nuint)c), a1 = Vector256.LoadUnsafe(ref target, (nuint)c + 8);
            Vector256<float> a2 = Vector256.LoadUnsafe(ref target, (nuint)c + 16), a3 = Vector256.LoadUnsafe(ref target, (nuint)c + 24);
            for (int e = 0; e < index.Length; e++)
            {
                var x = Vector256.Create(values[e]);
                ref float row = ref Unsafe.Add(ref rows, index[e] * stride + c);
                a0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row), a0);
                a1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row, 8), a1);
                a2 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row, 16), a2);
                a3 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref row, 24), a3);
            }
            a0.StoreUnsafe(ref target, (nuint)c);
            a1.StoreUnsafe(ref target, (nuint)c + 8);
            a2.StoreUnsafe(ref target, (nuint)c + 16);
            a3.StoreUnsafe(ref target, (nuint)c + 24);
        }
        for (; c + 8 <= end; c += 8)
        {
            Vector256<float> a = Vector256.LoadUnsafe(ref target, (nuint)c);
            for (int e = 0; e < index.Length; e++)
                a = Vector256.FusedMultiplyAdd(Vector256.Create(values[e]), Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, index[e] * stride + c)), a);
            a.StoreUnsafe(ref target, (nuint)c);
        }
        for (; c < end; c++)
        {
            float sum = Unsafe.Add(ref target, c);
            for (int e = 0; e < index.Length; e++) sum = MathF.FusedMultiplyAdd(values[e], Unsafe.Add(ref rows, index[e] * stride + c), sum);
            Unsafe.Add(ref target, c) = sum;
        }
    }

    /// <summary>The unchecked loops read and write rows of a (gathered width)×outputs weight matrix: refuse a shorter one.</summary>
    private void CheckWeights(int length, int outputs, string parameter)
    {
        if ((long)Width * outputs > length) throw new ArgumentException($"The weights hold {length} values; {Width} columns × {outputs} outputs need {(long)Width * outputs}.", parameter);
    }
}
