namespace Doppel.Statistics;

/// <summary>Inverts an increasing function by Newton steps kept inside a shrinking bracket (bisection when a step leaves it).</summary>
internal static class MonotoneSolver
{
    private const int MaxIterations = 300;

    /// <summary>
    /// The x in [lower, upper] (upper may be +∞) with f(x) = target, for f increasing with derivative df.
    /// Bisection is geometric when the bracket spans orders of magnitude, so roots near 0 are found quickly.
    /// </summary>
    public static double Solve(Func<double, double> f, Func<double, double> df, double target, double lower, double upper, double start)
    {
        double x = start;
        if (!(x > lower && x < upper)) x = Bisect(lower, upper);
        for (int i = 0; i < MaxIterations; i++)
        {
            double error = f(x) - target;
            if (error == 0) return x;
            if (error < 0) lower = x; else upper = x;
            double slope = df(x);
            double next = x - error / slope;
            if (!(next > lower && next < upper)) next = Bisect(lower, upper);
            if (Math.Abs(next - x) <= 4e-16 * Math.Abs(next) || next == x) return next;
            if (!double.IsPositiveInfinity(upper) && upper - lower <= 4e-16 * Math.Abs(upper)) return next;
            x = next;
        }
        return x;
    }

    private static double Bisect(double lower, double upper)
    {
        if (double.IsPositiveInfinity(upper)) return lower <= 0 ? 1.0 : 2.0 * lower;
        if (lower <= 0) return lower == 0 ? upper * 0.125 : 0.5 * (lower + upper);
        return upper / lower > 4 ? Math.Sqrt(lower * upper) : 0.5 * (lower + upper);
    }
}
