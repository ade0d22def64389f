using Doppel.Data;

namespace Doppel.Statistics;

/// <summary>
/// The smoothed empirical distribution: point masses (atoms) plus a continuous remainder whose quantile
/// function is linear between knots at equally spaced probability levels. Both are merged into one
/// <see cref="PiecewiseLinearQuantile"/> in which every atom is a flat run.
/// </summary>
internal sealed class EmpiricalKernel : IMarginalKernel
{
    public EmpiricalKernel(double[] knots, double[] atomValues, double[] atomWeights)
    {
        Knots = knots;
        AtomValues = atomValues;
        AtomWeights = atomWeights;
        Table = Merge(knots, atomValues, atomWeights);
    }

    /// <summary>Values of the continuous remainder at probability levels j / (K − 1) of that remainder.</summary>
    public double[] Knots { get; }

    /// <summary>Atom values, strictly increasing.</summary>
    public double[] AtomValues { get; }

    /// <summary>The probability of each atom.</summary>
    public double[] AtomWeights { get; }

    /// <summary>The whole distribution as one piecewise-linear quantile function.</summary>
    public PiecewiseLinearQuantile Table { get; }

    public Distribution Family => Distribution.Empirical;
    public double Minimum => Table.Minimum;
    public double Maximum => Table.Maximum;

    public double Cdf(double x) => Table.Cdf(x);
    public double CdfBelow(double x) => Table.CdfBelow(x);
    public double Survival(double x) => 1.0 - Table.Cdf(x);
    public double Quantile(double u) => Table.Quantile(u);
    public double UpperQuantile(double q) => Table.Quantile(1.0 - q);
    public double Density(double x) => Table.Density(x);

    /// <summary>
    /// F(x) = Σ atoms ≤ x + R · F_remainder(x), with R = 1 − Σ atom weights. Between consecutive distinct knot or
    /// atom values F is linear, so the points (F(p−), p) and (F(p), p) at each such value p describe it exactly.
    /// </summary>
    private static PiecewiseLinearQuantile Merge(double[] knots, double[] atomValues, double[] atomWeights)
    {
        double totalAtoms = 0;
        foreach (double w in atomWeights) totalAtoms += w;
        double remainderMass = knots.Length == 0 ? 0 : Math.Max(0, 1.0 - totalAtoms);
        PiecewiseLinearQuantile? remainder = null;
        if (knots.Length > 0)
        {
            var levels = new double[knots.Length];
            for (int j = 0; j < knots.Length; j++) levels[j] = (double)j / (knots.Length - 1);
            levels[^1] = 1.0;
            remainder = new PiecewiseLinearQuantile(levels, knots);
        }

        var positions = new SortedSet<double>(atomValues);
        foreach (double k in knots) positions.Add(k);
        double normaliser = totalAtoms + remainderMass;

        var u = new List<double>(2 * positions.Count);
        var x = new List<double>(2 * positions.Count);
        int atom = 0;
        double atomsBelow = 0;
        foreach (double p in positions)
        {
            double atomHere = 0;
            if (atom < atomValues.Length && atomValues[atom] == p) atomHere = atomWeights[atom++];
            double below = atomsBelow + (remainder is null ? 0 : remainderMass * remainder.CdfBelow(p));
            double atOrBelow = atomsBelow + atomHere + (remainder is null ? 0 : remainderMass * remainder.Cdf(p));
            Add(u, x, below / normaliser, p);
            if (atOrBelow > below) Add(u, x, atOrBelow / normaliser, p);
            atomsBelow += atomHere;
        }
        if (u.Count == 1)
        {
            u.Add(1.0);
            x.Add(x[0]);
        }
        u[0] = 0;
        u[^1] = 1.0;
        return new PiecewiseLinearQuantile([.. u], [.. x]);
    }

    private static void Add(List<double> u, List<double> x, double probability, double value)
    {
        if (u.Count > 0)
        {
            probability = Math.Max(probability, u[^1]);
            if (probability == u[^1] && value == x[^1]) return;
        }
        u.Add(Math.Min(probability, 1.0));
        x.Add(value);
    }
}
