using System.Numerics.Tensors;
using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>
/// The generator's output layer over spans: tanh for continuous values and Gumbel-softmax
/// softmax((logits + g)/τ), g = −log(−log u), for one-hot groups (τ = 0.2 in CTGAN). With τ = 1 and no noise it is a plain softmax.
/// </summary>
public sealed class OutputActivation(IReadOnlyList<OutputSpan> spans, float temperature, bool gumbelNoise, Rng rng) : ILayer
{
    private Tensor? _output, _inputGradient;

    public IReadOnlyList<OutputSpan> Spans { get; } = spans;
    public IReadOnlyList<Parameter> Parameters => [];

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _output = Tensor.Reuse(_output, input.Rows, input.Columns);
        for (int r = 0; r < input.Rows; r++)
        {
            Span<float> x = input.Row(r), y = _output.Row(r);
            foreach (OutputSpan span in Spans)
            {
                Span<float> source = x.Slice(span.Start, span.Length), target = y.Slice(span.Start, span.Length);
                if (span.Kind == SpanKind.Tanh)
                {
                    TensorPrimitives.Tanh(source, target);
                    continue;
                }
                for (int j = 0; j < span.Length; j++)
                    target[j] = (source[j] + (gumbelNoise ? Gumbel(rng) : 0)) / temperature;
                StableSoftmax.Apply(target, target);
            }
        }
        return _output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Tensor output = _output ?? throw new InvalidOperationException("Backward before Forward.");
        _inputGradient = Tensor.Reuse(_inputGradient, output.Rows, output.Columns);
        for (int r = 0; r < output.Rows; r++)
        {
            Span<float> y = output.Row(r), dy = outputGradient.Row(r), dx = _inputGradient.Row(r);
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
        return _inputGradient;
    }

    private static float Gumbel(Rng rng) => (float)-Math.Log(-Math.Log(rng.NextOpenDouble()));
}
