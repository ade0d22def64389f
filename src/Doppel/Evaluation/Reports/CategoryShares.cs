using Doppel.Data;

namespace Doppel.Evaluation.Reports;

/// <summary>The most frequent categories of a column and the share of each in the real and the synthetic table.</summary>
/// <param name="Labels">Category values, most frequent in the real table first; the last may be the "other" bucket.</param>
/// <param name="Real">Share of the real non-missing values per label.</param>
/// <param name="Synthetic">Share of the synthetic non-missing values per label.</param>
/// <param name="Other">How many categories the last label gathers (0 when there is no "other" bucket).</param>
internal sealed record CategoryShares(string[] Labels, double[] Real, double[] Synthetic, int Other)
{
    /// <summary>
    /// The <paramref name="top"/> categories by real frequency (then synthetic frequency, then ordinal order), and one
    /// bucket for all other categories of either table when there are any. Null when neither table has a value.
    /// </summary>
    public static CategoryShares? From(CategoricalColumn real, CategoricalColumn synthetic, int top)
    {
        Dictionary<string, int> realCounts = Counts(real, out int realTotal), syntheticCounts = Counts(synthetic, out int syntheticTotal);
        if (realTotal == 0 && syntheticTotal == 0) return null;
        string[] ordered = [.. realCounts.Keys.Union(syntheticCounts.Keys)
            .OrderByDescending(c => realCounts.GetValueOrDefault(c))
            .ThenByDescending(c => syntheticCounts.GetValueOrDefault(c))
            .ThenBy(c => c, StringComparer.Ordinal)];
        int shown = Math.Min(top, ordered.Length);
        // An "other" bucket holding a single category would hide a name for no gain: show that category instead.
        if (ordered.Length == shown + 1) shown++;
        int other = ordered.Length - shown;
        var labels = new string[shown + (other > 0 ? 1 : 0)];
        double[] realShares = new double[labels.Length], syntheticShares = new double[labels.Length];
        for (int i = 0; i < ordered.Length; i++)
        {
            int slot = Math.Min(i, shown);
            realShares[slot] += Share(realCounts.GetValueOrDefault(ordered[i]), realTotal);
            syntheticShares[slot] += Share(syntheticCounts.GetValueOrDefault(ordered[i]), syntheticTotal);
            if (i < shown) labels[i] = ordered[i];
        }
        if (other > 0) labels[shown] = other == 1 ? "(1 other value)" : $"({other} other values)";
        return new CategoryShares(labels, realShares, syntheticShares, other);
    }

    private static double Share(int count, int total) => total == 0 ? 0 : count / (double)total;

    private static Dictionary<string, int> Counts(CategoricalColumn column, out int total)
    {
        var byCode = new int[column.Categories.Length];
        total = 0;
        foreach (int code in column.Codes)
        {
            if (code < 0 || code >= byCode.Length) continue;
            byCode[code]++;
            total++;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < byCode.Length; i++)
            if (byCode[i] > 0) counts[column.Categories[i]] = counts.GetValueOrDefault(column.Categories[i]) + byCode[i];
        return counts;
    }
}
