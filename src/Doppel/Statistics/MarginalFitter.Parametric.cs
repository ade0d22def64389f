using MathNet.Numerics;

namespace Doppel.Statistics;

public static partial class MarginalFitter
{
    // The location search for gamma and lognormal uses at most this many evenly spaced order statistics.
    private const int LocationSearchSize = 5_000;

    // Past this shape a gamma is a normal in all but name (skewness 2/√k < 0.07), and the incomplete gamma
    // function slows from ~0.2 µs to ~10 µs per call; the location search stays below it.
    private const double MaxGammaShape = 1_000;

    /// <summary>Maximum likelihood: the mean and the (divide by n) standard deviation.</summary>
    private static double[] FitNormal(SortedSample sample) => [sample.Mean, Math.Sqrt(sample.Variance)];

    /// <summary>
    /// Bounds widened by range / (n − 1) on each side: the unbiased estimate of a uniform's ends, and it keeps the
    /// smallest and largest values off F = 0 and F = 1, which would send their normal scores to ±8.3.
    /// </summary>
    private static double BoundSlack(SortedSample sample) => sample.Range / (sample.Count - 1);

    private static double[] FitUniform(SortedSample sample)
    {
        double slack = BoundSlack(sample);
        return [sample.Minimum - slack, sample.Maximum + slack];
    }

    /// <summary>
    /// Bounds as for the uniform; μ and σ by matching the truncated mean and variance to the sample's, which for fixed
    /// bounds is the maximum-likelihood estimate (the truncated normal is an exponential family in x and x²).
    /// </summary>
    private static (double[]?, string?) FitTruncatedNormal(SortedSample sample)
    {
        double slack = BoundSlack(sample);
        double a = sample.Minimum - slack, b = sample.Maximum + slack;
        double targetMean = sample.Mean, targetVariance = sample.Variance;
        double mu = targetMean, sigma = Math.Sqrt(targetVariance);
        double sigmaCap = 1e3 * (b - a);
        for (int iteration = 0; iteration < 2_000; iteration++)
        {
            double alpha = (a - mu) / sigma, beta = (b - mu) / sigma;
            double mass = TruncatedNormalKernel.Mass(alpha, beta);
            if (!(mass > 1e-300)) return (null, "the moment-matching iteration left the data's range");
            double pdfAlpha = StandardNormal.Pdf(alpha), pdfBeta = StandardNormal.Pdf(beta);
            double lambda = (pdfAlpha - pdfBeta) / mass;
            double mean = mu + sigma * lambda;
            double variance = sigma * sigma * (1 + (alpha * pdfAlpha - beta * pdfBeta) / mass - lambda * lambda);
            if (!(variance > 0)) return (null, "the truncated variance vanished during moment matching");
            double nextMu = mu + (targetMean - mean);
            double nextSigma = sigma * Math.Sqrt(targetVariance / variance);
            bool converged = Math.Abs(nextMu - mu) <= 1e-10 * sigma && Math.Abs(nextSigma - sigma) <= 1e-10 * sigma;
            mu = nextMu;
            sigma = nextSigma;
            // Data flat across its range drives σ to infinity; far past the range the shape no longer changes.
            if (converged || sigma > sigmaCap) break;
        }
        sigma = Math.Min(sigma, sigmaCap);
        return double.IsFinite(mu) && sigma > 0 ? ([mu, sigma, a, b], null) : (null, "moment matching did not converge");
    }

