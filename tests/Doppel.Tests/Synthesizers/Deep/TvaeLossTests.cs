using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Tests.Synthesizers.Deep;

public class TvaeLossTests
{
    private static readonly OutputSpan[] Spans =
        [new(0, 1, SpanKind.Tanh), new(1, 3, SpanKind.Softmax), new(4, 1, SpanKind.Tanh), new(5, 2, SpanKind.Softmax), new(7, 5, SpanKind.Softmax)];
    private const int Width = 12, Rows = 4;
    private const float Factor = 2;

    [Fact]
    public void Loss_matches_the_definition_and_its_gradients_match_finite_differences()
    {
        var rng = new Rng(9);
        Tensor target = Target(rng);
        var reconstruction = new Tensor(Rows, Width);
        for (int i = 0; i < reconstruction.Data.Length; i++) reconstruction.Data[i] = (float)(rng.NextDouble() * 6 - 3);
        float[] sigma = [.. Enumerable.Range(0, Width).Select(_ => (float)(0.2 + rng.NextDouble() * 0.6))];
        var gradient = new float[Rows * Width];
        var sigmaGradients = new float[Rows * Width];

        double loss = TvaeLoss.Reconstruction(target, reconstruction, sigma, Spans, Factor, gradient, sigmaGradients);

        loss.ShouldBe(Reference(target, [.. reconstruction.Data.Select(v => (double)v)], sigma), 1e-4);
        const double h = 1e-3;
        for (int i = 0; i < reconstruction.Data.Length; i++)
        {
            double[] plus = [.. reconstruction.Data.Select(v => (double)v)], minus = [.. plus];
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Reference(target, plus, sigma) - Reference(target, minus, sigma)) / (2 * h);
            ((double)gradient[i]).ShouldBe(numeric, 1e-3, $"∂loss/∂y at {i}");
        }
        foreach (OutputSpan span in Spans.Where(s => s.Kind == SpanKind.Tanh))
        {
            float[] up = [.. sigma], down = [.. sigma];
            up[span.Start] += (float)h;
            down[span.Start] -= (float)h;
            double[] values = [.. reconstruction.Data.Select(v => (double)v)];
            double numeric = (Reference(target, values, up) - Reference(target, values, down)) / (up[span.Start] - down[span.Start]);
            double analytic = Enumerable.Range(0, Rows).Sum(r => (double)sigmaGradients[r * Width + span.Start]);
            analytic.ShouldBe(numeric, 2e-3 * Math.Max(1, Math.Abs(numeric)), $"∂loss/∂σ at {span.Start}");
        }
    }

    [Fact]
    public void Extreme_logits_give_finite_loss_and_gradients()
    {
        Tensor target = Target(new Rng(2));
        var reconstruction = new Tensor(Rows, Width);
        for (int i = 0; i < reconstruction.Data.Length; i++) reconstruction.Data[i] = i % 2 == 0 ? 500f : -500f;
        var gradient = new float[Rows * Width];
        double loss = TvaeLoss.Reconstruction(target, reconstruction, Enumerable.Repeat(0.1f, Width).ToArray(), Spans, Factor, gradient, new float[Rows * Width]);
        double.IsFinite(loss).ShouldBeTrue();
        gradient.ShouldAllBe(g => float.IsFinite(g));
    }

    private static Tensor Target(Rng rng)
    {
        var target = new Tensor(Rows, Width);
        for (int r = 0; r < Rows; r++)
            foreach (OutputSpan span in Spans)
            {
                if (span.Kind == SpanKind.Tanh) target.Row(r)[span.Start] = (float)(rng.NextDouble() * 1.8 - 0.9);
                else target.Row(r)[span.Start + rng.NextInt(span.Length)] = 1;
            }
        return target;
    }

    /// <summary>The loss written out in double precision, one term at a time.</summary>
    private static double Reference(Tensor target, double[] y, float[] sigma)
    {
        double loss = 0;
        for (int r = 0; r < Rows; r++)
            foreach (OutputSpan span in Spans)
            {
                int o = r * Width + span.Start;
                if (span.Kind == SpanKind.Tanh)
                {
                    double s = sigma[span.Start], e = target.Data[o] - Math.Tanh(y[o]);
                    loss += Factor * (e * e / (2 * s * s) + Math.Log(s));
                    continue;
                }
                double max = Enumerable.Range(0, span.Length).Max(j => y[o + j]);
                double sum = Enumerable.Range(0, span.Length).Sum(j => Math.Exp(y[o + j] - max));
                int label = Enumerable.Range(0, span.Length).First(j => target.Data[o + j] == 1);
                loss -= Factor * (y[o + label] - max - Math.Log(sum));
            }
        return loss;
    }
}
