using System.Runtime.CompilerServices;

namespace Doppel.Statistics;

/// <summary>
/// x(z) = F⁻¹(Φ(z)) of a continuous marginal tabulated on [−8.3, 8.3] as a monotone cubic Hermite spline:
/// exact values at 513 nodes (the quantile solved once per node) and slopes φ(z) / f(x), limited so the spline
/// never decreases. Evaluating it costs a multiply-add chain instead of a quantile solve.
/// </summary>
internal sealed class HermiteTable
{
    public const double Limit = 8.3;
    private const int Intervals = 512;
    private const double Step = 2 * Limit / Intervals;
    private const double InverseStep = Intervals / (2 * Limit);

    private readonly double[] _coefficients;
    private readonly double _minimum, _maximum;

    public HermiteTable(IMarginalKernel kernel)
    {
        _minimum = kernel.Minimum;
        _maximum = kernel.Maximum;
        var x = new double[Intervals + 1];
        var slope = new double[Intervals + 1];
        for (int i = 0; i <= Intervals; i++)
        {
            double z = -Limit + i * Step;
            // Each half of the table asks for the quantile from its own tail so no precision is lost near 1.
            x[i] = z <= 0 ? kernel.Quantile(StandardNormal.Cdf(z)) : kernel.UpperQuantile(StandardNormal.Cdf(-z));
            double density = kernel.Density(x[i]);
            slope[i] = density > 0 && double.IsFinite(density) ? StandardNormal.Pdf(z) / density : double.NaN;
        }
        for (int i = 1; i <= Intervals; i++) x[i] = Math.Max(x[i], x[i - 1]);
        _coefficients = new double[4 * Intervals];
        for (int i = 0; i <= Intervals; i++)
        {
            if (double.IsFinite(slope[i])) continue;
            // At a support boundary f(x) may be 0 or ∞; fall back to the secant slopes around the node.
            double left = i > 0 ? (x[i] - x[i - 1]) * InverseStep : double.NaN;
            double right = i < Intervals ? (x[i + 1] - x[i]) * InverseStep : double.NaN;
            slope[i] = double.IsNaN(left) ? right : double.IsNaN(right) ? left : 0.5 * (left + right);
        }
        for (int i = 0; i < Intervals; i++)
        {
            double y0 = x[i], y1 = x[i + 1];
            double secant = y1 - y0;
            double d0 = slope[i] * Step, d1 = slope[i + 1] * Step;
            if (secant <= 0)
            {
                d0 = d1 = 0;
            }
            else
            {
                // Fritsch–Carlson: slopes within 3× the secant keep the cubic monotone.
                d0 = Math.Clamp(d0, 0, 3 * secant);
                d1 = Math.Clamp(d1, 0, 3 * secant);
            }
            _coefficients[4 * i] = y0;
            _coefficients[4 * i + 1] = d0;
            _coefficients[4 * i + 2] = 3 * secant - 2 * d0 - d1;
            _coefficients[4 * i + 3] = -2 * secant + d0 + d1;
        }
    }

    /// <summary>x(z), with z clamped to ±8.3 and the result clipped to the support.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double z)
    {
        double position = (Math.Clamp(z, -Limit, Limit) + Limit) * InverseStep;
        int i = Math.Min((int)position, Intervals - 1);
        double t = position - i;
        ref double c = ref _coefficients[4 * i];
        double value = c + t * (Unsafe.Add(ref c, 1) + t * (Unsafe.Add(ref c, 2) + t * Unsafe.Add(ref c, 3)));
        return Math.Clamp(value, _minimum, _maximum);
    }
}
