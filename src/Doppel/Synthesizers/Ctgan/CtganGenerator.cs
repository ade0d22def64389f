using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>
/// CTGAN's generator: residual blocks (each appends its ReLU(BN(Linear)) output to its input), then a Linear to the
/// encoded width. The generator's input (noise, then the one-hot condition) is carried to the end of every block's
/// input, so every layer multiplies the condition by its nonzero entry only and computes no input gradient for
/// the noise or the condition.
/// </summary>
internal static class CtganGenerator
{
    /// <summary>The generator for <paramref name="inputs"/> columns of noise then condition, the last <paramref name="conditionWidth"/> of them the one-hot condition.</summary>
    public static Sequential Create(int inputs, int conditionWidth, IReadOnlyList<int> hidden, int outputs, Rng rng, ITensorKernels kernels)
    {
        var layers = new List<ILayer>();
        int width = inputs;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(new Residual(width, hidden[i], rng.Fork($"generator.{i}"), kernels, $"generator.{i}", propagatesToInput: i > 0,
                sparseInputsFrom: width - conditionWidth, inputGradientColumns: i > 0 ? width - inputs : null));
            width += hidden[i];
        }
        layers.Add(new Linear(width, outputs, rng.Fork("generator.out"), kernels, "generator.out")
        {
            SparseInputsFrom = width - conditionWidth,
            InputGradientColumns = width - inputs,
        });
        return new Sequential(layers);
    }

    /// <summary>What the model file stores: trained parameters, then batch-norm running statistics.</summary>
    public static IReadOnlyList<Parameter> Saved(Sequential generator) => [.. generator.Parameters, .. generator.State];
}
