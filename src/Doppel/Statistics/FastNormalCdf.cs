using System.Runtime.CompilerServices;

namespace Doppel.Statistics;

/// <summary>
/// Φ(z) from a cubic Hermite table with exact values and slopes (φ) at nodes 1/16 apart on [−8.5, 8.5]:
/// the interpolation error is below h⁴ max|Φ⁗| / 384 ≈ 2e-8, in a few nanoseconds. Used where a
/// probability only positions a value inside a linear piece, never to decide an atom.
/// </summary>
internal static class FastNormalCdf
{
    private const double Start = -8.5;
    private const double StepsPerUnit = 16.0;
    private const int Intervals = 272; // 17 units × 16

    // Four cubic coefficients per interval, in powers of t = (z − node) · 16.
    private static readonly double[] Coefficients = Build();

    /// <summary>Φ(z) to within 1e-7 absolute.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Evaluate(double z)
    {
        double position = (z - Start) * StepsPerUnit;
        if (!(position >= 0 && position < Intervals)) return StandardNormal.Cdf(z);
        int i = (int)position;
        double t = position - i;
        ref double c = ref Coefficients[4 * i];
        return c + t * (Unsafe.Add(ref c, 1) + t * (Unsafe.Add(ref c, 2) + t * Unsafe.Add(ref c, 3)));
    }

    private static double[] Build()
    {
        const double h = 1.0 / StepsPerUnit;
        var coefficients = new double[4 * Intervals];
        for (int i = 0; i < Intervals; i++)
        {
            double z0 = Start + i * h, z1 = z0 + h;
            double y0 = StandardNormal.Cdf(z0), y1 = StandardNormal.Cdf(z1);
            double d0 = h * StandardNormal.Pdf(z0), d1 = h * StandardNormal.Pdf(z1);
            coefficients[4 * i] = y0;
            coefficients[4 * i + 1] = d0;
            coefficients[4 * i + 2] = 3 * (y1 - y0) - 2 * d0 - d1;
            coefficients[4 * i + 3] = 2 * (y0 - y1) + d0 + d1;
        }
        return coefficients;
    }
}
