using System.Runtime.CompilerServices;

namespace Doppel.Statistics;

/// <summary>
/// The standard normal distribution: density, distribution function and quantile to full double precision.
/// The distribution function is W. J. Cody's rational Chebyshev approximation (Math. Comp. 23, 1969, as refined in
/// his SPECFUN ANORM routine); the quantile is M. J. Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988).
/// Both are accurate to about 1e-16 relative, also deep in the lower tail.
/// </summary>
public static class StandardNormal
{
    /// <summary>1 / √(2π).</summary>
    internal const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    // Below this, Φ(z) underflows to 0 in double precision; above −this, 1 − Φ(z) rounds to 0.
    private const double LowerLimit = -37.5193;

    private static ReadOnlySpan<double> CodyA => [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
    private static ReadOnlySpan<double> CodyB => [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
    private static ReadOnlySpan<double> CodyC =>
    [
        0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
        6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
    ];
    private static ReadOnlySpan<double> CodyD =>
    [
        22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
        34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
    ];
    private static ReadOnlySpan<double> CodyP => [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
    private static ReadOnlySpan<double> CodyQ => [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

    /// <summary>
    /// The variance of a standard normal restricted to [<paramref name="lower"/>, <paramref name="upper"/>]
    /// (either bound may be infinite): 1 + (aφ(a) − bφ(b))/p − ((φ(a) − φ(b))/p)² with p = Φ(b) − Φ(a).
    /// Zero for an empty or vanishing interval.
    /// </summary>
    public static double TruncatedVariance(double lower, double upper)
    {
        double mass = Cdf(upper) - Cdf(lower);
        if (!(mass > 1e-300)) return 0;
        double pdfLower = Pdf(lower), pdfUpper = Pdf(upper);
        double edge = (double.IsInfinity(lower) ? 0 : lower * pdfLower) - (double.IsInfinity(upper) ? 0 : upper * pdfUpper);
        double mean = (pdfLower - pdfUpper) / mass;
        return Math.Max(0, 1 + edge / mass - mean * mean);
    }

    /// <summary>The density φ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pdf(double z) => InverseSqrtTwoPi * Math.Exp(-0.5 * z * z);

    /// <summary>The distribution function Φ(z) = P(Z ≤ z).</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        if (z <= 0) return LowerTail(z);
        return z <= 0.66291 ? Central(z) : 1.0 - LowerTail(-z);
    }

    /// <summary>The survival function 1 − Φ(z) = P(Z &gt; z), without the cancellation of computing 1 − Φ(z) for large z.</summary>
    public static double Survival(double z) => Cdf(-z);

    /// <summary>The quantile Φ⁻¹(p): −∞ at p = 0, +∞ at p = 1; p outside [0, 1] (or NaN) gives NaN.</summary>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1)) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                        + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                        + 133.14166789178437745) * r + 3.387132872796366608)
                   / (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                        + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                        + 42.313330701600911252) * r + 1.0);
        }
        double tail = q < 0 ? p : 1.0 - p;
        double value = TailQuantile(Math.Sqrt(-Math.Log(tail)));
        return q < 0 ? -value : value;
    }

    /// <summary>Φ⁻¹(1 − q) for a small upper-tail probability q, without the rounding of forming 1 − q.</summary>
    public static double UpperQuantile(double q) => -Quantile(q);

    /// <summary>AS 241 for r = √(−ln p), p the smaller tail probability; returns −Φ⁻¹(p) ≥ 0.</summary>
    private static double TailQuantile(double r)
    {
        if (r <= 5.0)
        {
            r -= 1.6;
            return (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                        + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                        + 4.6303378461565452959) * r + 1.42343711074968357734)
                   / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                        + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                        + 2.05319162663775882187) * r + 1.0);
        }
        r -= 5.0;
        return (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
               / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0);
    }

    /// <summary>Φ(z) for |z| ≤ 0.66291 (Cody's first interval).</summary>
    private static double Central(double z)
    {
        ReadOnlySpan<double> a = CodyA, b = CodyB;
        double zz = z * z;
        double numerator = a[4] * zz, denominator = zz;
        for (int i = 0; i < 3; i++)
        {
            numerator = (numerator + a[i]) * zz;
            denominator = (denominator + b[i]) * zz;
        }
        return 0.5 + z * (numerator + a[3]) / (denominator + b[3]);
    }

    /// <summary>Φ(z) for z ≤ 0, accurate relative to its (possibly tiny) value.</summary>
    private static double LowerTail(double z)
    {
        double y = -z;
        if (y <= 0.66291) return Central(z);
        double factor;
        if (y <= 5.656854249492380195206754896838)
        {
            ReadOnlySpan<double> c = CodyC, d = CodyD;
            double numerator = c[8] * y, denominator = y;
            for (int i = 0; i < 7; i++)
            {
                numerator = (numerator + c[i]) * y;
                denominator = (denominator + d[i]) * y;
            }
            factor = (numerator + c[7]) / (denominator + d[7]);
        }
        else
        {
            if (z < LowerLimit) return 0.0;
            ReadOnlySpan<double> p = CodyP, q = CodyQ;
            double inverse = 1.0 / (y * y);
            double numerator = p[5] * inverse, denominator = inverse;
            for (int i = 0; i < 4; i++)
            {
                numerator = (numerator + p[i]) * inverse;
                denominator = (denominator + q[i]) * inverse;
            }
            double correction = inverse * (numerator + p[4]) / (denominator + q[4]);
            factor = (InverseSqrtTwoPi - correction) / y;
        }
        // exp(−y²/2) split so that the large part is exact: y² = s² + (y − s)(y + s) with s a multiple of 1/16.
        double s = Math.Truncate(y * 16.0) / 16.0;
        double delta = (y - s) * (y + s);
        return Math.Exp(-0.5 * s * s) * Math.Exp(-0.5 * delta) * factor;
    }
}
