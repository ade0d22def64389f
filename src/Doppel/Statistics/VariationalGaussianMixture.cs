using MathNet.Numerics;
using Doppel.Randomness;

namespace Doppel.Statistics;

/// <summary>
/// A one-dimensional Gaussian mixture fitted by mean-field variational Bayes with a Dirichlet-process
/// (stick-breaking) prior on the weights, as scikit-learn's BayesianGaussianMixture does with
/// <c>weight_concentration_prior_type="dirichlet_process"</c> — the model CTGAN uses for mode-specific
/// normalisation. Priors: concentration 0.001, mean = the data mean with precision 1, one degree of freedom,
/// variance = the data variance. Initialised from k-means (k-means++ seeding), then at most 100 E/M rounds,
/// stopping when no weight, mean or deviation moves by more than 1e-4 of the data's deviation.
/// A small concentration drives the weights of unneeded components towards zero.
/// </summary>
public sealed class VariationalGaussianMixture
{
    private const double WeightConcentrationPrior = 1e-3;
    private const double MeanPrecisionPrior = 1.0;
    private const double DegreesOfFreedomPrior = 1.0;
    private const double CovarianceRegularisation = 1e-6;
    private const int MaxIterations = 100;

    private VariationalGaussianMixture(double[] weights, double[] means, double[] deviations)
    {
        Weights = weights;
        Means = means;
        Deviations = deviations;
    }

    /// <summary>Expected mixture weights (sum 1).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Posterior mean of each component's centre.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Posterior standard deviation of each component (√ of the expected covariance).</summary>
    public IReadOnlyList<double> Deviations { get; }

    /// <summary>The most values a fit looks at; larger inputs are subsampled (without replacement, from the seeded generator).</summary>
    public const int MaxValues = 10_000;

