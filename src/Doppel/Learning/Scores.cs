namespace Doppel.Learning;

/// <summary>Standard prediction scores, computed exactly (ties in ROC-AUC count one half).</summary>
public static class Scores
{
    /// <summary>
    /// The area under the ROC curve: the probability that a random positive scores above a random negative,
    /// ties counting one half (the Mann–Whitney statistic). Null when either class is absent.
    /// </summary>
    public static double? RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count) throw new ArgumentException("One label per score.", nameof(positive));
        int[] order = [.. Enumerable.Range(0, scores.Count).OrderBy(i => scores[i])];
        long positives = positive.Count(p => p), negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return null;
        // Sum of the positives' average ranks.
        double rankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) if (positive[order[k]]) rankSum += averageRank;
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Share of predictions equal to the truth.</summary>
    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<int> truth)
    {
        Check(predicted.Count, truth.Count);
        int right = 0;
        for (int i = 0; i < truth.Count; i++) if (predicted[i] == truth[i]) right++;
        return truth.Count == 0 ? 0 : right / (double)truth.Count;
    }

    /// <summary>The unweighted mean over classes 0..<paramref name="classes"/>−1 that occur in truth or prediction of F1 = 2·precision·recall / (precision + recall).</summary>
    public static double MacroF1(IReadOnlyList<int> predicted, IReadOnlyList<int> truth, int classes)
    {
        Check(predicted.Count, truth.Count);
        double total = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++)
        {
            long tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < truth.Count; i++)
            {
                bool p = predicted[i] == c, t = truth[i] == c;
                if (p && t) tp++;
                else if (p) fp++;
                else if (t) fn++;
            }
            if (tp + fp + fn == 0) continue;
            counted++;
            total += 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return counted == 0 ? 0 : total / counted;
    }

    /// <summary>The coefficient of determination 1 − SS_res / SS_tot (can be negative); null when the truth is constant.</summary>
    public static double? RSquared(IReadOnlyList<double> predicted, IReadOnlyList<double> truth)
    {
        Check(predicted.Count, truth.Count);
        double mean = truth.Average(), residual = 0, total = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        return total > 0 ? 1 - residual / total : null;
    }

    /// <summary>The root of the mean squared error.</summary>
    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> truth)
    {
        Check(predicted.Count, truth.Count);
        double sum = 0;
        for (int i = 0; i < truth.Count; i++) sum += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        return truth.Count == 0 ? 0 : Math.Sqrt(sum / truth.Count);
    }

    private static void Check(int predicted, int truth)
    {
        if (predicted != truth) throw new ArgumentException($"{predicted} predictions for {truth} true values.");
    }
}
