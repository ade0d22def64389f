using Doppel.Neural;

namespace Doppel.Synthesizers.Tvae;

/// <summary>Options of the TVAE synthesizer (Xu et al., 2019), with the paper's and SDV's defaults. Immutable; change with <c>with</c>.</summary>
public sealed record TvaeOptions
{
    /// <summary>Passes over the data (default 300).</summary>
    public int Epochs { get; init => field = Positive(value, nameof(Epochs)); } = 300;

    /// <summary>Rows per gradient step (default 500).</summary>
    public int BatchSize { get; init => field = Positive(value, nameof(BatchSize)); } = 500;

    /// <summary>Size of the latent code (default 128).</summary>
    public int EmbeddingDimension { get; init => field = Positive(value, nameof(EmbeddingDimension)); } = 128;

    /// <summary>Hidden layer sizes of the encoder (default 128, 128).</summary>
    public IReadOnlyList<int> CompressDimensions { get; init => field = Layers(value, nameof(CompressDimensions)); } = [128, 128];

    /// <summary>Hidden layer sizes of the decoder (default 128, 128).</summary>
    public IReadOnlyList<int> DecompressDimensions { get; init => field = Layers(value, nameof(DecompressDimensions)); } = [128, 128];

    /// <summary>Weight of the reconstruction loss against the KL divergence (default 2).</summary>
    public double LossFactor { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LossFactor), value, "must be positive."); } = 2;

    /// <summary>L2 weight decay of Adam (default 1e-5).</summary>
    public double WeightDecay { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "must be zero or positive."); } = 1e-5;

    /// <summary>Adam's learning rate (default 1e-3).</summary>
    public double LearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "must be positive."); } = 1e-3;

    /// <summary>
    /// Adam's learning rate under DP-SGD (default 3e-4). DP runs use Adam with the noise taken out of its second moment
    /// (see <see cref="Adam.NoiseVariance"/>), whose steps are larger than plain Adam's; a third of the usual rate
    /// scored best on Adult.
    /// </summary>
    public double PrivateLearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(PrivateLearningRate), value, "must be positive."); } = 3e-4;

    /// <summary>Stop when the epoch loss has not improved by 0.1% for this many epochs (null: run every epoch).</summary>
    public int? EarlyStoppingPatience { get; init => field = value is null ? null : Positive(value.Value, nameof(EarlyStoppingPatience)); }

    /// <summary>Train with DP-SGD under this budget (null: no differential privacy).</summary>
    public PrivacyBudget? Privacy { get; init; }

    /// <summary>
    /// The training multiplies' precision: <see cref="Precision.Float32"/> (the default) or <see cref="Precision.BFloat16"/>,
    /// faster on a CPU with AVX-512 BF16 (see bench/results/neural.md). Sampling always runs in float32.
    /// </summary>
    public Precision Precision { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Precision), value, "is not a precision."); }

    /// <summary>Threads the kernels may use (the result does not depend on it).</summary>
    public int MaxThreads { get; init => field = Positive(value, nameof(MaxThreads)); } = Environment.ProcessorCount;

    internal static int Positive(int value, string name) => value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must be positive.");

    internal static IReadOnlyList<int> Layers(IReadOnlyList<int> value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Count == 0 || value.Any(v => v <= 0)) throw new ArgumentOutOfRangeException(name, "needs at least one layer, each of positive size.");
        return [.. value];
    }
}
