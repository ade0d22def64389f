using System.Globalization;
using Doppel.Data;
using Doppel.IO;

namespace Doppel.Evaluation.Diagnostic;

/// <summary>The per-column parts of the diagnostic metrics: is each synthetic value one the real table allows?</summary>
internal static class ValidityChecks
{
    private const int ShownValues = 3;

    /// <summary>BoundaryAdherence: the share of present synthetic values within the real [min, max].</summary>
    public static MetricPart Boundary(string name, Column real, Column synthetic)
    {
        switch (real, synthetic)
        {
            case (NumericColumn a, NumericColumn b):
                return Boundary(name, a.Values.Where(v => !double.IsNaN(v)).ToArray(), b.Values.Where(v => !double.IsNaN(v)).ToArray());
            case (DateTimeColumn a, DateTimeColumn b):
                return Boundary(name, Present(a.Ticks), Present(b.Ticks));
            default:
                return MetricParts.Skipped(name, "the column holds no numbers or datetimes in one of the tables");
        }
    }

    private static MetricPart Boundary<T>(string name, T[] real, T[] synthetic) where T : IComparable<T>
    {
        if (real.Length == 0) return MetricParts.Skipped(name, "the real column has no values, so it has no bounds");
        if (synthetic.Length == 0) return MetricParts.Skipped(name, "the synthetic column has no values");
        T minimum = real.Min()!, maximum = real.Max()!;
        int below = synthetic.Count(v => v.CompareTo(minimum) < 0), above = synthetic.Count(v => v.CompareTo(maximum) > 0);
        double outside = (below + above) / (double)synthetic.Length;
        return new MetricPart(name, 1 - outside, outside, below + above == 0 ? "BoundaryAdherence" : $"BoundaryAdherence: {below} below the real minimum, {above} above the real maximum");
    }

    /// <summary>CategoryAdherence: the share of synthetic rows whose category the real column has (missing counts when the real column has missing values).</summary>
    public static MetricPart Category(string name, Column real, Column synthetic)
    {
        if (real is not CategoricalColumn a || synthetic is not CategoricalColumn b)
            return MetricParts.Skipped(name, "the column holds no categories in one of the tables");
        if (b.Length == 0) return MetricParts.Skipped(name, "the synthetic table has no rows");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool realHasMissing = false;
        foreach (int code in a.Codes)
        {
            if (code < 0) realHasMissing = true;
            else seen.Add(a.Categories[code]);
        }
        var known = new bool[b.Categories.Length];
        for (int k = 0; k < known.Length; k++) known[k] = seen.Contains(b.Categories[k]);
        var unknown = new Dictionary<int, int>();
        int invalid = 0;
        foreach (int code in b.Codes)
        {
            bool valid = code < 0 ? realHasMissing : known[code];
            if (valid) continue;
            invalid++;
            if (code >= 0) unknown[code] = unknown.GetValueOrDefault(code) + 1;
        }
        double share = invalid / (double)b.Length;
        string note = invalid == 0 ? "CategoryAdherence"
            : $"CategoryAdherence: {invalid} rows hold values the real column never has" +
              (unknown.Count == 0 ? " (missing values)" : ", e.g. " + string.Join(", ", unknown.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(ShownValues).Select(p => $"'{b.Categories[p.Key]}'")));
        return new MetricPart(name, 1 - share, share, note);
    }

    /// <summary>KeyUniqueness: 1 − the share of synthetic rows whose key is missing or repeats an earlier row's.</summary>
    public static MetricPart Key(string name, Column synthetic)
    {
        if (synthetic.Length == 0) return MetricParts.Skipped(name, "the synthetic table has no rows");
        int bad = synthetic switch
        {
            TextColumn t => Repeats(t.Values, v => v is null),
            NumericColumn n => Repeats(n.Values, double.IsNaN),
            CategoricalColumn c => Repeats(c.Codes, code => code < 0),
            DateTimeColumn d => Repeats(d.Ticks, t => t == DateTimeColumn.Missing),
            _ => 0,
        };
        double share = bad / (double)synthetic.Length;
        return new MetricPart(name, 1 - share, share, bad == 0 ? "KeyUniqueness" : $"KeyUniqueness: {bad} rows have a missing or repeated key");
    }

    /// <summary>
    /// Datetime format adherence: the share of present synthetic strings written exactly in the metadata format (they
    /// parse, and formatting the parsed instant again gives the same text).
    /// </summary>
    public static MetricPart Format(ColumnMetadata column, RawTable raw)
    {
        int index = raw.IndexOf(column.Name);
        if (index < 0) return MetricParts.Skipped(column.Name, $"the column is not in {raw.Source}");
        if (column.DateTimeFormat is not { } format) return MetricParts.Skipped(column.Name, "the metadata gives no datetime format");
        int present = 0, bad = 0;
        string? example = null;
        foreach (string? text in raw.Columns[index])
        {
            if (text is null) continue;
            present++;
            if (DateTimeFormats.TryParse(text, format, out long ticks) && DateTimeFormats.Format(ticks, format) == text) continue;
            bad++;
            example ??= text;
        }
        if (present == 0) return MetricParts.Skipped(column.Name, "the synthetic column has no values");
        double share = bad / (double)present;
        return new MetricPart(column.Name, 1 - share, share,
            bad == 0 ? $"format \"{format}\"" : string.Create(CultureInfo.InvariantCulture, $"format \"{format}\": {bad} values differ, e.g. \"{example}\""));
    }

    private static long[] Present(long[] ticks) => [.. ticks.Where(t => t != DateTimeColumn.Missing)];

    private static int Repeats<T>(T[] values, Func<T, bool> missing)
    {
        var seen = new HashSet<T>();
        int bad = 0;
        foreach (T value in values)
            if (missing(value) || !seen.Add(value)) bad++;
        return bad;
    }
}
