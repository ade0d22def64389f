using Doppel.Randomness;

namespace Doppel.Evaluation.Privacy;

/// <summary>Small statistics the privacy metrics share: percentiles, ROC-AUC, seeded subsamples and rate scores.</summary>
internal static class PrivacyStatistics
{
    /// <summary>The p-th percentile (p in [0, 1]) with linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default).</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) throw new ArgumentException("No values to take a percentile of.", nameof(values));
        double[] sorted = [.. values];
        Array.Sort(sorted);
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// ROC-AUC of an attacker who calls a row a member the smaller its value: P(member &lt; non-member) + ½ P(equal),
    /// from the Mann–Whitney U statistic with mid-ranks for ties.
    /// </summary>
    public static double AucSmallerIsMember(double[] members, double[] nonMembers)
    {
        int m = members.Length, n = nonMembers.Length;
        var all = new (double Value, bool Member)[m + n];
        for (int i = 0; i < m; i++) all[i] = (members[i], true);
        for (int i = 0; i < n; i++) all[m + i] = (nonMembers[i], false);
        Array.Sort(all, (a, b) => a.Value.CompareTo(b.Value));
        double memberRanks = 0;
        for (int i = 0; i < all.Length;)
        {
            int j = i;
            while (j < all.Length && all[j].Value == all[i].Value) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1 .. j share their mean
            for (int t = i; t < j; t++)
                if (all[t].Member) memberRanks += midRank;
            i = j;
        }
        // U counts (member, non-member) pairs where the member is larger (ties ½): P(member > non-member) + ½ P(equal).
        double u = memberRanks - m * (m + 1) / 2.0;
        return 1 - u / ((double)m * n);
    }

    /// <summary><paramref name="size"/> distinct indices of [0, <paramref name="count"/>), drawn without replacement and sorted; all of them when size ≥ count.</summary>
    public static int[] Sample(int count, int size, Rng rng)
    {
        int[] all = [.. Enumerable.Range(0, count)];
        if (size >= count) return all;
        for (int i = 0; i < size; i++)
        {
            int j = i + rng.NextInt(count - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        int[] chosen = all[..size];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Score of a rate that should not exceed a baseline: 1 at or below it, falling linearly to 0 at 10 points above it.</summary>
    public static double ExcessScore(double rate, double baseline) => 1 - Math.Clamp((rate - baseline) / 0.1, 0, 1);

    /// <summary>Score of a statistic that should not fall below a baseline: min(1, value / baseline), 1 when the baseline is 0.</summary>
    public static double RatioScore(double value, double baseline) => baseline > 0 ? Math.Clamp(value / baseline, 0, 1) : 1;
}
