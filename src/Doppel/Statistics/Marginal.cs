using System.Collections.ObjectModel;
using System.Globalization;
using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>
/// An immutable fitted univariate distribution: a family and the parameters that fully describe it.
/// Parameter layouts (the order saved in model files and accepted by <see cref="FromParameters"/>):
/// <list type="bullet">
/// <item><see cref="Distribution.Normal"/>: [μ, σ].</item>
/// <item><see cref="Distribution.TruncatedNormal"/>: [μ, σ, a, b] — Normal(μ, σ) restricted to [a, b].</item>
/// <item><see cref="Distribution.Beta"/>: [α, β, loc, scale] — support [loc, loc + scale].</item>
/// <item><see cref="Distribution.Gamma"/>: [k (shape), θ (scale), loc] — support [loc, ∞).</item>
/// <item><see cref="Distribution.LogNormal"/>: [μ, σ, loc] — ln(X − loc) is Normal(μ, σ).</item>
/// <item><see cref="Distribution.Uniform"/>: [a, b].</item>
/// <item><see cref="Distribution.Empirical"/>: [K, M, x₀ … x_{K−1}, v₁, w₁, …, v_M, w_M]. The M atoms are values vᵢ
/// (strictly increasing) that each hold probability wᵢ and are reproduced exactly. The remaining probability
/// 1 − Σwᵢ is continuous, with quantile function linear between the K knots xⱼ placed at its probability levels
/// j / (K − 1); K is 0 (atoms only, Σwᵢ = 1) or at least 2.</item>
/// </list>
/// </summary>
public sealed class Marginal
{
    private static readonly Dictionary<Distribution, string[]> Names = new()
    {
        [Distribution.Normal] = ["mu", "sigma"],
        [Distribution.TruncatedNormal] = ["mu", "sigma", "lower", "upper"],
        [Distribution.Beta] = ["alpha", "beta", "loc", "scale"],
        [Distribution.Gamma] = ["shape", "scale", "loc"],
        [Distribution.LogNormal] = ["mu", "sigma", "loc"],
        [Distribution.Uniform] = ["lower", "upper"],
    };

    // A sanity bound on the empirical layout, far above what the fitter writes (≤ 1,000 knots, ≤ 100 atoms or ≤ 50 values).
    private const int MaxEmpiricalEntries = 1_000_000;

    private Marginal(IMarginalKernel kernel, double[] parameters)
    {
        Kernel = kernel;
        Parameters = new ReadOnlyCollection<double>(parameters);
    }

    /// <summary>The distribution family.</summary>
    public Distribution Family => Kernel.Family;

    /// <summary>The parameters in the layout documented on <see cref="Marginal"/>.</summary>
    public IReadOnlyList<double> Parameters { get; }

    /// <summary>The smallest value of the support (−∞ for the normal); sampled values never go below it.</summary>
    public double Minimum => Kernel.Minimum;

    /// <summary>The largest value of the support (+∞ for unbounded families); sampled values never exceed it.</summary>
    public double Maximum => Kernel.Maximum;

    internal IMarginalKernel Kernel { get; }

    /// <summary>P(X ≤ x).</summary>
    public double Cdf(double x) => Kernel.Cdf(x);

    /// <summary>P(X &lt; x); differs from <see cref="Cdf"/> only at an atom of an empirical marginal.</summary>
    public double CdfBelow(double x) => Kernel.CdfBelow(x);

    /// <summary>The quantile: the smallest x with Cdf(x) ≥ u, for u in [0, 1].</summary>
    public double Quantile(double u)
    {
        if (!(u >= 0 && u <= 1)) throw new ArgumentOutOfRangeException(nameof(u), u, "A quantile needs a probability in [0, 1].");
        return Kernel.Quantile(u);
    }

    /// <summary>The names of a parametric family's parameters, in layout order (empty for <see cref="Distribution.Empirical"/>).</summary>
    public static IReadOnlyList<string> ParameterNames(Distribution family) => Names.TryGetValue(family, out string[]? names) ? names : [];

