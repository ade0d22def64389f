using Doppel.Data;

namespace Doppel.Learning.Neighbors;

/// <summary>
/// A Gower-style distance over mixed-type columns, fitted on a reference table. Per column:
/// numerical and datetime values differ by min(|a − b| / range, 1), where range is max − min of the reference
/// column's non-missing values (1 unit — one tick for datetimes — when the column is constant or empty);
/// categorical and boolean values differ by 0 when equal and 1 otherwise. Missing values: both missing = 0,
/// one missing = 1. The distance is the mean over the columns, so it lies in [0, 1].
/// Tables are encoded once (<see cref="Encode"/>) into dense float rows on which the difference of every column
/// is min(|a − b|, 1): numbers as (value − min) / range, categories as integer codes, missing as a far sentinel.
/// The encoded dimensions are ordered categorical first, then numerical, each by how often the column tells two
/// reference rows apart (most first), which lets the search stop early; <see cref="Columns"/> gives that order.
/// </summary>
public sealed class GowerSpace
{
    // A missing number sits this far away: its difference to any encoded value is ≥ 1, to another missing value 0.
    private const float MissingNumber = -1e30f;
    // Encoded numbers are clamped here so they never reach the missing sentinel; values a billion ranges
    // outside the reference range lose their mutual differences, which no real table comes near.
    private const double NumberLimit = 1e9;

    private readonly GowerColumn[] _columns;
    private readonly Lock _categoriesLock = new();

    private GowerSpace(GowerColumn[] columns)
    {
        _columns = columns;
        Columns = [.. columns.Select(c => c.Name)];
    }

    /// <summary>The columns, in the order of the encoded dimensions.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of columns (dimensions of an encoded row).</summary>
    public int Dimensions => _columns.Length;

    /// <summary>Fits the per-column ranges and category codes on <paramref name="reference"/> for the named columns.</summary>
    /// <exception cref="DataFormatException">A column is absent or holds text.</exception>
    public static GowerSpace Fit(Table reference, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("A Gower distance needs at least one column.", nameof(columns));
        var fitted = new GowerColumn[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            Column column = Find(reference, columns[i]);
            fitted[i] = column switch
            {
                NumericColumn n => GowerColumn.Number(n.Name, ColumnKind.Numeric, Range(n.Values.Where(double.IsFinite))),
                DateTimeColumn d => GowerColumn.Number(d.Name, ColumnKind.DateTime,
                    Range(d.Ticks.Where(t => t != DateTimeColumn.Missing).Select(t => (double)t))),
                CategoricalColumn c => GowerColumn.Category(c.Name, c.Categories),
                _ => throw new DataFormatException($"Column '{column.Name}' holds free text; a Gower distance takes numerical, datetime, categorical and boolean columns."),
            };
        }
        return new GowerSpace(OrderBySeparation(fitted, reference));
    }

