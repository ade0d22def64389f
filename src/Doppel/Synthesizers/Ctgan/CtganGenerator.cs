using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>CTGAN's generator: residual blocks (each appends its ReLU(BN(Linear)) output to its input), then a Linear to the encoded width.</summary>
internal static class CtganGenerator
{
    public static Sequential Create(int inputs, IReadOnlyList<int> hidden, int outputs, Rng rng, ITensorKernels kernels)
    {
        var layers = new List<ILayer>();
        int width = inputs;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(new Residual(width, hidden[i], rng.Fork($"generator.{i}"), kernels, $"generator.{i}", propagatesToInput: i > 0));
            width += hidden[i];
        }
        layers.Add(new Linear(width, outputs, rng.Fork("generator.out"), kernels, "generator.out"));
        return new Sequential(layers);
    }

    /// <summary>What the model file stores: trained parameters, then batch-norm running statistics.</summary>
    public static IReadOnlyList<Parameter> Saved(Sequential generator) => [.. generator.Parameters, .. generator.State];
}
