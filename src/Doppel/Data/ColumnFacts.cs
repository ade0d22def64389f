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