    /// <summary>Encodes every row of <paramref name="table"/> (which must hold the fitted columns, of the same kinds).</summary>
    public EncodedRows Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int rows = table.RowCount, dimensions = _columns.Length;
        var values = new float[(long)rows * dimensions];
        for (int c = 0; c < dimensions; c++)
        {
            GowerColumn fitted = _columns[c];
            Column column = Find(table, fitted.Name);
            switch (column)
            {
                case NumericColumn n when fitted.Kind == ColumnKind.Numeric:
                    for (int r = 0; r < rows; r++) values[(long)r * dimensions + c] = fitted.Scale(n.Values[r]);
                    break;
                case DateTimeColumn d when fitted.Kind == ColumnKind.DateTime:
                    for (int r = 0; r < rows; r++)
                    {
                        long t = d.Ticks[r];
                        values[(long)r * dimensions + c] = fitted.Scale(t == DateTimeColumn.Missing ? double.NaN : t);
                    }
                    break;
                case CategoricalColumn k when fitted.Kind == ColumnKind.Categorical:
                    int[] codes = CodesFor(fitted, k.Categories);
                    for (int r = 0; r < rows; r++)
                    {
                        int code = k.Codes[r];
                        values[(long)r * dimensions + c] = code < 0 ? -1f : codes[code];
                    }
                    break;
                default:
                    throw new DataFormatException($"Column '{fitted.Name}' is {Describe(fitted.Kind)} in the reference table but {Describe(column.Kind)} here; both tables need the same column types.");
            }
        }
        return new EncodedRows(values, rows, dimensions, _columns.Count(c => c.Kind == ColumnKind.Categorical));
    }

    /// <summary>The distance between row <paramref name="first"/> of <paramref name="a"/> and row <paramref name="second"/> of <paramref name="b"/>, in [0, 1].</summary>
    public static double Distance(EncodedRows a, int first, EncodedRows b, int second)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dimensions != b.Dimensions) throw new ArgumentException($"Rows of {a.Dimensions} and {b.Dimensions} dimensions cannot be compared; encode both tables with the same space.", nameof(b));
        return NeighborKernel.SumDifferences(a.Row(first), b.Row(second)) / a.Dimensions;
    }

    // The search stops summing a candidate once it cannot win, so within each kind the columns that most often tell
    // two rows apart go first. Their mean difference is estimated on up to 4,096 pairs of reference rows half a table apart.
    private static GowerColumn[] OrderBySeparation(GowerColumn[] columns, Table reference)
    {
        EncodedRows rows = new GowerSpace(columns).Encode(reference);
        int half = rows.Count / 2, pairs = Math.Min(half, 4096), d = columns.Length;
        var separation = new double[d];
        for (int p = 0; p < pairs; p++)
        {
            int i = (int)((long)p * half / pairs);
            ReadOnlySpan<float> a = rows.Row(i), b = rows.Row(i + half);
            for (int c = 0; c < d; c++) separation[c] += MathF.Min(MathF.Abs(a[c] - b[c]), 1f);
        }
        // Categorical columns lead (the kernel tests them for equality, cheaper than a capped difference).
        return [.. Enumerable.Range(0, d)
            .OrderBy(c => columns[c].Kind == ColumnKind.Categorical ? 0 : 1)
            .ThenByDescending(c => separation[c]).ThenBy(c => c)
            .Select(c => columns[c])];
    }

    // Category strings map to stable codes: the reference's first, then any category first met while encoding
    // another table. Distances only depend on code equality, so the order tables are encoded in changes nothing.
    private int[] CodesFor(GowerColumn column, string[] categories)
    {
        var codes = new int[categories.Length];
        lock (_categoriesLock)
        {
            for (int i = 0; i < categories.Length; i++)
            {
                if (!column.Codes.TryGetValue(categories[i], out int code))
                {
                    code = column.Codes.Count;
                    column.Codes.Add(categories[i], code);
                }
                codes[i] = code;
            }
        }
        return codes;
    }

    private static Column Find(Table table, string name) => table.TryGetColumn(name, out Column? column)
        ? column
        : throw new DataFormatException($"The table has no column '{name}'. Columns: {string.Join(", ", table.ColumnNames)}.");

    private static (double Minimum, double Range) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (double.IsInfinity(min)) return (0, 1);
        double range = max - min;
        return (min, range > 0 && double.IsFinite(range) ? range : 1);
    }

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "numerical",
        ColumnKind.DateTime => "datetime",
        ColumnKind.Categorical => "categorical",
        _ => "text",
    };

    private sealed record GowerColumn(string Name, ColumnKind Kind, double Minimum, double Range, Dictionary<string, int> Codes)
    {
        public static GowerColumn Number(string name, ColumnKind kind, (double Minimum, double Range) scale) =>
            new(name, kind, scale.Minimum, scale.Range, []);

        public static GowerColumn Category(string name, string[] categories)
        {
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string category in categories) codes.TryAdd(category, codes.Count);
            return new(name, ColumnKind.Categorical, 0, 1, codes);
        }

        public float Scale(double value) => double.IsNaN(value)
            ? MissingNumber
            : (float)Math.Clamp((value - Minimum) / Range, -NumberLimit, NumberLimit);
    }
}