    /// <summary>Fits up to <paramref name="components"/> components to finite <paramref name="values"/>.</summary>
    public static VariationalGaussianMixture Fit(ReadOnlySpan<double> values, int components, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        int n = values.Length;
        if (n == 0) throw new ArgumentException("A mixture needs at least one value.", nameof(values));
        double[] x = values.Length <= MaxValues ? values.ToArray() : Subsample(values, rng);
        n = x.Length;
        double dataMean = x.Average();
        double dataVariance = n > 1 ? x.Sum(v => (v - dataMean) * (v - dataMean)) / (n - 1) : 0;
        if (!(dataVariance > 0)) return new VariationalGaussianMixture([1.0], [dataMean], [Math.Sqrt(CovarianceRegularisation)]);
        components = Math.Min(components, n);

        var responsibilities = new double[n * components];
        int[] labels = KMeans(x, components, rng);
        for (int i = 0; i < n; i++) responsibilities[i * components + labels[i]] = 1;

        var state = new State(components);
        state.Maximise(x, responsibilities, dataMean, dataVariance);
        double scale = Math.Sqrt(dataVariance);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            state.Expect(x, responsibilities);
            double[] previousMeans = (double[])state.Means.Clone(), previousDeviations = state.Deviations(), previousWeights = state.Weights();
            state.Maximise(x, responsibilities, dataMean, dataVariance);
            double[] deviations = state.Deviations(), weights = state.Weights();
            double change = 0;
            for (int k = 0; k < components; k++)
                change = Math.Max(change, Math.Max(Math.Abs(weights[k] - previousWeights[k]),
                    Math.Max(Math.Abs(state.Means[k] - previousMeans[k]), Math.Abs(deviations[k] - previousDeviations[k])) / scale));
            if (change < 1e-4) break;
        }
        return new VariationalGaussianMixture(state.Weights(), state.Means, state.Deviations());
    }

    /// <summary>Posterior parameters of the variational distribution.</summary>
    private sealed class State(int components)
    {
        public readonly double[] Alpha = new double[components], Beta = new double[components];
        public readonly double[] MeanPrecision = new double[components], Means = new double[components];
        public readonly double[] DegreesOfFreedom = new double[components], Covariances = new double[components];
        private readonly double[] _counts = new double[components], _logWeights = new double[components], _logTerms = new double[components];

        public void Maximise(double[] x, double[] responsibilities, double meanPrior, double covariancePrior)
        {
            int k = components;
            var sums = new double[k];
            Array.Clear(_counts);
            for (int i = 0; i < x.Length; i++)
                for (int j = 0; j < k; j++)
                {
                    double r = responsibilities[i * k + j];
                    _counts[j] += r;
                    sums[j] += r * x[i];
                }
            var centres = new double[k];
            var spreads = new double[k];
            for (int j = 0; j < k; j++)
            {
                _counts[j] += 10 * 2.220446049250313e-16; // scikit-learn adds 10·eps so empty components stay finite
                centres[j] = sums[j] / _counts[j];
            }
            for (int i = 0; i < x.Length; i++)
                for (int j = 0; j < k; j++)
                {
                    double d = x[i] - centres[j];
                    spreads[j] += responsibilities[i * k + j] * d * d;
                }
            double tail = 0;
            for (int j = k - 1; j >= 0; j--)
            {
                Alpha[j] = 1 + _counts[j];
                Beta[j] = WeightConcentrationPrior + tail;
                tail += _counts[j];
            }
            for (int j = 0; j < k; j++)
            {
                double s = spreads[j] / _counts[j] + CovarianceRegularisation;
                MeanPrecision[j] = MeanPrecisionPrior + _counts[j];
                Means[j] = (MeanPrecisionPrior * meanPrior + _counts[j] * centres[j]) / MeanPrecision[j];
                DegreesOfFreedom[j] = DegreesOfFreedomPrior + _counts[j];
                double d = centres[j] - meanPrior;
                Covariances[j] = (covariancePrior + _counts[j] * s + _counts[j] * MeanPrecisionPrior / MeanPrecision[j] * d * d) / DegreesOfFreedom[j];
            }
        }

        public void Expect(double[] x, double[] responsibilities)
        {
            int k = components;
            double stick = 0;
            for (int j = 0; j < k; j++)
            {
                double total = SpecialFunctions.DiGamma(Alpha[j] + Beta[j]);
                _logWeights[j] = SpecialFunctions.DiGamma(Alpha[j]) - total + stick;
                stick += SpecialFunctions.DiGamma(Beta[j]) - total;
                double precision = 1 / Covariances[j];
                // E[log N(x | μ, Λ⁻¹)] under the Normal–Wishart posterior, one dimension.
                double logLambda = Math.Log(2) + SpecialFunctions.DiGamma(0.5 * DegreesOfFreedom[j]);
                _logTerms[j] = _logWeights[j] + 0.5 * Math.Log(precision) - 0.5 * Math.Log(2 * Math.PI) - 0.5 * Math.Log(DegreesOfFreedom[j])
                    + 0.5 * (logLambda - 1 / MeanPrecision[j]);
            }
            for (int i = 0; i < x.Length; i++)
            {
                double max = double.NegativeInfinity;
                Span<double> row = responsibilities.AsSpan(i * k, k);
                for (int j = 0; j < k; j++)
                {
                    double d = x[i] - Means[j];
                    row[j] = _logTerms[j] - 0.5 * d * d / Covariances[j];
                    if (row[j] > max) max = row[j];
                }
                double sum = 0;
                for (int j = 0; j < k; j++) sum += row[j] = Math.Exp(row[j] - max);
                for (int j = 0; j < k; j++) row[j] /= sum;
            }
        }

        public double[] Weights()
        {
            var weights = new double[components];
            double remaining = 1, total = 0;
            for (int j = 0; j < components; j++)
            {
                double share = Alpha[j] / (Alpha[j] + Beta[j]);
                weights[j] = remaining * share;
                remaining *= 1 - share;
                total += weights[j];
            }
            for (int j = 0; j < components; j++) weights[j] /= total;
            return weights;
        }

        public double[] Deviations() => [.. Covariances.Select(Math.Sqrt)];
    }

    private static double[] Subsample(ReadOnlySpan<double> values, Rng rng)
    {
        // Partial Fisher–Yates over indices: the first MaxValues positions are a uniform sample.
        int[] index = [.. Enumerable.Range(0, values.Length)];
        var sample = new double[MaxValues];
        for (int i = 0; i < MaxValues; i++)
        {
            int j = i + rng.NextInt(index.Length - i);
            (index[i], index[j]) = (index[j], index[i]);
            sample[i] = values[index[i]];
        }
        return sample;
    }

    /// <summary>Lloyd's k-means in one dimension with k-means++ seeding; returns each value's cluster.</summary>
    private static int[] KMeans(double[] x, int k, Rng rng)
    {
        int n = x.Length;
        var centres = new double[k];
        var distance = new double[n];
        centres[0] = x[rng.NextInt(n)];
        for (int i = 0; i < n; i++) distance[i] = (x[i] - centres[0]) * (x[i] - centres[0]);
        for (int c = 1; c < k; c++)
        {
            double total = distance.Sum();
            int chosen = 0;
            if (total > 0)
            {
                double target = rng.NextDouble() * total;
                for (chosen = 0; chosen < n - 1 && (target -= distance[chosen]) > 0; chosen++) { }
            }
            centres[c] = x[chosen];
            for (int i = 0; i < n; i++) distance[i] = Math.Min(distance[i], (x[i] - centres[c]) * (x[i] - centres[c]));
        }
        var labels = new int[n];
        var sums = new double[k];
        var counts = new int[k];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                double bestDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double d = Math.Abs(x[i] - centres[c]);
                    if (d < bestDistance) { bestDistance = d; best = c; }
                }
                if (labels[i] != best || iteration == 0) { changed |= labels[i] != best; labels[i] = best; }
            }
            if (!changed && iteration > 0) break;
            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < n; i++) { sums[labels[i]] += x[i]; counts[labels[i]]++; }
            for (int c = 0; c < k; c++) if (counts[c] > 0) centres[c] = sums[c] / counts[c];
        }
        return labels;
    }
}
