namespace Doppel.Evaluation.Reports;

/// <summary>Pearson correlations between columns, each pair on the rows where both values are present.</summary>
internal static class CorrelationMatrix
{
    /// <summary>
    /// The symmetric matrix of Pearson correlations of <paramref name="columns"/> (NaN marks a missing value), each
    /// pair on its complete rows; null where undefined (fewer than two complete rows, or a column constant on them).
    /// </summary>
    public static double?[,] Pearson(IReadOnlyList<double[]> columns)
    {
        int n = columns.Count;
        var result = new double?[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double? r = Pair(columns[i], columns[j]);
                if (i == j && r is not null) r = 1; // exactly, whatever the rounding
                result[i, j] = r;
                result[j, i] = r;
            }
        }
        return result;
    }

    private static double? Pair(double[] x, double[] y)
    {
        int count = 0;
        double sumX = 0, sumY = 0;
        for (int k = 0; k < x.Length; k++)
        {
            if (double.IsNaN(x[k]) || double.IsNaN(y[k])) continue;
            count++;
            sumX += x[k];
            sumY += y[k];
        }
        if (count < 2) return null;
        double meanX = sumX / count, meanY = sumY / count, xx = 0, yy = 0, xy = 0;
        for (int k = 0; k < x.Length; k++)
        {
            if (double.IsNaN(x[k]) || double.IsNaN(y[k])) continue;
            double dx = x[k] - meanX, dy = y[k] - meanY;
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        if (!(xx > 0) || !(yy > 0)) return null;
        double r = xy / (Math.Sqrt(xx) * Math.Sqrt(yy)); // two roots: the product xx·yy overflows sooner
        return double.IsFinite(r) ? Math.Clamp(r, -1, 1) : null;
    }
}
