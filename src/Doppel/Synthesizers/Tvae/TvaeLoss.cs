using System.Numerics.Tensors;
using Doppel.Neural;
using Tensor = Doppel.Neural.Tensor;

namespace Doppel.Synthesizers.Tvae;

/// <summary>The decoder's loss and its gradient, by hand.</summary>
internal static class TvaeLoss
{
    /// <summary>
    /// TVAE's reconstruction loss of a batch: per tanh column the Gaussian negative
    /// log-likelihood (x − tanh y)²/2σ² + log σ, per softmax group the cross-entropy with the one-hot target, all times
    /// the loss factor. Writes ∂loss/∂y into <paramref name="gradient"/> and the per-row ∂loss/∂σ into
    /// <paramref name="sigmaGradients"/> (tanh columns only; the others are left as they are); returns the summed loss. Softmax
    /// groups are short, so each row's groups are shifted by their maximum in scalar loops and the exponentials of
    /// the whole chunk are taken in one vector pass; log pᵢ = (zᵢ − max) − log Σ needs one logarithm per group.
    /// </summary>
    public static double Reconstruction(Tensor batch, Tensor reconstruction, ReadOnlySpan<float> sigma, ReadOnlySpan<OutputSpan> spans, float lossFactor, float[] gradient, float[] sigmaGradients)
    {
        int width = batch.Columns, rows = batch.Rows;
        for (int r = 0; r < rows; r++)
        {
            Span<float> y = reconstruction.Row(r), g = gradient.AsSpan(r * width, width);
            g.Clear();
            foreach (OutputSpan span in spans)
            {
                if (span.Kind != SpanKind.Softmax) continue;
                Span<float> logits = y.Slice(span.Start, span.Length), shifted = g.Slice(span.Start, span.Length);
                float max = logits[0];
                for (int j = 1; j < logits.Length; j++) max = Math.Max(max, logits[j]);
                for (int j = 0; j < logits.Length; j++) shifted[j] = logits[j] - max;
            }
        }
        Span<float> exponentials = gradient.AsSpan(0, rows * width);
        TensorPrimitives.Exp(exponentials, exponentials);
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            Span<float> x = batch.Row(r), y = reconstruction.Row(r), g = gradient.AsSpan(r * width, width);
            Span<float> sg = sigmaGradients.AsSpan(r * width, width);
            foreach (OutputSpan span in spans)
            {
                if (span.Kind == SpanKind.Tanh)
                {
                    int j = span.Start;
                    float t = MathF.Tanh(y[j]), s = sigma[j], e = x[j] - t;
                    loss += lossFactor * (e * e / (2 * s * s) + MathF.Log(s));
                    g[j] = lossFactor * (-e / (s * s)) * (1 - t * t);
                    sg[j] = lossFactor * (-e * e / (s * s * s) + 1 / s);
                    continue;
                }
                Span<float> target = x.Slice(span.Start, span.Length), p = g.Slice(span.Start, span.Length), logits = y.Slice(span.Start, span.Length);
                float sum = 0, max = logits[0];
                int label = 0;
                for (int j = 0; j < p.Length; j++)
                {
                    sum += p[j];
                    max = Math.Max(max, logits[j]);
                    if (target[j] > target[label]) label = j;
                }
                loss -= lossFactor * (logits[label] - max - MathF.Log(sum));
                float scale = lossFactor / sum;
                for (int j = 0; j < p.Length; j++) p[j] *= scale;
                p[label] -= lossFactor;
            }
        }
        return loss;
    }
}
