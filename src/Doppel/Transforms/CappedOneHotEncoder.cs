using System.Text.Json;
using Doppel.Models;
using Doppel.Randomness;

namespace Doppel.Transforms;

/// <summary>
/// One-hot encoding of category codes with a cap: the most frequent categories (and missing, when present)
/// get a slot each, up to <c>cap − 1</c>; every rarer category shares one "other" slot that decodes to one of
/// them drawn by its frequency. A 100,000-category column thus costs <c>cap</c> columns, not 100,000.
/// </summary>
public sealed class CappedOneHotEncoder
{
    /// <summary>The code of the shared slot in <see cref="SlotCodes"/>.</summary>
    public const int OtherCode = -2;

    private readonly int[] _slotCodes;
    private readonly long[] _slotCounts;
    private readonly int[] _otherCodes;
    private readonly double[] _otherCumulative;
    private readonly Dictionary<int, int> _slotOfCode;

    private CappedOneHotEncoder(int[] slotCodes, long[] slotCounts, int[] otherCodes, long[] otherCounts)
    {
        _slotCodes = slotCodes;
        _slotCounts = slotCounts;
        _otherCodes = otherCodes;
        _otherCumulative = new double[otherCodes.Length];
        double total = otherCounts.Sum(), running = 0;
        for (int i = 0; i < otherCodes.Length; i++) _otherCumulative[i] = (running += otherCounts[i]) / total;
        _slotOfCode = [];
        for (int s = 0; s < slotCodes.Length; s++) _slotOfCode[slotCodes[s]] = s;
        OtherCounts = otherCounts;
    }

    /// <summary>The code each slot stands for (-1 missing, <see cref="OtherCode"/> the shared slot).</summary>
    public IReadOnlyList<int> SlotCodes => _slotCodes;

    /// <summary>Rows per slot in the fitted data.</summary>
    public IReadOnlyList<long> SlotCounts => _slotCounts;

    /// <summary>The categories of the shared slot and their counts.</summary>
    public IReadOnlyList<int> OtherCodes => _otherCodes;
    public IReadOnlyList<long> OtherCounts { get; }

    /// <summary>Encoded width (slots).</summary>
    public int Width => _slotCodes.Length;

    /// <summary>Counts the codes (-1 = missing) of a column with <paramref name="categoryCount"/> categories; keeps at most <paramref name="cap"/> slots.</summary>
    public static CappedOneHotEncoder Fit(ReadOnlySpan<int> codes, int categoryCount, int cap)
    {
        var counts = new long[categoryCount + 1];
        foreach (int code in codes) counts[code < 0 ? categoryCount : code]++;
        return FromCounts(counts, cap, keepMissing: counts[categoryCount] > 0);
    }

    /// <summary>
    /// The encoder of given counts: one per category, then the missing count last. Categories counted 0 get no
    /// slot; the missing marker gets one when <paramref name="keepMissing"/> (a private fit always keeps it, counted or not).
    /// </summary>
    public static CappedOneHotEncoder FromCounts(ReadOnlySpan<long> counts, int cap, bool keepMissing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(counts.Length, 1, nameof(counts));
        int categoryCount = counts.Length - 1;
        long[] all = counts.ToArray();
        if (all.Any(n => n < 0)) throw new ArgumentOutOfRangeException(nameof(counts), "Counts cannot be negative.");
        // Most frequent first; ties by code so the order never depends on the sort.
        int[] present = [.. Enumerable.Range(0, categoryCount).Where(c => all[c] > 0).OrderByDescending(c => all[c]).ThenBy(c => c)];
        // The missing marker always keeps a slot of its own; the rest share what the cap leaves.
        int budget = cap - (keepMissing ? 1 : 0);
        int kept = present.Length <= budget ? present.Length : budget - 1;
        var slotCodes = new List<int>();
        var slotCounts = new List<long>();
        for (int i = 0; i < kept; i++)
        {
            slotCodes.Add(present[i]);
            slotCounts.Add(all[present[i]]);
        }
        if (keepMissing)
        {
            slotCodes.Add(-1);
            slotCounts.Add(all[categoryCount]);
        }
        int[] rest = [.. present.Skip(kept)];
        if (rest.Length > 0)
        {
            slotCodes.Add(OtherCode);
            slotCounts.Add(rest.Sum(c => all[c]));
        }
        return new CappedOneHotEncoder([.. slotCodes], [.. slotCounts], rest, [.. rest.Select(c => all[c])]);
    }

    /// <summary>The slot of a code (-1 = missing); -1 when the code was never seen.</summary>
    public int SlotOf(int code)
    {
        if (_slotOfCode.TryGetValue(code, out int slot)) return slot;
        return code >= 0 && Array.IndexOf(_otherCodes, code) >= 0 ? _slotOfCode[OtherCode] : -1;
    }

    /// <summary>The code a slot decodes to; the shared slot draws one of its categories by frequency.</summary>
    public int Decode(int slot, Rng rng)
    {
        int code = _slotCodes[slot];
        if (code != OtherCode) return code;
        int index = Array.BinarySearch(_otherCumulative, rng.NextDouble());
        index = index < 0 ? ~index : index + 1;
        return _otherCodes[Math.Min(index, _otherCodes.Length - 1)];
    }

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteArray(writer, "slotCodes", _slotCodes.Select(c => (long)c));
        WriteArray(writer, "slotCounts", _slotCounts);
        WriteArray(writer, "otherCodes", _otherCodes.Select(c => (long)c));
        WriteArray(writer, "otherCounts", OtherCounts);
    }

    public static CappedOneHotEncoder Read(JsonElement element, int categoryCount)
    {
        int[] slotCodes = [.. ModelJson.Array(element, "slotCodes").Select(e => e.GetInt32())];
        long[] slotCounts = [.. ModelJson.Array(element, "slotCounts").Select(e => e.GetInt64())];
        int[] otherCodes = [.. ModelJson.Array(element, "otherCodes").Select(e => e.GetInt32())];
        long[] otherCounts = [.. ModelJson.Array(element, "otherCounts").Select(e => e.GetInt64())];
        if (slotCodes.Length == 0 || slotCounts.Length != slotCodes.Length || otherCounts.Length != otherCodes.Length)
            throw new ModelFormatException("A one-hot encoder needs at least one slot and one count per slot and per other category.");
        if (slotCodes.Concat(otherCodes).Any(c => c >= categoryCount || c < OtherCode) || slotCodes.Contains(OtherCode) != (otherCodes.Length > 0))
            throw new ModelFormatException($"A one-hot encoder refers to a category outside the column's {categoryCount} categories.");
        return new CappedOneHotEncoder(slotCodes, slotCounts, otherCodes, otherCounts);
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<long> values)
    {
        writer.WriteStartArray(name);
        foreach (long v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
