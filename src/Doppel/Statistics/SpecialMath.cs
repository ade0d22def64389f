namespace Doppel.Statistics;

/// <summary>Special functions MathNet does not provide.</summary>
internal static class SpecialMath
{
    /// <summary>The trigamma function ψ′(x) for x &gt; 0: recurrence up to x ≥ 6, then the asymptotic series (error &lt; 1e-12).</summary>
    public static double Trigamma(double x)
    {
        double result = 0;
        while (x < 6)
        {
            result += 1.0 / (x * x);
            x += 1;
        }
        double inverse = 1.0 / x, inverse2 = inverse * inverse;
        return result + inverse + 0.5 * inverse2
            + inverse * inverse2 * (1.0 / 6 - inverse2 * (1.0 / 30 - inverse2 * (1.0 / 42 - inverse2 / 30)));
    }
}