    /// <summary>
    /// Support [min − ε, max + ε] with ε = range / (n − 1); α and β start from the method of moments and take Newton
    /// steps on the likelihood equations ψ(α) − ψ(α + β) = mean ln y, ψ(β) − ψ(α + β) = mean ln(1 − y).
    /// </summary>
    private static (double[]?, string?) FitBeta(SortedSample sample)
    {
        double slack = BoundSlack(sample);
        double location = sample.Minimum - slack, scale = sample.Range + 2 * slack, top = sample.Maximum + slack;
        double sumLog = 0, sumLogComplement = 0;
        foreach (double x in sample.Values)
        {
            sumLog += Math.Log((x - location) / scale);
            sumLogComplement += Math.Log((top - x) / scale);
        }
        int n = sample.Count;
        double meanLog = sumLog / n, meanLogComplement = sumLogComplement / n;
        double m = (sample.Mean - location) / scale, v = sample.Variance / (scale * scale);
        double common = m * (1 - m) / v - 1;
        double alpha = common > 0 ? m * common : 0.5, beta = common > 0 ? (1 - m) * common : 0.5;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            double digammaSum = SpecialFunctions.DiGamma(alpha + beta), trigammaSum = SpecialMath.Trigamma(alpha + beta);
            double f1 = SpecialFunctions.DiGamma(alpha) - digammaSum - meanLog;
            double f2 = SpecialFunctions.DiGamma(beta) - digammaSum - meanLogComplement;
            double j11 = SpecialMath.Trigamma(alpha) - trigammaSum, j22 = SpecialMath.Trigamma(beta) - trigammaSum, j12 = -trigammaSum;
            double determinant = j11 * j22 - j12 * j12;
            if (!(Math.Abs(determinant) > 0) || !double.IsFinite(determinant)) break;
            double stepAlpha = (j22 * f1 - j12 * f2) / determinant;
            double stepBeta = (j11 * f2 - j12 * f1) / determinant;
            // Halve the step until both shapes stay positive.
            double factor = 1;
            while (factor > 1e-6 && !(alpha - factor * stepAlpha > 0 && beta - factor * stepBeta > 0)) factor *= 0.5;
            double nextAlpha = alpha - factor * stepAlpha, nextBeta = beta - factor * stepBeta;
            if (!(nextAlpha > 0 && nextBeta > 0) || !double.IsFinite(nextAlpha + nextBeta)) break;
            bool converged = Math.Abs(nextAlpha - alpha) <= 1e-10 * alpha && Math.Abs(nextBeta - beta) <= 1e-10 * beta;
            alpha = nextAlpha;
            beta = nextBeta;
            if (converged) break;
        }
        return alpha > 0 && beta > 0 && double.IsFinite(alpha + beta) ? ([alpha, beta, location, scale], null) : (null, "the shape estimates did not stay positive");
    }

    /// <summary>The location by a profile-likelihood search below the minimum, then k by Newton on ln k − ψ(k) = s and θ = mean / k.</summary>
    private static (double[]?, string?) FitGamma(SortedSample sample)
    {
        double location = SearchLocation(sample, GammaProfile);
        (double shape, double scale) = GammaShapeScale(sample.Values, location);
        return double.IsFinite(shape) && shape > 0 && scale > 0 ? ([shape, scale, location], null) : (null, "the shape estimate did not converge");
    }

    /// <summary>The location by a profile-likelihood search below the minimum, then μ and σ of ln(x − loc) in closed form.</summary>
    private static (double[]?, string?) FitLogNormal(SortedSample sample)
    {
        double location = SearchLocation(sample, LogNormalProfile);
        (double mu, double sigma) = LogMoments(sample.Values, location);
        return sigma > 0 && double.IsFinite(mu) ? ([mu, sigma, location], null) : (null, "the log-values have no spread");
    }

    /// <summary>
    /// Maximises a profile log-likelihood over loc = min − g with g from range·10⁻⁶ to range·10⁴: a log-spaced grid of
    /// 25 points, then golden-section refinement around the best. A likelihood still rising at the largest g means
    /// the data is nearly normal; the search then stops there, where the family is already close to its normal limit.
    /// </summary>
    private static double SearchLocation(SortedSample sample, Func<double[], double, double> profile)
    {
        double[] values = sample.Subsample(LocationSearchSize);
        double minimum = sample.Minimum;
        double smallest = Math.Max(sample.Range * 1e-6, Math.Abs(minimum) * 1e-12);
        double low = Math.Log(smallest), high = Math.Log(Math.Max(sample.Range * 1e4, smallest * 10));
        const int gridPoints = 25;
        double step = (high - low) / (gridPoints - 1);
        int bestIndex = 0;
        double bestValue = double.NegativeInfinity;
        for (int i = 0; i < gridPoints; i++)
        {
            double value = profile(values, minimum - Math.Exp(low + i * step));
            if (value > bestValue)
            {
                bestValue = value;
                bestIndex = i;
            }
        }
        double left = low + Math.Max(0, bestIndex - 1) * step, right = low + Math.Min(gridPoints - 1, bestIndex + 1) * step;
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double c = right - ratio * (right - left), d = left + ratio * (right - left);
        double fc = profile(values, minimum - Math.Exp(c)), fd = profile(values, minimum - Math.Exp(d));
        for (int iteration = 0; iteration < 30; iteration++)
        {
            if (fc >= fd)
            {
                right = d;
                d = c;
                fd = fc;
                c = right - ratio * (right - left);
                fc = profile(values, minimum - Math.Exp(c));
            }
            else
            {
                left = c;
                c = d;
                fc = fd;
                d = left + ratio * (right - left);
                fd = profile(values, minimum - Math.Exp(d));
            }
        }
        double bestGap = Math.Exp(fc >= fd ? c : d);
        return fc >= bestValue || fd >= bestValue ? minimum - bestGap : minimum - Math.Exp(low + bestIndex * step);
    }

    /// <summary>The lognormal log-likelihood per value, maximised over μ and σ, for a given location (constants dropped).</summary>
    private static double LogNormalProfile(double[] values, double location)
    {
        (double mu, double sigma) = LogMoments(values, location);
        return sigma > 0 ? -mu - Math.Log(sigma) : double.NegativeInfinity;
    }

    /// <summary>The gamma log-likelihood per value, maximised over k and θ, for a given location.</summary>
    private static double GammaProfile(double[] values, double location)
    {
        (double shape, double scale, double meanLog) = GammaEstimate(values, location);
        if (!(shape > 0 && scale > 0 && shape <= MaxGammaShape)) return double.NegativeInfinity;
        return (shape - 1) * meanLog - shape - shape * Math.Log(scale) - SpecialFunctions.GammaLn(shape);
    }

    private static (double Mu, double Sigma) LogMoments(double[] values, double location)
    {
        double sum = 0;
        foreach (double x in values) sum += Math.Log(x - location);
        double mean = sum / values.Length, squares = 0;
        foreach (double x in values)
        {
            double d = Math.Log(x - location) - mean;
            squares += d * d;
        }
        return (mean, Math.Sqrt(squares / values.Length));
    }

    private static (double Shape, double Scale) GammaShapeScale(double[] values, double location)
    {
        (double shape, double scale, _) = GammaEstimate(values, location);
        return (shape, scale);
    }

    /// <summary>Maximum-likelihood k and θ of x − loc: Minka's closed-form start, then Newton on ln k − ψ(k) = ln(mean) − mean(ln).</summary>
    private static (double Shape, double Scale, double MeanLog) GammaEstimate(double[] values, double location)
    {
        double sum = 0, sumLog = 0;
        foreach (double x in values)
        {
            double y = x - location;
            sum += y;
            sumLog += Math.Log(y);
        }
        double mean = sum / values.Length, meanLog = sumLog / values.Length;
        double s = Math.Log(mean) - meanLog;
        if (!(s > 1e-12)) return (double.NaN, double.NaN, meanLog);
        double shape = (3 - s + Math.Sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
        for (int iteration = 0; iteration < 20; iteration++)
        {
            double f = Math.Log(shape) - SpecialFunctions.DiGamma(shape) - s;
            double slope = 1.0 / shape - SpecialMath.Trigamma(shape);
            double next = shape - f / slope;
            if (!(next > 0)) next = shape / 2;
            bool converged = Math.Abs(next - shape) <= 1e-12 * shape;
            shape = next;
            if (converged) break;
        }
        return (shape, mean / shape, meanLog);
    }
}
