using System.Numerics.Tensors;
using Doppel.Neural;
using Tensor = Doppel.Neural.Tensor;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Tvae;

/// <summary>
/// One TVAE gradient step: encode, reparameterise, decode, the loss's gradient by hand, Adam. Under DP-SGD the
/// backward pass runs twice: once to measure each row's gradient norm, once with each row's loss scaled by its
/// clipping factor; Gaussian noise then goes on the sum.
/// </summary>
internal sealed class TvaeStep(TvaeNetworks networks, IReadOnlyList<OutputSpan> spans, float lossFactor, Adam adam)
{
    private Tensor? _epsilon, _deviation, _latent, _reconstructionGradient, _meanGradient, _logVarianceGradient, _scaledGradient;
    private float[] _sigmaGradients = [], _norms = [];

    /// <summary>Runs one step on <paramref name="batch"/>; returns the batch's mean loss per row.</summary>
    public double Run(Tensor batch, PrivacyPlan? privacy, int expectedBatch, Rng rng)
    {
        int rows = batch.Rows, width = batch.Columns;
        adam.ZeroGradients();
        if (rows == 0)
        {
            if (privacy is not null) DpSgd.NoiseAndAverage(networks.All, privacy.NoiseMultiplier, privacy.Budget.ClipNorm, expectedBatch, rng);
            adam.Step();
            return 0;
        }
        Tensor hidden = networks.EncoderBody!.Forward(batch, true);
        Tensor mean = networks.Mean!.Forward(hidden, true);
        Tensor logVariance = networks.LogVariance!.Forward(hidden, true);
        int embedding = mean.Columns;
        _epsilon = Tensor.Reuse(_epsilon, rows, embedding);
        _deviation = Tensor.Reuse(_deviation, rows, embedding);
        _latent = Tensor.Reuse(_latent, rows, embedding);
        for (int i = 0; i < _epsilon.Data.Length; i++) _epsilon.Data[i] = (float)rng.NextGaussian();
        TensorPrimitives.Multiply(logVariance.Data, 0.5f, _deviation.Data);
        TensorPrimitives.Exp(_deviation.Data, _deviation.Data);
        TensorPrimitives.FusedMultiplyAdd(_epsilon.Data, _deviation.Data, mean.Data, _latent.Data);
        Tensor reconstruction = networks.Decoder.Forward(_latent, true);

        // Per-row gradients of factor·reconstruction + KL (sums over the row), before any averaging.
        _reconstructionGradient = Tensor.Reuse(_reconstructionGradient, rows, width);
        if (_sigmaGradients.Length != rows * width) _sigmaGradients = new float[rows * width];
        Array.Clear(_sigmaGradients);
        double loss = ReconstructionGradient(batch, reconstruction, rows);
        double kl = 0;
        for (int i = 0; i < mean.Data.Length; i++)
            kl += -0.5 * (1 + logVariance.Data[i] - mean.Data[i] * mean.Data[i] - Math.Exp(logVariance.Data[i]));
        loss += kl;

        float[] factors;
        if (privacy is null)
        {
            factors = new float[rows];
            Array.Fill(factors, 1f / rows);
        }
        else
        {
            Backward(mean, logVariance, rows, null);
            if (_norms.Length != rows) _norms = new float[rows];
            Array.Clear(_norms);
            foreach (IPerExampleGradient layer in networks.PerExampleLayers) layer.AddSquaredNorms(_norms);
            for (int r = 0; r < rows; r++) _norms[r] += TensorPrimitives.SumOfSquares(_sigmaGradients.AsSpan(r * width, width));
            DpSgd.ClipFactors(_norms, privacy.Budget.ClipNorm);
            factors = _norms;
            adam.ZeroGradients();
        }
        Backward(mean, logVariance, rows, factors);
        if (privacy is not null) DpSgd.NoiseAndAverage(networks.All, privacy.NoiseMultiplier, privacy.Budget.ClipNorm, expectedBatch, rng);
        adam.Step();
        float[] sigma = networks.Sigma.Value;
        for (int j = 0; j < sigma.Length; j++) sigma[j] = Math.Clamp(sigma[j], 0.01f, 1f);
        return loss / rows;
    }

    /// <summary>Fills the reconstruction gradient and per-row σ gradients; returns factor·Σ reconstruction loss.</summary>
    private double ReconstructionGradient(Tensor batch, Tensor reconstruction, int rows)
    {
        float[] sigma = networks.Sigma.Value;
        int width = batch.Columns;
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            Span<float> x = batch.Row(r), y = reconstruction.Row(r), g = _reconstructionGradient!.Row(r);
            Span<float> sg = _sigmaGradients.AsSpan(r * width, width);
            g.Clear();
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
                Span<float> logits = y.Slice(span.Start, span.Length), target = x.Slice(span.Start, span.Length), gs = g.Slice(span.Start, span.Length);
                StableSoftmax.Apply(logits, gs);
                int label = TensorPrimitives.IndexOfMax(target);
                loss -= lossFactor * Math.Log(Math.Max(gs[label], 1e-30f));
                gs[label] -= 1;
                TensorPrimitives.Multiply(gs, lossFactor, gs);
            }
        }
        return loss;
    }

    /// <summary>Backpropagates every row's loss scaled by <paramref name="factors"/> (null: unscaled) into the parameter gradients.</summary>
    private void Backward(Tensor mean, Tensor logVariance, int rows, float[]? factors)
    {
        Tensor gradient = _reconstructionGradient!;
        if (factors is not null)
        {
            gradient = _scaledGradient = Tensor.Reuse(_scaledGradient is { } h && h.Columns == gradient.Columns ? h : null, rows, gradient.Columns);
            _reconstructionGradient!.Data.CopyTo(gradient.Data, 0);
            DpSgd.ScaleRows(gradient, factors);
        }
        int width = gradient.Columns;
        float[] sigmaGradient = networks.Sigma.Gradient;
        for (int r = 0; r < rows; r++)
            TensorPrimitives.MultiplyAdd(_sigmaGradients.AsSpan(r * width, width), factors?[r] ?? 1f, sigmaGradient, sigmaGradient);
        Tensor latentGradient = networks.Decoder.Backward(gradient);
        int embedding = mean.Columns;
        _meanGradient = Tensor.Reuse(_meanGradient, rows, embedding);
        _logVarianceGradient = Tensor.Reuse(_logVarianceGradient, rows, embedding);
        for (int r = 0; r < rows; r++)
        {
            float f = factors?[r] ?? 1f;
            Span<float> dz = latentGradient.Row(r), mu = mean.Row(r), lv = logVariance.Row(r), eps = _epsilon!.Row(r), sd = _deviation!.Row(r);
            Span<float> dmu = _meanGradient.Row(r), dlv = _logVarianceGradient.Row(r);
            for (int j = 0; j < embedding; j++)
            {
                dmu[j] = dz[j] + f * mu[j];
                dlv[j] = dz[j] * eps[j] * 0.5f * sd[j] + f * 0.5f * (sd[j] * sd[j] - 1);
            }
        }
        Tensor fromMean = networks.Mean!.Backward(_meanGradient);
        Tensor fromLogVariance = networks.LogVariance!.Backward(_logVarianceGradient);
        TensorPrimitives.Add(fromMean.Data, fromLogVariance.Data, fromMean.Data);
        networks.EncoderBody!.Backward(fromMean);
    }
}
