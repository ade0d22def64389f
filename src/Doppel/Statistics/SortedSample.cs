namespace Doppel.Statistics;

/// <summary>Values sorted once, with their runs of equal values and moments, shared by every family's fit.</summary>
internal sealed class SortedSample
{
    public SortedSample(double[] sorted)
    {
        Values = sorted;
        var distinct = new List<double>();
        var counts = new List<int>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i + 1;
            while (j < sorted.Length && sorted[j] == sorted[i]) j++;
            distinct.Add(sorted[i]);
            counts.Add(j - i);
            i = j;
        }
        DistinctValues = [.. distinct];
        Counts = [.. counts];
        double sum = 0;
        foreach (double v in sorted) sum += v;
        Mean = sum / sorted.Length;
        double squares = 0;
        foreach (double v in sorted) squares += (v - Mean) * (v - Mean);
        Variance = squares / sorted.Length;
    }

    public double[] Values { get; }
    public int Count => Values.Length;
    public double[] DistinctValues { get; }
    public int[] Counts { get; }
    public double Mean { get; }

    /// <summary>The maximum-likelihood (divide by n) variance.</summary>
    public double Variance { get; }

    public double Minimum => Values[0];
    public double Maximum => Values[^1];
    public double Range => Maximum - Minimum;

    /// <summary>At most <paramref name="size"/> evenly spaced order statistics: a deterministic, sorted subsample with the same shape.</summary>
    public double[] Subsample(int size)
    {
        if (Count <= size) return Values;
        var result = new double[size];
        for (int k = 0; k < size; k++) result[k] = Values[(int)Math.Round((double)k * (Count - 1) / (size - 1))];
        return result;
    }
}
