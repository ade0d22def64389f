using System.Numerics.Tensors;
using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>
/// The generator's output layer over spans: tanh for continuous values and Gumbel-softmax
/// softmax((logits + g)/τ), g = −log(−log u), for one-hot groups (τ = 0.2 in CTGAN). With τ = 1 and no noise it is a plain softmax.
/// The rows are done as <see cref="DataParallel.Shards"/> fixed halves, each with its own generator seeded in order,
/// side by side when <paramref name="maxThreads"/> allows: the same values on any number of threads.
/// </summary>
public sealed class OutputActivation(IReadOnlyList<OutputSpan> spans, float temperature, bool gumbelNoise, Rng rng, int maxThreads = 1) : ILayer
{
    private readonly int _longest = spans.Count == 0 ? 0 : spans.Max(s => s.Length);
    private Tensor? _output, _inputGradient;

    public IReadOnlyList<OutputSpan> Spans { get; } = spans;
    public IReadOnlyList<Parameter> Parameters => [];

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output = Tensor.Reuse(_output, input.Rows, input.Columns);
        DataParallel.RunRows(input.Rows, maxThreads, rng, (_, start, count, noise) =>
        {
            Span<float> gumbel = _longest <= 1024 ? stackalloc float[_longest] : new float[_longest];
            for (int r = start; r < start + count; r++)
            {
                Span<float> x = input.Row(r), y = output.Row(r);
                foreach (OutputSpan span in Spans)
                {
                    Span<float> source = x.Slice(span.Start, span.Length), target = y.Slice(span.Start, span.Length);
                    if (span.Kind == SpanKind.Tanh)
                    {
                        TensorPrimitives.Tanh(source, target);
                        continue;
                    }
                    if (gumbelNoise)
                    {
                        Span<float> g = gumbel[..span.Length];
                        Gumbel(g, noise);
                        TensorPrimitives.Add(source, g, target);
                        TensorPrimitives.Divide(target, temperature, target);
                    }
                    else TensorPrimitives.Divide(source, temperature, target);
                    StableSoftmax.Apply(target, target);
                }
            }
        });
        return output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor output = _output ?? throw new InvalidOperationException("Backward before Forward.");
        Tensor inputGradient = _inputGradient = Tensor.Reuse(_inputGradient, output.Rows, output.Columns);
        // Every row on its own: the same halves as the forward pass, side by side when allowed.
        DataParallel.Run(maxThreads, shard =>
        {
            (int start, int count) = DataParallel.Rows(output.Rows, shard).GetOffsetAndLength(output.Rows);
            for (int r = start; r < start + count; r++) BackwardRow(output.Row(r), outputGradient.Row(r), inputGradient.Row(r));
        });
        return inputGradient;
    }

    private void BackwardRow(Span<float> y, Span<float> dy, Span<float> dx)
    {
        foreach (OutputSpan span in Spans)
        {
            Span<float> ys = y.Slice(span.Start, span.Length), dys = dy.Slice(span.Start, span.Length), dxs = dx.Slice(span.Start, span.Length);
            if (span.Kind == SpanKind.Tanh)
            {
                for (int j = 0; j < span.Length; j++) dxs[j] = dys[j] * (1 - ys[j] * ys[j]);
                continue;
            }
            float dot = TensorPrimitives.Dot(ys, dys);
            for (int j = 0; j < span.Length; j++) dxs[j] = ys[j] * (dys[j] - dot) / temperature;
        }
    }

    /// <summary>Standard Gumbel values −log(−log u), u uniform on the midpoints of a 2⁻²³ grid (exact in float, never 0 or 1), through vectorised logarithms.</summary>
    private static void Gumbel(Span<float> target, Rng rng)
    {
        const float unit = 1f / (1 << 23);
        for (int j = 0; j < target.Length; j++) target[j] = ((uint)(rng.NextUInt64() >> 41) + 0.5f) * unit;
        TensorPrimitives.Log(target, target);
        TensorPrimitives.Negate(target, target);
        TensorPrimitives.Log(target, target);
        TensorPrimitives.Negate(target, target);
    }
}
