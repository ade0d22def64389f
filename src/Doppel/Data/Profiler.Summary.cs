using System.Globalization;
using Doppel.IO;
using Doppel.Privacy;

namespace Doppel.Data;

// Summaries for people: type in words, missing share, distinct count, a (masked) example, warnings.
public static partial class Profiler
{
    // Above this many categories a column is worth a look: each category gets few rows to learn from.
    private const int HighCardinality = 100;

    /// <summary>One summary per metadata column, in metadata order; examples of id, PII and text columns are masked.</summary>
    /// <exception cref="MetadataException">A metadata column is not in the table.</exception>
    public static IReadOnlyList<ColumnSummary> Summarize(RawTable raw, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(metadata);
        string[] absent = [.. metadata.Columns.Where(c => raw.IndexOf(c.Name) < 0).Select(c => $"column '{c.Name}' is not in {raw.Source}; its columns are: {string.Join(", ", raw.Names)}. Fix the name in the metadata or remove the column.")];
        if (absent.Length > 0) throw new MetadataException(absent);

        var summaries = new List<ColumnSummary>(metadata.Columns.Count);
        foreach (ColumnMetadata column in metadata.Columns)
        {
            ColumnFacts facts = ColumnFacts.Gather(column.Name, raw.Columns[raw.IndexOf(column.Name)], 0, null);
            double missing = facts.RowCount == 0 ? 0 : (double)facts.MissingCount / facts.RowCount;
            summaries.Add(new ColumnSummary(column.Name, column.Type, Describe(column), missing, facts.DistinctCount,
                Example(column, facts), Warnings(column, facts, raw)));
        }
        return summaries;
    }

    /// <summary>The type in words: "integer", "float, 2 decimals", "datetime yyyy-MM-dd", "pii email".</summary>
    internal static string Describe(ColumnMetadata column) => column.Type switch
    {
        ColumnType.Numerical => column.Subtype switch
        {
            NumericalSubtype.Integer => "integer",
            NumericalSubtype.Float when column.Decimals is int decimals => string.Create(CultureInfo.InvariantCulture, $"float, {decimals} decimal{(decimals == 1 ? "" : "s")}"),
            NumericalSubtype.Float => "float",
            _ => "numerical",
        },
        ColumnType.Categorical => "categorical",
        ColumnType.Boolean => "boolean",
        ColumnType.DateTime => column.DateTimeFormat is null ? "datetime" : "datetime " + column.DateTimeFormat,
        ColumnType.Id => "id",
        ColumnType.Pii => column.Pii is PiiKind kind ? "pii " + KindInWords(kind) : "pii",
        ColumnType.Text => "text",
        _ => column.Type.ToString().ToLowerInvariant(),
    };

    private static string KindInWords(PiiKind kind) => kind switch
    {
        PiiKind.PersonName => "person name",
        PiiKind.FirstName => "first name",
        PiiKind.LastName => "last name",
        PiiKind.StreetAddress => "street address",
        PiiKind.PostalCode => "postal code",
        PiiKind.CreditCard => "credit card",
        PiiKind.IPv4 => "IPv4 address",
        PiiKind.IPv6 => "IPv6 address",
        PiiKind.Iban => "IBAN",
        PiiKind.Ssn => "SSN",
        PiiKind.Url => "URL",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Categories show their most frequent value; ids, PII and text only a masked value.</summary>
    private static string? Example(ColumnMetadata column, ColumnFacts facts) => column.Type switch
    {
        _ when facts.PresentCount == 0 => null,
        ColumnType.Pii => ValueMasker.Mask(facts.FirstValue!, column.Pii),
        ColumnType.Id or ColumnType.Text => ValueMasker.Mask(facts.FirstValue!),
        ColumnType.Categorical or ColumnType.Boolean => facts.MostFrequent,
        _ => facts.FirstValue,
    };

    private static IReadOnlyList<string> Warnings(ColumnMetadata column, ColumnFacts facts, RawTable raw)
    {
        if (facts.PresentCount == 0) return ["all values missing"];
        var warnings = new List<string>();
        if (facts.DistinctCount == 1) warnings.Add("constant (one distinct value)");
        if (facts.MissingCount * 2 > facts.RowCount)
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"mostly missing ({100.0 * facts.MissingCount / facts.RowCount:0}%)"));
        if (column.Type is ColumnType.Categorical or ColumnType.Text && facts.DistinctCount > HighCardinality)
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"high cardinality ({facts.DistinctCount:N0} distinct)"));
        if (column.Type == ColumnType.Id && !facts.IsUnique)
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"not a key: {facts.RowCount - facts.DistinctCount:N0} values are missing or repeated"));
        if (column.Type == ColumnType.Numerical && FirstMismatch(facts, v => NumberFacts.TryParse(v, out _)) is (int count, int row))
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{Values(count)} not {(count == 1 ? "a number" : "numbers")} (the first on line {raw.LineNumbers[row]})"));
        if (column is { Type: ColumnType.DateTime, DateTimeFormat: { } format } && !format.StartsWith("unix-", StringComparison.Ordinal))
        {
            if (FirstMismatch(facts, v => DateTimeFormatDetector.Reads(format, v)) is (int bad, int line))
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{Values(bad)} not in the format {format} (the first on line {raw.LineNumbers[line]})"));
            else if (DateTimeFormatDetector.IsDayMonthAmbiguous(format, facts.Counts.Keys))
                warnings.Add("ambiguous day/month order");
        }
        return warnings;
    }

    private static string Values(int count) => count == 1 ? "1 value is" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} values are");

    /// <summary>How many present values fail the test, and the row of the first; null when none fails. Tests each distinct value once.</summary>
    private static (int Count, int FirstRow)? FirstMismatch(ColumnFacts facts, Func<string, bool> test)
    {
        HashSet<string>? failing = null;
        int count = 0;
        foreach ((string value, int occurrences) in facts.Counts)
        {
            if (test(value)) continue;
            (failing ??= new HashSet<string>(StringComparer.Ordinal)).Add(value);
            count += occurrences;
        }
        if (failing is null) return null;
        int row = Array.FindIndex(facts.Values, v => v is not null && failing.Contains(v));
        return (count, row);
    }
}