    /// <summary>A short description such as <c>Gamma(shape=2, scale=3, loc=0)</c> or <c>Empirical(knots=1000, atoms=3)</c>.</summary>
    public override string ToString()
    {
        string name = Family.ToString();
        if (Kernel is EmpiricalKernel empirical)
            return $"{name}(knots={empirical.Knots.Length}, atoms={empirical.AtomValues.Length})";
        string[] names = Names[Family];
        return name + "(" + string.Join(", ", names.Select((n, i) => n + "=" + Parameters[i].ToString("G6", CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary>
    /// Restores a marginal from its family and parameters (as saved in a model file), checking every value.
    /// Throws <see cref="ModelFormatException"/> naming the family and the parameter at fault.
    /// </summary>
    public static Marginal FromParameters(Distribution family, IReadOnlyList<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double[] p = [.. parameters];
        if (family == Distribution.Empirical) return new Marginal(EmpiricalFromParameters(p), p);
        if (!Names.TryGetValue(family, out string[]? names))
            throw new ModelFormatException($"A fitted marginal cannot have family '{family}'; expected one of {string.Join(", ", Names.Keys)} or Empirical. Refit the model.");
        string familyName = family.ToString();
        if (p.Length != names.Length)
            throw Invalid(familyName, $"it needs {names.Length} parameters ({string.Join(", ", names)}) but has {p.Length}");
        for (int i = 0; i < p.Length; i++)
            if (!double.IsFinite(p[i])) throw Invalid(familyName, $"parameter '{names[i]}' is {Format(p[i])}; it must be a finite number");

        void Positive(int i)
        {
            if (!(p[i] > 0)) throw Invalid(familyName, $"parameter '{names[i]}' is {Format(p[i])}; it must be greater than 0");
        }

        IMarginalKernel kernel;
        switch (family)
        {
            case Distribution.Normal:
                Positive(1);
                kernel = new NormalKernel(p[0], p[1]);
                break;
            case Distribution.TruncatedNormal:
                Positive(1);
                if (!(p[2] < p[3])) throw Invalid(familyName, $"parameter 'lower' ({Format(p[2])}) must be below 'upper' ({Format(p[3])})");
                var truncated = new TruncatedNormalKernel(p[0], p[1], p[2], p[3]);
                if (!(truncated.IntervalMass > 0))
                    throw Invalid(familyName, $"the interval [{Format(p[2])}, {Format(p[3])}] lies so far in the tail of Normal({Format(p[0])}, {Format(p[1])}) that it holds no probability");
                kernel = truncated;
                break;
            case Distribution.Beta:
                Positive(0);
                Positive(1);
                Positive(3);
                kernel = new BetaKernel(p[0], p[1], p[2], p[3]);
                break;
            case Distribution.Gamma:
                Positive(0);
                Positive(1);
                kernel = new GammaKernel(p[0], p[1], p[2]);
                break;
            case Distribution.LogNormal:
                Positive(1);
                kernel = new LogNormalKernel(p[0], p[1], p[2]);
                break;
            default: // Uniform
                if (!(p[0] < p[1])) throw Invalid(familyName, $"parameter 'lower' ({Format(p[0])}) must be below 'upper' ({Format(p[1])})");
                kernel = new UniformKernel(p[0], p[1]);
                break;
        }
        return new Marginal(kernel, p);
    }

    private static EmpiricalKernel EmpiricalFromParameters(double[] p)
    {
        const string name = nameof(Distribution.Empirical);
        if (p.Length < 2) throw Invalid(name, $"it needs at least the knot count K and the atom count M but has {p.Length} values");
        if (!IsCount(p[0])) throw Invalid(name, $"the knot count K is {Format(p[0])}; it must be a whole number from 0 to {MaxEmpiricalEntries}");
        if (!IsCount(p[1])) throw Invalid(name, $"the atom count M is {Format(p[1])}; it must be a whole number from 0 to {MaxEmpiricalEntries}");
        int k = (int)p[0], m = (int)p[1];
        if (k == 1) throw Invalid(name, "the knot count K is 1; it must be 0 (atoms only) or at least 2");
        if (k + m == 0) throw Invalid(name, "it has neither knots nor atoms");
        if (p.Length != 2 + k + 2 * m)
            throw Invalid(name, $"K = {k} knots and M = {m} atoms need 2 + K + 2M = {2 + k + 2 * m} values but it has {p.Length}");
        for (int i = 2; i < p.Length; i++)
            if (!double.IsFinite(p[i])) throw Invalid(name, $"value {i} of its parameters is {Format(p[i])}; every value must be a finite number");

        double[] knots = p[2..(2 + k)];
        for (int j = 1; j < k; j++)
            if (knots[j] < knots[j - 1]) throw Invalid(name, $"knot {j} ({Format(knots[j])}) is below knot {j - 1} ({Format(knots[j - 1])}); knots must not decrease");
        var values = new double[m];
        var weights = new double[m];
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            values[i] = p[2 + k + 2 * i];
            weights[i] = p[3 + k + 2 * i];
            if (i > 0 && !(values[i] > values[i - 1]))
                throw Invalid(name, $"atom {i + 1} ({Format(values[i])}) is not above atom {i} ({Format(values[i - 1])}); atoms must strictly increase");
            if (!(weights[i] > 0 && weights[i] <= 1))
                throw Invalid(name, $"atom {i + 1} (value {Format(values[i])}) has probability {Format(weights[i])}; it must lie in (0, 1]");
            total += weights[i];
        }
        if (k == 0 && Math.Abs(total - 1.0) > 1e-6)
            throw Invalid(name, $"with no knots the atom probabilities must sum to 1 but sum to {Format(total)}");
        if (k > 0 && !(total < 1.0))
            throw Invalid(name, $"the atom probabilities sum to {Format(total)}, leaving nothing for the {k} knots; they must sum to less than 1");
        if (k == 0)
            for (int i = 0; i < m; i++) weights[i] /= total;
        return new EmpiricalKernel(knots, values, weights);
    }

    private static bool IsCount(double value) => value >= 0 && value <= MaxEmpiricalEntries && Math.Floor(value) == value;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ModelFormatException Invalid(string family, string problem) =>
        new($"The {family} marginal in the model is invalid: {problem}. The model file is damaged or was edited by hand; refit the model.");
}
