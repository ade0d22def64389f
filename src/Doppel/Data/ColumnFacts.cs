using System.Globalization;
using Doppel.Randomness;

namespace Doppel.Data;

/// <summary>
/// What one raw column holds, gathered in one pass over all rows (counts, number facts) plus a seeded
/// sample of the non-missing values for the expensive content checks.
/// </summary>
internal sealed class ColumnFacts
{
    private ColumnFacts(string name, string?[] values, Dictionary<string, int> counts, int missing)
    {
        Name = name;
        Values = values;
        Counts = counts;
        MissingCount = missing;
        Hints = new ColumnNameHints(name);
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>What the name suggests.</summary>
    public ColumnNameHints Hints { get; }

    /// <summary>All values, null = missing.</summary>
    public string?[] Values { get; }

    /// <summary>How often each distinct non-missing value occurs (ordinal comparison).</summary>
    public Dictionary<string, int> Counts { get; }

    /// <summary>Number of missing values.</summary>
    public int MissingCount { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Values.Length;

    /// <summary>Number of non-missing values.</summary>
    public int PresentCount => Values.Length - MissingCount;

    /// <summary>Number of distinct non-missing values.</summary>
    public int DistinctCount => Counts.Count;

    /// <summary>Every value is present and no value repeats.</summary>
    public bool IsUnique => MissingCount == 0 && Counts.Count == Values.Length && Values.Length > 0;

    /// <summary>Up to the sample size of non-missing values, chosen with a seeded generator, in row order.</summary>
    public string[] Sample { get; private set; } = [];

    /// <summary>Number facts when every non-missing value is an invariant-culture number; null otherwise.</summary>
    public NumberFacts? Numbers { get; private set; }

    /// <summary>The first non-missing value, or null.</summary>
    public string? FirstValue => Values.FirstOrDefault(v => v is not null);

    /// <summary>The most frequent value (the first seen among ties), or null.</summary>
    public string? MostFrequent
    {
        get
        {
            string? best = null;
            int bestCount = 0;
            foreach (string? value in Values)
            {
                if (value is null) continue;
                int count = Counts[value];
                if (count > bestCount)
                {
                    best = value;
                    bestCount = count;
                }
            }
            return best;
        }
    }

    /// <summary>Counts values and missing cells; with <paramref name="sampleSize"/> &gt; 0 also samples and reads numbers.</summary>
    public static ColumnFacts Gather(string name, string?[] values, int sampleSize, Rng? rng)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int missing = 0;
        foreach (string? value in values)
        {
            if (value is null)
            {
                missing++;
                continue;
            }
            ref int count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out _);
            count++;
        }
        var facts = new ColumnFacts(name, values, counts, missing);
        if (sampleSize > 0 && rng is not null)
        {
            facts.Sample = TakeSample(values, values.Length - missing, sampleSize, rng);
            facts.Numbers = NumberFacts.Read(counts.Keys);
        }
        return facts;
    }

    /// <summary>Selection sampling (Knuth's algorithm S): each value kept with probability needed/remaining, so the sample keeps row order.</summary>
    private static string[] TakeSample(string?[] values, int present, int size, Rng rng)
    {
        if (present <= size) return [.. values.Where(v => v is not null)!];
        var sample = new string[size];
        int taken = 0, seen = 0;
        foreach (string? value in values)
        {
            if (value is null) continue;
            if (rng.NextDouble() * (present - seen) < size - taken) sample[taken++] = value;
            seen++;
            if (taken == size) break;
        }
        return sample;
    }
}

/// <summary>What the numbers of a column look like; read from its distinct values.</summary>
internal sealed record NumberFacts(double Minimum, double Maximum, bool AllWhole, int? Decimals, bool ZeroPadded, int MaxIntegerDigits)
{
    /// <summary>Most decimal places a numerical column records; beyond this the values are treated as full precision.</summary>
    public const int MaxDecimals = 10;

    /// <summary>Facts about the numbers, or null when a value is not a finite invariant-culture number.</summary>
    public static NumberFacts? Read(IEnumerable<string> distinctValues)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool allWhole = true, exponent = false, zeroPadded = false, any = false;
        int decimals = 0, integerDigits = 0;
        foreach (string value in distinctValues)
        {
            if (!TryParse(value, out double number)) return null;
            any = true;
            min = Math.Min(min, number);
            max = Math.Max(max, number);
            if (number != Math.Floor(number)) allWhole = false;
            ReadOnlySpan<char> text = value.AsSpan().Trim();
            if (text.Length > 0 && text[0] is '+' or '-') text = text[1..];
            if (text.ContainsAny('e', 'E')) exponent = true;
            int dot = text.IndexOf('.');
            int integerPart = dot < 0 ? text.Length : dot;
            integerDigits = Math.Max(integerDigits, integerPart);
            if (dot >= 0 && !exponent) decimals = Math.Max(decimals, text.Length - dot - 1);
            // "007" keeps its zeros only as a label; "0.5" and "0" are ordinary numbers.
            if (integerPart > 1 && text[0] == '0') zeroPadded = true;
        }
        if (!any) return null;
        int? recorded = exponent ? null : Math.Min(decimals, MaxDecimals);
        return new NumberFacts(min, max, allWhole, recorded, zeroPadded, integerDigits);
    }

    /// <summary>Invariant-culture number with optional sign, decimals and exponent; no thousands separators, no NaN or infinity.</summary>
    public static bool TryParse(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
