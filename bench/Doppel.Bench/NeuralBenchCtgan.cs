using Doppel.Neural;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Ctgan;

namespace Doppel.Bench;

/// <summary>Builds the CTGAN runs of the neural benchmark.</summary>
internal static class NeuralBenchCtgan
{
    public static ISynthesizer Create(string name, int epochs, PrivacyBudget? privacy, Precision precision) => name switch
    {
        "ctgan" => new CtganSynthesizer(new CtganOptions { Epochs = epochs, Privacy = privacy, Precision = precision }),
        _ => throw new ArgumentException($"Unknown run '{name}': use tvae or ctgan, optionally with -dp1 or -dp10, -lists and -bf16."),
    };
}
