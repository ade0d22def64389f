using Doppel.Data;

namespace Doppel.Evaluation.Privacy;

/// <summary>
/// Rows reduced to exact keys over some columns, comparable across tables: numbers by their bits (NaN and −0 made
/// canonical), datetimes by ticks, categories and text by their string (one code per distinct string over all tables).
/// Optionally numbers and datetimes are binned first (see <see cref="Binned"/>). Used for exact matches and QI groups.
/// </summary>
internal sealed class RowKeys
{
    private const long MissingKey = long.MinValue;

    private readonly string[] _columns;
    private readonly double[]?[] _edges;
    private readonly Dictionary<string, long>[] _strings;

    private RowKeys(string[] columns, double[]?[] edges)
    {
        _columns = columns;
        _edges = edges;
        _strings = [.. columns.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    }

    /// <summary>Exact values of every column.</summary>
    public static RowKeys Exact(IReadOnlyList<string> columns) => new([.. columns], new double[]?[columns.Count]);

    /// <summary>
    /// Numbers and datetimes with more than <paramref name="maxDistinct"/> distinct values in <paramref name="reference"/>
    /// fall into the deciles of the reference column (bin = how many of the nine decile edges are ≤ the value);
    /// columns with fewer distinct values, categories and text stay exact.
    /// </summary>
    public static RowKeys Binned(IReadOnlyList<string> columns, Table reference, int maxDistinct = 20)
    {
        var edges = new double[]?[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            double[] values = Numbers(reference[columns[c]]);
            if (values.Length == 0) continue;
            Array.Sort(values);
            int distinct = 1;
            for (int i = 1; i < values.Length && distinct <= maxDistinct; i++)
                if (values[i] != values[i - 1]) distinct++;
            if (distinct <= maxDistinct) continue;
            edges[c] = [.. Enumerable.Range(1, 9).Select(p => values[(int)((long)p * (values.Length - 1) / 10)]).Distinct()];
        }
        return new RowKeys([.. columns], edges);
    }

    /// <summary>Number of columns in a key.</summary>
    public int Width => _columns.Length;

    /// <summary>The keys of every row of <paramref name="table"/>, row-major (RowCount × <see cref="Width"/>).</summary>
    public long[] Encode(Table table)
    {
        int rows = table.RowCount, width = _columns.Length;
        var keys = new long[(long)rows * width];
        for (int c = 0; c < width; c++)
        {
            Column column = table[_columns[c]];
            for (int r = 0; r < rows; r++) keys[(long)r * width + c] = KeyOf(column, r, c);
        }
        return keys;
    }

    private long KeyOf(Column column, int row, int c)
    {
        if (column.IsMissing(row)) return MissingKey;
        switch (column)
        {
            case NumericColumn n:
                double value = n.Values[row];
                return _edges[c] is { } edges ? Bin(edges, value) : BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value);
            case DateTimeColumn d:
                return _edges[c] is { } tickEdges ? Bin(tickEdges, d.Ticks[row]) : d.Ticks[row];
            case CategoricalColumn k:
                return Code(c, k[row]!);
            case TextColumn t:
                return Code(c, t.Values[row]!);
            default:
                throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind.");
        }
    }

    private long Code(int c, string value)
    {
        Dictionary<string, long> codes = _strings[c];
        if (!codes.TryGetValue(value, out long code))
        {
            code = codes.Count;
            codes.Add(value, code);
        }
        return code;
    }

    private static long Bin(double[] edges, double value)
    {
        int bin = 0;
        while (bin < edges.Length && edges[bin] <= value) bin++;
        return bin;
    }

    private static double[] Numbers(Column column) => column switch
    {
        NumericColumn n => [.. n.Values.Where(v => !double.IsNaN(v))],
        DateTimeColumn d => [.. d.Ticks.Where(t => t != DateTimeColumn.Missing).Select(t => (double)t)],
        _ => [],
    };

    /// <summary>How many rows hold each key.</summary>
    public static Dictionary<Key, int> Count(long[] keys, int width)
    {
        int rows = width == 0 ? 0 : keys.Length / width;
        var counts = new Dictionary<Key, int>(rows);
        for (int r = 0; r < rows; r++)
        {
            var key = new Key(keys, r * width, width);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    /// <summary>One row's key: a window on a key matrix, compared by value.</summary>
    public readonly struct Key : IEquatable<Key>
    {
        private readonly long[] _keys;
        private readonly int _start;
        private readonly int _width;
        private readonly int _hash;

        public Key(long[] keys, int start, int width)
        {
            _keys = keys;
            _start = start;
            _width = width;
            ulong h = 0x9E3779B97F4A7C15UL;
            foreach (long v in keys.AsSpan(start, width)) h = (h ^ (ulong)v) * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
            _hash = (int)(h ^ (h >> 32));
        }

        public bool Equals(Key other) =>
            _hash == other._hash && _keys.AsSpan(_start, _width).SequenceEqual(other._keys.AsSpan(other._start, other._width));

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
