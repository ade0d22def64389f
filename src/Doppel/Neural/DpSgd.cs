using System.Numerics.Tensors;
using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>
/// The pieces of DP-SGD (Abadi et al., 2016): Poisson sampling of each batch, per-example clipping factors
/// from per-example gradient norms, and Gaussian noise on the summed clipped gradient.
/// </summary>
public static class DpSgd
{
    /// <summary>Rows of one Poisson-sampled batch: each row joins independently with probability <paramref name="rate"/>.</summary>
    public static int[] PoissonBatch(int rows, double rate, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var batch = new List<int>((int)(rows * rate * 1.2) + 8);
        for (int i = 0; i < rows; i++) if (rng.NextDouble() < rate) batch.Add(i);
        return [.. batch];
    }

    /// <summary>min(1, C/‖gᵢ‖) per example, from squared norms (in place).</summary>
    public static void ClipFactors(Span<float> squaredNorms, double clipNorm)
    {
        for (int i = 0; i < squaredNorms.Length; i++)
        {
            double norm = Math.Sqrt(Math.Max(0, squaredNorms[i]));
            squaredNorms[i] = norm > clipNorm ? (float)(clipNorm / norm) : 1f;
        }
    }

    /// <summary>Multiplies row i of <paramref name="gradient"/> by <paramref name="factors"/>[i].</summary>
    public static void ScaleRows(Tensor gradient, ReadOnlySpan<float> factors)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        for (int r = 0; r < gradient.Rows; r++) TensorPrimitives.Multiply(gradient.Row(r), factors[r], gradient.Row(r));
    }

    /// <summary>Adds N(0, (σ·C)²) to every gradient value, then divides by the expected batch size.</summary>
    public static void NoiseAndAverage(IEnumerable<Parameter> parameters, double noiseMultiplier, double clipNorm, double expectedBatch, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rng);
        double deviation = noiseMultiplier * clipNorm;
        float scale = (float)(1 / expectedBatch);
        foreach (Parameter p in parameters)
        {
            float[] g = p.Gradient;
            for (int i = 0; i < g.Length; i++) g[i] = (float)((g[i] + deviation * rng.NextGaussian()) * scale);
        }
    }
}
