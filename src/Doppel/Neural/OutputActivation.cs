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
    private Tensor? _output, _inputGradient;

    public IReadOnlyList<OutputSpan> Spans { get; } = spans;
    public IReadOnlyList<Parameter> Parameters => [];

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = _output = Tensor.Reuse(_output, input.Rows, input.Columns);
        int width = input.Columns;
        DataParallel.RunRows(input.Rows, maxThreads, rng, (_, start, count, noise) =>
        {
            // A shard's rows as one block: spans are a few slots long, so calling vector routines span by span cost
            // more than their arithmetic. The logits over the temperature (with Gumbel noise) and the exponentials
            // are taken over the whole block; maxima, sums and tanh go slot by slot.
            ReadOnlySpan<float> x = input.Data.AsSpan(start * width, count * width);
            Span<float> y = output.Data.AsSpan(start * width, count * width);
            if (gumbelNoise)
            {
                Gumbel(y, width, noise);
                TensorPrimitives.Add(x, y, y);
                TensorPrimitives.Divide(y, temperature, y);
            }
            else TensorPrimitives.Divide(x, temperature, y);
            for (int r = 0; r < count; r++)
            {
                Span<float> row = y.Slice(r * width, width);
                foreach (OutputSpan span in Spans)
                {
                    if (span.Kind != SpanKind.Softmax) continue;
                    // Shifted by the group's maximum, so a small temperature never overflows the exponential.
                    Span<float> group = row.Slice(span.Start, span.Length);
                    float max = group[0];
                    for (int j = 1; j < group.Length; j++) max = MathF.Max(max, group[j]);
                    for (int j = 0; j < group.Length; j++) group[j] -= max;
                }
            }
            TensorPrimitives.Exp(y, y);
            for (int r = 0; r < count; r++)
            {
                Span<float> row = y.Slice(r * width, width);
                ReadOnlySpan<float> source = x.Slice(r * width, width);
                foreach (OutputSpan span in Spans)
                {
                    Span<float> group = row.Slice(span.Start, span.Length);
                    if (span.Kind == SpanKind.Tanh)
                    {
                        for (int j = 0; j < group.Length; j++) group[j] = MathF.Tanh(source[span.Start + j]);
                        continue;
                    }
                    float sum = 0;
                    foreach (float e in group) sum += e;
                    for (int j = 0; j < group.Length; j++) group[j] /= sum;
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

    /// <summary>
    /// Standard Gumbel values −log(−log u) at the softmax slots of every row of <paramref name="block"/> (drawn row by
    /// row, span by span), u uniform on the midpoints of a 2⁻²³ grid (exact in float, never 0 or 1), through
    /// vectorised logarithms over the whole block; tanh slots get a finite placeholder that the caller overwrites.
    /// </summary>
    private void Gumbel(Span<float> block, int width, Rng rng)
    {
        const float unit = 1f / (1 << 23);
        int slots = 0;
        foreach (OutputSpan span in Spans)
            if (span.Kind == SpanKind.Softmax) slots += span.Length;
        // A row's draws at once (the same values, in the same order, as one by one).
        Span<ulong> draws = slots <= 512 ? stackalloc ulong[slots] : new ulong[slots];
        for (int offset = 0; offset < block.Length; offset += width)
        {
            Span<float> row = block.Slice(offset, width);
            rng.Fill(draws);
            int next = 0;
            foreach (OutputSpan span in Spans)
            {
                Span<float> group = row.Slice(span.Start, span.Length);
                if (span.Kind != SpanKind.Softmax)
                {
                    group.Fill(0.5f);
                    continue;
                }
                for (int j = 0; j < group.Length; j++) group[j] = ((uint)(draws[next++] >> 41) + 0.5f) * unit;
            }
        }
        TensorPrimitives.Log(block, block);
        TensorPrimitives.Negate(block, block);
        TensorPrimitives.Log(block, block);
        TensorPrimitives.Negate(block, block);
    }
}
