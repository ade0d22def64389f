namespace Doppel.Statistics;

/// <summary>Entropy and mutual information of discrete codes (0 .. size−1), in nats; shared by the tree and network synthesizers.</summary>
public static class Information
{
    /// <summary>H(codes) in nats.</summary>
    public static double Entropy(int[] codes, int size)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var counts = new long[size];
        foreach (int c in codes) counts[c]++;
        double h = 0;
        foreach (long n in counts)
            if (n > 0) h -= (double)n / codes.Length * Math.Log((double)n / codes.Length);
        return h;
    }

    /// <summary>I(node; parents) in nats, from the rows' joint counts.</summary>
    public static double MutualInformation(int[][] states, int[] cardinalities, int node, int[] parents)
    {
        if (parents.Length == 0) return 0;
        int r = cardinalities[node];
        long q = 1;
        foreach (int p in parents) q *= cardinalities[p];
        var joint = new int[q * r];
        int[] x = states[node];
        int rows = x.Length;
        for (int i = 0; i < rows; i++)
        {
            int configuration = 0;
            foreach (int p in parents) configuration = configuration * cardinalities[p] + states[p][i];
            joint[configuration * r + x[i]]++;
        }
        var byParents = new long[q];
        var byNode = new long[r];
        for (long c = 0; c < q; c++)
            for (int s = 0; s < r; s++)
            {
                int count = joint[c * r + s];
                byParents[c] += count;
                byNode[s] += count;
            }
        double information = 0;
        for (long c = 0; c < q; c++)
        {
            if (byParents[c] == 0) continue;
            for (int s = 0; s < r; s++)
            {
                int count = joint[c * r + s];
                if (count > 0) information += count * Math.Log((double)count * rows / (byParents[c] * (double)byNode[s]));
            }
        }
        return information / rows;
    }
}
