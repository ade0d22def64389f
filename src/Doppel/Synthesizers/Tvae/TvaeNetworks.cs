using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Tvae;

/// <summary>TVAE's networks: encoder Linear→ReLU per compress layer then the mean and log-variance heads (one layer); decoder Linear→ReLU per decompress layer then Linear to the data, plus a per-column σ.</summary>
internal sealed class TvaeNetworks
{
    public TvaeNetworks(int dataWidth, int embedding, IReadOnlyList<int> compress, IReadOnlyList<int> decompress, Rng rng, ITensorKernels kernels, bool withEncoder)
    {
        var layers = new List<ILayer>();
        int width = dataWidth;
        if (withEncoder)
        {
            for (int i = 0; i < compress.Count; i++)
            {
                layers.Add(new Linear(width, compress[i], rng.Fork($"encoder.{i}"), kernels, $"encoder.{i}") { PropagatesToInput = i > 0, SparseInputsFrom = i == 0 ? 0 : null });
                layers.Add(new Activation(ActivationKind.Relu));
                width = compress[i];
            }
            EncoderBody = new Sequential(layers);
            // The mean and log-variance heads as one layer (one GEMM each way instead of two): outputs [μ, log σ²].
            Heads = new Linear(width, 2 * embedding, rng.Fork("encoder.heads"), kernels, "encoder.heads") { PropagatesToInput = compress.Count > 0 };
        }
        layers = [];
        width = embedding;
        for (int i = 0; i < decompress.Count; i++)
        {
            layers.Add(new Linear(width, decompress[i], rng.Fork($"decoder.{i}"), kernels, $"decoder.{i}"));
            layers.Add(new Activation(ActivationKind.Relu));
            width = decompress[i];
        }
        layers.Add(new Linear(width, dataWidth, rng.Fork("decoder.out"), kernels, "decoder.out"));
        Decoder = new Sequential(layers);
        Sigma = new Parameter("decoder.sigma", dataWidth);
        Array.Fill(Sigma.Value, 0.1f);
    }

    public Sequential? EncoderBody { get; }
    /// <summary>The encoder's two heads side by side: columns [0, embedding) are the mean, the rest the log-variance.</summary>
    public Linear? Heads { get; }
    public Sequential Decoder { get; }
    public Parameter Sigma { get; }

    /// <summary>What sampling needs and the model file stores: the decoder's weights, then σ.</summary>
    public IReadOnlyList<Parameter> DecoderParameters => [.. Decoder.Parameters, Sigma];

    public IReadOnlyList<Parameter> All => [.. EncoderBody!.Parameters, .. Heads!.Parameters, .. DecoderParameters];

    public IEnumerable<IPerExampleGradient> PerExampleLayers =>
        [.. EncoderBody!.PerExampleLayers(), Heads!, .. Decoder.PerExampleLayers()];
}
