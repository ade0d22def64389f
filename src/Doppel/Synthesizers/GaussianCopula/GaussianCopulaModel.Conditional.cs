using MathNet.Numerics.LinearAlgebra;
using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Synthesizers.GaussianCopula;

public sealed partial class GaussianCopulaModel
{
    /// <summary>
    /// What sampling under a set of conditions needs, computed once per set: each condition pins one
    /// dimension to an interval; those dimensions are drawn from their joint truncated normal, the rest
    /// from the exact conditional normal given them.
    /// </summary>
    private sealed class ConditionalPlan
    {
        public required int[] Conditioned;
        public required double[] Lower;
        public required double[] Upper;
        /// <summary>Precision matrix of the conditioned block: Gibbs conditionals come from it.</summary>
        public required double[,] Precision;
        public required int[] Free;
        /// <summary>Regression of free on conditioned dimensions: Σ_FC Σ_CC⁻¹.</summary>
        public required double[,] Regression;
        /// <summary>Cholesky factor of the conditional covariance of the free dimensions.</summary>
        public required double[,] FreeCholesky;
    }

    private ConditionalPlan PlanFor(ConditionSet conditions)
    {
        // Several conditions can pin one dimension (age>=30 and age<40): their intervals intersect.
        var intervals = conditions.Conditions
            .SelectMany(c => Find(c).ConditionIntervals(c).Select(i => (Condition: c, i.Dimension, i.Lower, i.Upper)))
            .GroupBy(i => i.Dimension)
            .Select(g =>
            {
                double lower = g.Max(i => i.Lower), upper = g.Min(i => i.Upper);
                if (!(StandardNormal.Cdf(upper) - StandardNormal.Cdf(lower) > 1e-12))
                    throw new InfeasibleRequestException($"Conditions {string.Join(" and ", g.Select(i => i.Condition).Distinct())} leave no room together: no row can meet them all.");
                return (Dimension: g.Key, Lower: lower, Upper: upper);
            })
            .OrderBy(i => i.Dimension).ToArray();
        string key = string.Join(";", intervals.Select(i => $"{i.Dimension}:{i.Lower:R}:{i.Upper:R}"));
        return _plans.GetOrAdd(key, _ => BuildPlan(intervals));
    }

    private ConditionalPlan BuildPlan((int Dimension, double Lower, double Upper)[] intervals)
    {
        int[] conditioned = [.. intervals.Select(i => i.Dimension)];
        int[] free = [.. Enumerable.Range(0, _dimensions).Except(conditioned)];
        var sigma = Matrix<double>.Build.DenseOfArray(_correlation);
        Matrix<double> cc = Sub(sigma, conditioned, conditioned);
        Matrix<double> fc = Sub(sigma, free, conditioned);
        Matrix<double> ff = Sub(sigma, free, free);
        Matrix<double> precision = cc.Inverse();
        Matrix<double> regression = fc * precision;
        Matrix<double> conditional = ff - regression * fc.Transpose();
        conditional = (conditional + conditional.Transpose()) * 0.5;
        double[,] freeCholesky = free.Length == 0 ? new double[0, 0] : StableCholesky(conditional.ToArray());
        return new ConditionalPlan
        {
            Conditioned = conditioned,
            Lower = [.. intervals.Select(i => i.Lower)],
            Upper = [.. intervals.Select(i => i.Upper)],
            Precision = precision.ToArray(),
            Free = free,
            Regression = regression.ToArray(),
            FreeCholesky = freeCholesky,
        };
    }

    private static double[,] StableCholesky(double[,] covariance)
    {
        int n = covariance.GetLength(0);
        for (double jitter = 0; ; jitter = jitter == 0 ? 1e-12 : jitter * 10)
        {
            var copy = (double[,])covariance.Clone();
            for (int i = 0; i < n; i++) copy[i, i] += jitter;
            if (Correlation.IsPositiveDefinite(copy)) return Correlation.Cholesky(copy);
            if (jitter > 1e-3) throw new InvalidOperationException("The conditional covariance is not positive definite even after regularisation.");
        }
    }

    private static Matrix<double> Sub(Matrix<double> m, int[] rows, int[] columns)
    {
        var result = Matrix<double>.Build.Dense(rows.Length, columns.Length);
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < columns.Length; j++)
                result[i, j] = m[rows[i], columns[j]];
        return result;
    }

    private static void SampleConditional(double[][] scores, int rows, Rng rng, ConditionalPlan plan)
    {
        int c = plan.Conditioned.Length;
        int f = plan.Free.Length;
        var z = new double[c];
        var e = new double[f];
        for (int r = 0; r < rows; r++)
        {
            DrawConditioned(plan, z, rng);
            for (int i = 0; i < c; i++) scores[plan.Conditioned[i]][r] = z[i];
            for (int i = 0; i < f; i++) e[i] = rng.NextGaussian();
            for (int i = 0; i < f; i++)
            {
                double value = 0;
                for (int k = 0; k < c; k++) value += plan.Regression[i, k] * z[k];
                for (int k = 0; k <= i; k++) value += plan.FreeCholesky[i, k] * e[k];
                scores[plan.Free[i]][r] = value;
            }
        }
    }

    /// <summary>A draw of the conditioned dimensions from N(0, Σ_CC) truncated to their intervals: exact for one dimension, Gibbs for several.</summary>
    private static void DrawConditioned(ConditionalPlan plan, double[] z, Rng rng)
    {
        int c = z.Length;
        if (c == 1)
        {
            double sd = Math.Sqrt(1.0 / plan.Precision[0, 0]);
            z[0] = sd * TruncatedNormalSampler.Sample(rng, plan.Lower[0] / sd, plan.Upper[0] / sd);
            return;
        }
        for (int i = 0; i < c; i++) z[i] = Start(plan.Lower[i], plan.Upper[i]);
        for (int sweep = 0; sweep < GibbsSweeps; sweep++)
        {
            for (int i = 0; i < c; i++)
            {
                double pii = plan.Precision[i, i];
                double mean = 0;
                for (int k = 0; k < c; k++) if (k != i) mean -= plan.Precision[i, k] * z[k];
                mean /= pii;
                double sd = Math.Sqrt(1.0 / pii);
                z[i] = mean + sd * TruncatedNormalSampler.Sample(rng, (plan.Lower[i] - mean) / sd, (plan.Upper[i] - mean) / sd);
            }
        }
    }

    private static double Start(double lower, double upper) =>
        double.IsNegativeInfinity(lower) ? (double.IsPositiveInfinity(upper) ? 0 : upper - 0.5)
        : double.IsPositiveInfinity(upper) ? lower + 0.5
        : 0.5 * (lower + upper);
}
