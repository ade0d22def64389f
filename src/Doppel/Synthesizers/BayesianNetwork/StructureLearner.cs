using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>
/// PrivBayes' greedy structure search: start from one column, then repeatedly add the (column, parent set) pair
/// with the highest mutual information, the parents drawn from the columns already added (at most k of them), so
/// the order of addition is a topological order. Without differential privacy the best pair wins and the score is
/// penalised by BIC, (q−1)(r−1)·ln n / 2n for q parent configurations and r states, so a parent that adds nothing
/// is left out. With it, each pick is the exponential mechanism over the pairs' mutual information (not the paper's
/// R score) with the sensitivity of mutual information from Zhang et al. (2017), Lemma 4.1 (the general-domain
/// bound), and pairs whose table would be too large for its noise (θ-usefulness) are not candidates.
/// </summary>
internal static class StructureLearner
{
    /// <summary>One node of the learned network: a column and its parents.</summary>
    public readonly record struct Pick(int Node, int[] Parents);

    public static Pick[] Learn(int[][] states, int[] cardinalities, int maxParents, int maxCells, double? epsilonPerPick, Rng rng, CancellationToken cancellationToken)
    {
        int columns = states.Length;
        int rows = columns == 0 ? 0 : states[0].Length;
        var picks = new List<Pick>(columns);
        if (columns == 0) return [];
        var visited = new List<int> { rng.NextInt(columns) };
        picks.Add(new Pick(visited[0], []));
        var remaining = Enumerable.Range(0, columns).Where(c => c != visited[0]).ToList();
        double sensitivity = MutualInformationSensitivity(rows);
        var known = new Dictionary<string, double>(StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = new List<Pick>();
            foreach (int node in remaining)
                foreach (int[] parents in Subsets(visited, Math.Min(maxParents, visited.Count)))
                    if (parents.Length == 0 || Cells(parents, cardinalities) * cardinalities[node] <= maxCells)
                        candidates.Add(new Pick(node, parents));
            // A pair's score depends on the pair alone: only pairs with the newest column as a parent are new each step.
            Pick[] fresh = [.. candidates.Where(c => !known.ContainsKey(Key(c)))];
            var freshScores = new double[fresh.Length];
            Parallel.For(0, fresh.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                Pick pick = fresh[i];
                double information = Information.MutualInformation(states, cardinalities, pick.Node, pick.Parents);
                freshScores[i] = epsilonPerPick is null ? information - Penalty(pick, cardinalities, rows) : information;
            });
            for (int i = 0; i < fresh.Length; i++) known[Key(fresh[i])] = freshScores[i];
            double[] scores = [.. candidates.Select(c => known[Key(c)])];
            int chosen = epsilonPerPick is double epsilon ? Exponential(scores, epsilon, sensitivity, rng) : ArgMax(scores);
            picks.Add(candidates[chosen]);
            visited.Add(candidates[chosen].Node);
            remaining.Remove(candidates[chosen].Node);
        }
        return [.. picks];
    }

    /// <summary>
    /// How much the mutual information of two attributes over <paramref name="rows"/> rows can change when one row
    /// changes: (2/n)·ln((n+1)/2) + ((n−1)/n)·ln((n+1)/(n−1)), in nats like <see cref="Information.MutualInformation"/>.
    /// </summary>
    public static double MutualInformationSensitivity(int rows)
    {
        double n = Math.Max(rows, 2);
        return 2 / n * Math.Log((n + 1) / 2) + (n - 1) / n * Math.Log((n + 1) / (n - 1));
    }

    private static string Key(Pick pick) => $"{pick.Node}|{string.Join(',', pick.Parents)}";

    private static double Penalty(Pick pick, int[] cardinalities, int rows) =>
        (Cells(pick.Parents, cardinalities) - 1) * (cardinalities[pick.Node] - 1) * Math.Log(rows) / (2.0 * rows);

    public static long Cells(int[] parents, int[] cardinalities)
    {
        long cells = 1;
        foreach (int p in parents) cells *= cardinalities[p];
        return cells;
    }

    /// <summary>Every subset of <paramref name="items"/> with at most <paramref name="size"/> elements, in a fixed order.</summary>
    private static IEnumerable<int[]> Subsets(List<int> items, int size)
    {
        yield return [];
        var current = new List<int>();
        foreach (int[] subset in Grow(0))
            yield return subset;

        IEnumerable<int[]> Grow(int from)
        {
            if (current.Count == size) yield break;
            for (int i = from; i < items.Count; i++)
            {
                current.Add(items[i]);
                yield return [.. current];
                foreach (int[] deeper in Grow(i + 1)) yield return deeper;
                current.RemoveAt(current.Count - 1);
            }
        }
    }

    private static int ArgMax(double[] scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    /// <summary>The exponential mechanism: picks i with probability ∝ exp(ε·score_i / 2Δ).</summary>
    private static int Exponential(double[] scores, double epsilon, double sensitivity, Rng rng)
    {
        double max = scores.Max();
        var weights = new double[scores.Length];
        double total = 0;
        for (int i = 0; i < scores.Length; i++) total += weights[i] = Math.Exp(epsilon * (scores[i] - max) / (2 * sensitivity));
        double u = rng.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }
}
