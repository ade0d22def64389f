using Doppel.Randomness;

namespace Doppel.Statistics;

/// <summary>
/// Maps values of a <see cref="Marginal"/> to normal scores and back: z = Φ⁻¹(F(x)) and x = F⁻¹(Φ(z)).
/// At an atom the score is drawn uniformly inside the atom's probability interval (a randomised probability
/// integral transform, so ties do not collapse correlations), and every score inside that interval maps back
/// to exactly the atom's value. Immutable and thread-safe; building it precomputes the sampling tables.
/// </summary>
public sealed class NormalScoreTransform
{
    /// <summary>Scores are clipped to ±8.3, where Φ(−8.3) ≈ 5e-17 is still distinct from 0 in double precision.</summary>
    public const double ScoreLimit = 8.3;

    private enum Mode { Normal, LogNormal, Table, Empirical }

    private readonly Mode _mode;
    private readonly double _a, _b, _c; // Normal: μ, σ; LogNormal: μ, σ, loc
    private readonly HermiteTable? _table;
    private readonly double[] _zBreaks = [];
    private readonly double[] _u = [];
    private readonly double[] _x = [];
    private readonly int[] _bucketStart = [];

    // The empirical lookup starts from a bucket of a uniform grid over [−8.3, 8.3] instead of a binary search,
    // so a sample costs a couple of comparisons whatever the number of knots.
    private const int Buckets = 4096;
    private const double BucketsPerUnit = Buckets / (2 * ScoreLimit);

    /// <summary>Prepares the transform of <paramref name="marginal"/>.</summary>
    public NormalScoreTransform(Marginal marginal)
    {
        ArgumentNullException.ThrowIfNull(marginal);
        Marginal = marginal;
        switch (marginal.Kernel)
        {
            case NormalKernel normal:
                _mode = Mode.Normal;
                (_a, _b) = (normal.Mean, normal.StandardDeviation);
                break;
            case LogNormalKernel logNormal:
                _mode = Mode.LogNormal;
                (_a, _b, _c) = (logNormal.Mu, logNormal.Sigma, logNormal.Location);
                break;
            case EmpiricalKernel empirical:
                _mode = Mode.Empirical;
                _u = empirical.Table.Probabilities;
                _x = empirical.Table.Values;
                _zBreaks = new double[_u.Length];
                for (int i = 0; i < _u.Length; i++) _zBreaks[i] = StandardNormal.Quantile(_u[i]);
                _bucketStart = new int[Buckets];
                for (int b = 0; b < Buckets; b++)
                    _bucketStart[b] = Math.Max(0, PiecewiseLinearQuantile.LastAtMost(_zBreaks, -ScoreLimit + b / BucketsPerUnit));
                break;
            default:
                _mode = Mode.Table;
                _table = new HermiteTable(marginal.Kernel);
                break;
        }
    }

    /// <summary>The marginal this transform was built from.</summary>
    public Marginal Marginal { get; }

    /// <summary>
    /// The normal score of x: Φ⁻¹(F(x)) for continuous parts, Φ⁻¹(U) with U uniform in [F(x−), F(x)] at an atom
    /// (drawn from <paramref name="rng"/>), clipped to ±<see cref="ScoreLimit"/>.
    /// </summary>
    public double ToNormal(double x, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "A missing value (NaN) has no normal score; encode missingness separately.");
        double z;
        switch (_mode)
        {
            case Mode.Normal:
                z = (x - _a) / _b;
                break;
            case Mode.LogNormal:
                z = x <= _c ? double.NegativeInfinity : (Math.Log(x - _c) - _a) / _b;
                break;
            default:
                IMarginalKernel kernel = Marginal.Kernel;
                double upper = kernel.Cdf(x);
                double lower = _mode == Mode.Empirical ? kernel.CdfBelow(x) : upper;
                if (upper > lower)
                    z = StandardNormal.Quantile(lower + (upper - lower) * rng.NextOpenDouble());
                else if (upper <= 0.5)
                    z = StandardNormal.Quantile(upper);
                else
                    z = -StandardNormal.Quantile(kernel.Survival(x)); // precise in the upper tail
                break;
        }
        return Math.Clamp(z, -ScoreLimit, ScoreLimit);
    }

    /// <summary>
    /// The value at normal score z: F⁻¹(Φ(z)), clipped to [Minimum, Maximum]. A z inside an atom's interval
    /// returns exactly the atom's value; elsewhere the result is accurate to about 1e-7 in probability.
    /// </summary>
    public double FromNormal(double z) => _mode switch
    {
        Mode.Normal => _a + _b * z,
        Mode.LogNormal => _c + Math.Exp(_a + _b * Math.Clamp(z, -ScoreLimit, ScoreLimit)),
        Mode.Table => _table!.Evaluate(z),
        _ => FromNormalEmpirical(z),
    };

    /// <summary>The batch form of <see cref="FromNormal(double)"/>: x[i] = FromNormal(z[i]).</summary>
    public void FromNormal(ReadOnlySpan<double> z, Span<double> x)
    {
        if (x.Length < z.Length) throw new ArgumentException($"The output span holds {x.Length} values but {z.Length} scores were given.", nameof(x));
        switch (_mode)
        {
            case Mode.Normal:
                for (int i = 0; i < z.Length; i++) x[i] = _a + _b * z[i];
                break;
            case Mode.LogNormal:
                for (int i = 0; i < z.Length; i++) x[i] = _c + Math.Exp(_a + _b * Math.Clamp(z[i], -ScoreLimit, ScoreLimit));
                break;
            case Mode.Table:
                HermiteTable table = _table!;
                for (int i = 0; i < z.Length; i++) x[i] = table.Evaluate(z[i]);
                break;
            default:
                for (int i = 0; i < z.Length; i++) x[i] = FromNormalEmpirical(z[i]);
                break;
        }
    }

    /// <summary>
    /// The piece is chosen by comparing z with the exact scores of the table's probabilities, so the atom decision
    /// is exact; the fast Φ only positions x inside a linear piece.
    /// </summary>
    private double FromNormalEmpirical(double z)
    {
        double[] breaks = _zBreaks, x = _x;
        int i;
        double position = (z + ScoreLimit) * BucketsPerUnit;
        if (position >= 0 && position < Buckets)
        {
            // The bucket's start is the last break at or below its lower edge, hence at or below z; walk forward.
            i = _bucketStart[(int)position];
            while (i < breaks.Length - 1 && breaks[i + 1] <= z) i++;
        }
        else
        {
            if (double.IsNaN(z)) return double.NaN;
            i = PiecewiseLinearQuantile.LastAtMost(breaks, z);
        }
        if (i < 0) return x[0];
        if (i >= breaks.Length - 1) return x[^1];
        double x0 = x[i], x1 = x[i + 1];
        if (x0 == x1) return x0;
        double u0 = _u[i], u1 = _u[i + 1];
        double t = Math.Clamp((FastNormalCdf.Evaluate(z) - u0) / (u1 - u0), 0.0, 1.0);
        return x0 + t * (x1 - x0);
    }
}
