using System.Text.RegularExpressions;
using Doppel.IO;
using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Data;

/// <summary>
/// Detects what each column of a raw table means (<see cref="Detect"/>) and summarises it for people
/// (<see cref="Summarize"/>). Values decide; a column's name is supporting evidence. In order, a column is:
/// <list type="number">
/// <item><b>categorical</b> when every value is missing (there is no evidence of anything else);</item>
/// <item><b>boolean</b> when its values are the two of one pair true/false, yes/no, y/n, t/f or 1/0 (any case),
/// or one of them and the name reads like a flag (is_*, has_*);</item>
/// <item>when every value is an invariant-culture number: <b>datetime</b> if the name says time and the integers are
/// unix seconds (1e9–2e9) or milliseconds (1e12–2e12), or the name says date and they read as yyyyMMdd; <b>pii</b> for
/// card numbers, or phone and postal codes named so; <b>id</b> for unique integers named as a key (id, key, code, ...)
/// or a consecutive range named as an index; otherwise <b>numerical</b>, integer or float, whatever the number of
/// distinct values. Zero-padded codes ("007") are not numbers: they take the text path so no zero is lost;</item>
/// <item>for text: <b>datetime</b> when one .NET format reads every value; <b>id</b> for unique UUIDs; <b>pii</b> as
/// decided by <see cref="PiiDetector"/>; <b>id</b> for unique values named as a key;</item>
/// <item><b>categorical</b> when it has at most <see cref="ProfileOptions.MaxCategories"/> (1,000) distinct values
/// and they are at most <see cref="ProfileOptions.MaxCategoryFraction"/> (half) of its non-missing values (or, in a small
/// table, at most 20 values of which some repeat), unless
/// it reads as free text (more than 20 distinct values, which are more than 5 % of the rows, with a mean length over
/// 30 characters or mostly four words or more); otherwise <b>text</b>.</item>
/// </list>
/// Content checks read a seeded sample of at most <see cref="ProfileOptions.SampleSize"/> values per column; counts,
/// uniqueness, bounds and date formats are checked on every distinct value. The result is the same for the same input and seed.
/// </summary>
public static partial class Profiler
{
    private static readonly (string, string)[] BooleanPairs = [("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"), ("1", "0")];

    // Free text needs this many distinct values, so that a few long labels stay categorical.
    private const int MinDistinctForFreeText = 20;
    private const double MinDistinctShareForFreeText = 0.05;
    private const double FreeTextMeanLength = 30;
    private const int FreeTextWords = 4;

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();

    /// <summary>The metadata of every column of the table, in table order, with the first id column as primary key.</summary>
    public static Metadata Detect(RawTable raw, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        options ??= ProfileOptions.Default;
        Rng rng = Rng.FromSeed(options.Seed);
        var columns = new ColumnMetadata[raw.Names.Count];
        string? primaryKey = null;
        for (int i = 0; i < columns.Length; i++)
        {
            string name = raw.Names[i];
            // Forked by name: adding or moving a column never changes another column's sample.
            ColumnFacts facts = ColumnFacts.Gather(name, raw.Columns[i], options.SampleSize, rng.Fork("profile:" + name));
            columns[i] = DetectColumn(facts, options);
            if (primaryKey is null && columns[i].Type == ColumnType.Id) primaryKey = name;
        }
        return new Metadata(columns, primaryKey);
    }

    private static ColumnMetadata DetectColumn(ColumnFacts facts, ProfileOptions options)
    {
        string name = facts.Name;
        if (facts.PresentCount == 0) return new ColumnMetadata(name, ColumnType.Categorical);
        if (IsBoolean(facts)) return new ColumnMetadata(name, ColumnType.Boolean);

        if (facts.Numbers is { ZeroPadded: false } numbers)
        {
            if (DateTimeFormatDetector.DetectNumbers(facts.Hints, numbers, facts.Counts.Keys) is { } epochFormat)
                return new ColumnMetadata(name, ColumnType.DateTime) { DateTimeFormat = epochFormat };
            bool integers = numbers.AllWhole && numbers.Decimals == 0;
            // Only whole numbers of four or more digits can be cards, phones or postal codes.
            if (integers && numbers.MaxIntegerDigits >= 4 && PiiDetector.Detect(name, facts.Sample) is { } numericKind)
                return Pii(facts, numericKind);
            if (integers && facts.IsUnique && (facts.Hints.IsId || facts.Hints.IsIndex && IsConsecutive(numbers, facts.PresentCount)))
                return Identifier(facts);
            return new ColumnMetadata(name, ColumnType.Numerical)
            {
                Subtype = integers ? NumericalSubtype.Integer : NumericalSubtype.Float,
                Decimals = integers ? 0 : numbers.Decimals,
                Minimum = numbers.Minimum,
                Maximum = numbers.Maximum,
            };
        }

        if (DateTimeFormatDetector.DetectText(facts.Sample, facts.Counts.Keys) is { } format)
            return new ColumnMetadata(name, ColumnType.DateTime) { DateTimeFormat = format };
        if (facts.IsUnique && facts.Sample.All(v => Uuid().IsMatch(v))) return Identifier(facts);
        if (PiiDetector.Detect(name, facts.Sample) is { } kind) return Pii(facts, kind);
        if (facts.IsUnique && facts.Hints.IsId) return Identifier(facts);
        return IsCategorical(facts, options)
            ? new ColumnMetadata(name, ColumnType.Categorical)
            : new ColumnMetadata(name, ColumnType.Text) { Pattern = PatternExtractor.CommonPattern(facts.Sample) };
    }

    private static ColumnMetadata Pii(ColumnFacts facts, PiiKind kind) =>
        new(facts.Name, ColumnType.Pii) { Pii = kind, Pattern = PatternExtractor.CommonPattern(facts.Sample) };

    private static ColumnMetadata Identifier(ColumnFacts facts) =>
        new(facts.Name, ColumnType.Id) { Pattern = PatternExtractor.CommonPattern(facts.Sample) };

    private static bool IsConsecutive(NumberFacts numbers, int count) => numbers.Maximum - numbers.Minimum + 1 == count;

    private static bool IsBoolean(ColumnFacts facts)
    {
        // Case variants ("Yes", "YES", "yes") are the same value; more than a handful of spellings is not a flag.
        if (facts.DistinctCount > 8) return false;
        var values = new HashSet<string>(facts.Counts.Keys.Select(v => v.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        if (values.Count > 2) return false;
        foreach ((string yes, string no) in BooleanPairs)
        {
            if (!values.All(v => v == yes || v == no)) continue;
            return values.Count == 2 || facts.Hints.IsBoolean;
        }
        return false;
    }

    private static bool IsCategorical(ColumnFacts facts, ProfileOptions options)
    {
        int distinct = facts.DistinctCount;
        if (distinct > options.MaxCategories) return false;
        // In a small table a few labels that repeat are categories even when they are more than half the rows.
        bool fewRepeatedLabels = distinct < facts.PresentCount && distinct <= MinDistinctForFreeText;
        if (distinct > options.MaxCategoryFraction * facts.PresentCount && !fewRepeatedLabels) return false;
        if (distinct <= MinDistinctForFreeText || distinct <= MinDistinctShareForFreeText * facts.PresentCount) return true;
        double meanLength = facts.Sample.Average(v => v.Length);
        int wordy = facts.Sample.Count(v => v.AsSpan().Trim().Count(' ') >= FreeTextWords - 1);
        return meanLength <= FreeTextMeanLength && wordy <= facts.Sample.Length / 2;
    }
}
