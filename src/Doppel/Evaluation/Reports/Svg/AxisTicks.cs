namespace Doppel.Evaluation.Reports.Svg;

/// <summary>Round tick positions for an axis: multiples of 1, 2 or 5 times a power of ten.</summary>
internal static class AxisTicks
{
    /// <summary>
    /// Ticks inside [<paramref name="minimum"/>, <paramref name="maximum"/>], at most <paramref name="maxCount"/> of
    /// them, at the finest round step that allows. A degenerate range gives the single value.
    /// </summary>
    public static double[] Nice(double minimum, double maximum, int maxCount)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum) || maximum < minimum)
            throw new ArgumentOutOfRangeException(nameof(maximum), $"The axis range [{minimum}, {maximum}] is not a finite interval.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 2);
        if (maximum == minimum) return [minimum];
        // The finest round step that leaves at most maxCount ticks inside the range (ends need not be ticks).
        double step = NiceStep((maximum - minimum) / (2.0 * maxCount));
        while (Math.Floor(maximum / step + 1e-9) - Math.Ceiling(minimum / step - 1e-9) + 1 > maxCount)
            step = NiceStep(step * 1.5);
        double first = Math.Ceiling(minimum / step - 1e-9) * step;
        var ticks = new List<double>();
        for (int i = 0; ; i++)
        {
            double tick = first + i * step;
            if (tick > maximum + step * 1e-9) break;
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : tick);
        }
        return [.. ticks];
    }

    /// <summary>The smallest step of the form {1, 2, 5} × 10^k that is at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (double factor in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (factor * power >= rough * (1 - 1e-12)) return factor * power;
        }
        return 10 * power;
    }
}
