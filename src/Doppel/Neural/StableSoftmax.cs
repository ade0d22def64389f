using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>Softmax that subtracts the maximum first, so large logits (e.g. divided by a small Gumbel temperature) never overflow to NaN.</summary>
public static class StableSoftmax
{
    public static void Apply(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        float sum = TensorPrimitives.Sum(probabilities);
        TensorPrimitives.Divide(probabilities, sum, probabilities);
    }
}
