using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Doppel.IO;

namespace Doppel.Data;

/// <summary>Turns a <see cref="RawTable"/> of strings into a typed <see cref="Table"/> as its <see cref="Metadata"/> declares.</summary>
public static class TableBuilder
{
    /// <summary>A categorical column needs more distinct values than this (and than half its rows) to be refused as a copy risk.</summary>
    public const int CategoricalDistinctLimit = 10_000;

    private const int ShownProblems = 5;
    private const int ShownValueLength = 40;

    /// <summary>
    /// Builds typed columns in metadata order. Throws <see cref="MetadataException"/> when metadata and data
    /// columns do not match, and <see cref="DataFormatException"/> listing, per column, the first values that
    /// do not fit the declared type (with their file lines) and how many there are.
    /// </summary>
    public static Table Build(RawTable raw, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(metadata);
        MetadataValidator.ThrowIfInvalid(metadata);
        MetadataValidator.CheckAgainst(metadata, raw.Names, raw.Source);

        var columns = new Column[metadata.Columns.Count];
        var problems = new string?[metadata.Columns.Count];
        // Columns are independent; building them in parallel keeps large files quick.
        Parallel.For(0, columns.Length, i =>
        {
            ColumnMetadata column = metadata.Columns[i];
            string?[] values = raw.Columns[raw.IndexOf(column.Name)];
            columns[i] = BuildColumn(raw, column, values, out problems[i]);
        });
        string[] found = [.. problems.OfType<string>()];
        if (found.Length > 0)
            throw new DataFormatException(string.Join(Environment.NewLine, found));
        return new Table(columns);
    }

    private static Column BuildColumn(RawTable raw, ColumnMetadata column, string?[] values, out string? problem)
    {
        problem = null;
        switch (column.Type)
        {
            case ColumnType.Numerical:
                return BuildNumeric(raw, column, values, out problem);
            case ColumnType.DateTime:
                return BuildDateTime(raw, column, values, out problem);
            case ColumnType.Categorical or ColumnType.Boolean:
                CategoricalColumn categorical = BuildCategorical(column.Name, values);
                int distinct = categorical.Categories.Length;
                if (column.Type == ColumnType.Categorical && distinct > CategoricalDistinctLimit && distinct > raw.RowCount / 2.0)
                    problem = $"Column '{column.Name}' is categorical but has {distinct.ToString("N0", CultureInfo.InvariantCulture)} distinct values in {raw.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows of {raw.Source}: a synthesizer would copy each value. Declare it \"id\" or \"text\" in metadata.json instead.";
                return categorical;
            default:
                return new TextColumn(column.Name, (string?[])values.Clone());
        }
    }

    private static NumericColumn BuildNumeric(RawTable raw, ColumnMetadata column, string?[] values, out string? problem)
    {
        var result = new double[values.Length];
        var bad = new BadValues();
        for (int row = 0; row < values.Length; row++)
        {
            string? text = values[row];
            if (text is null)
            {
                result[row] = double.NaN;
            }
            else if (TryParseWhole(text, out double whole))
            {
                result[row] = whole;
            }
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                result[row] = value;
            }
            else
            {
                result[row] = double.NaN;
                bad.Add(row, text);
            }
        }
        problem = bad.Count == 0 ? null : bad.Describe(raw, $"Column '{column.Name}' is numerical", "are not numbers",
            "declare the column categorical in metadata.json");
        return new NumericColumn(column.Name, result);
    }

    /// <summary>Codes in order of first appearance, with one hash lookup per value.</summary>
    private static CategoricalColumn BuildCategorical(string name, string?[] values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        var codes = new int[values.Length];
        for (int row = 0; row < values.Length; row++)
        {
            string? value = values[row];
            if (value is null)
            {
                codes[row] = CategoricalColumn.Missing;
                continue;
            }
            ref int code = ref CollectionsMarshal.GetValueRefOrAddDefault(index, value, out bool exists);
            if (!exists)
            {
                code = categories.Count;
                categories.Add(value);
            }
            codes[row] = code;
        }
        return new CategoricalColumn(name, codes, [.. categories]);
    }

    /// <summary>
    /// Fast path for plain whole numbers ("42", "-7"), the most common numeric cells; up to 15 digits the
    /// result is exact, so it equals what <see cref="double.Parse(string, IFormatProvider)"/> gives.
    /// </summary>
    private static bool TryParseWhole(string text, out double value)
    {
        value = 0;
        int start = text.Length > 0 && text[0] == '-' ? 1 : 0;
        int digits = text.Length - start;
        if (digits is < 1 or > 15) return false;
        long number = 0;
        for (int i = start; i < text.Length; i++)
        {
            int d = text[i] - '0';
            if ((uint)d > 9) return false;
            number = number * 10 + d;
        }
        // "-0" stays the IEEE negative zero that double.Parse gives.
        value = start == 1 ? -(double)number : number;
        return true;
    }

    private static DateTimeColumn BuildDateTime(RawTable raw, ColumnMetadata column, string?[] values, out string? problem)
    {
        // Validated above: a datetime column always has a usable format.
        var format = DateTimeFormats.Compile(column.DateTimeFormat!);
        var result = new long[values.Length];
        var bad = new BadValues();
        for (int row = 0; row < values.Length; row++)
        {
            string? text = values[row];
            if (text is null)
                result[row] = DateTimeColumn.Missing;
            else if (format.TryParse(text, out long ticks))
                result[row] = ticks;
            else
            {
                result[row] = DateTimeColumn.Missing;
                bad.Add(row, text);
            }
        }
        problem = bad.Count == 0 ? null : bad.Describe(raw, $"Column '{column.Name}' is datetime in format \"{format.Text}\"",
            $"do not match \"{format.Text}\"", "correct its \"format\" in metadata.json (or declare the column categorical)");
        return new DateTimeColumn(column.Name, result);
    }

    /// <summary>The first few values that failed, and how many did.</summary>
    private sealed class BadValues
    {
        private readonly List<(int Row, string Text)> _shown = [];

        public int Count { get; private set; }

        public void Add(int row, string text)
        {
            if (_shown.Count < ShownProblems) _shown.Add((row, text));
            Count++;
        }

        public string Describe(RawTable raw, string what, string failure, string alternative)
        {
            if (Count == 1)
                return $"{what} but line {Line(raw, _shown[0].Row)} of {raw.Source} holds {Show(_shown[0].Text)}. Fix the value or {alternative}.";
            var text = new StringBuilder();
            text.Append(what).Append(" but ").Append(Count.ToString("N0", CultureInfo.InvariantCulture))
                .Append(" values of ").Append(raw.Source).Append(' ').Append(failure).Append(": ");
            for (int i = 0; i < _shown.Count; i++)
            {
                if (i > 0) text.Append(", ");
                text.Append("line ").Append(Line(raw, _shown[i].Row)).Append(" holds ").Append(Show(_shown[i].Text));
            }
            if (Count > _shown.Count) text.Append(" and ").Append((Count - _shown.Count).ToString("N0", CultureInfo.InvariantCulture)).Append(" more");
            return text.Append(". Fix the values or ").Append(alternative).Append('.').ToString();
        }

        private static int Line(RawTable raw, int row) => row < raw.LineNumbers.Length ? raw.LineNumbers[row] : row + 2;

        private static string Show(string text) =>
            "\"" + (text.Length <= ShownValueLength ? text : string.Concat(text.AsSpan(0, ShownValueLength), "…")) + "\"";
    }
}
