using Doppel.Neural;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>Options of the CTGAN synthesizer (Xu et al., 2019), with the paper's and SDV's defaults. Immutable; change with <c>with</c>.</summary>
public sealed record CtganOptions
{
    /// <summary>Passes over the data (default 300).</summary>
    public int Epochs { get; init => field = TvaeOptions.Positive(value, nameof(Epochs)); } = 300;

    /// <summary>Rows per step (default 500; rounded down to a multiple of <see cref="Pac"/>, see <see cref="Packing"/>).</summary>
    public int BatchSize { get; init => field = TvaeOptions.Positive(value, nameof(BatchSize)); } = 500;

    /// <summary>Size of the generator's noise input (default 128).</summary>
    public int EmbeddingDimension { get; init => field = TvaeOptions.Positive(value, nameof(EmbeddingDimension)); } = 128;

    /// <summary>Residual layer sizes of the generator (default 256, 256).</summary>
    public IReadOnlyList<int> GeneratorDimensions { get; init => field = TvaeOptions.Layers(value, nameof(GeneratorDimensions)); } = [256, 256];

    /// <summary>Hidden layer sizes of the discriminator (default 256, 256).</summary>
    public IReadOnlyList<int> DiscriminatorDimensions { get; init => field = TvaeOptions.Layers(value, nameof(DiscriminatorDimensions)); } = [256, 256];

    /// <summary>Rows the discriminator judges together (PacGAN; default 10).</summary>
    public int Pac { get; init => field = TvaeOptions.Positive(value, nameof(Pac)); } = 10;

    /// <summary>Adam learning rate of both networks (default 2e-4; betas 0.5, 0.9).</summary>
    public double LearningRate { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "must be positive."); } = 2e-4;

    /// <summary>L2 weight decay of both networks (default 1e-6).</summary>
    public double WeightDecay { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "must be zero or positive."); } = 1e-6;

    /// <summary>The generator's own learning rate (SDV's generator_lr); null: <see cref="LearningRate"/>.</summary>
    public double? GeneratorLearningRate { get; init => field = value is null or > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(GeneratorLearningRate), value, "must be positive."); }

    /// <summary>The discriminator's own learning rate (SDV's discriminator_lr); null: <see cref="LearningRate"/>.</summary>
    public double? DiscriminatorLearningRate { get; init => field = value is null or > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(DiscriminatorLearningRate), value, "must be positive."); }

    /// <summary>The generator's own weight decay (SDV's generator_decay); null: <see cref="WeightDecay"/>.</summary>
    public double? GeneratorWeightDecay { get; init => field = value is null or >= 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(GeneratorWeightDecay), value, "must be zero or positive."); }

    /// <summary>The discriminator's own weight decay (SDV's discriminator_decay); null: <see cref="WeightDecay"/>.</summary>
    public double? DiscriminatorWeightDecay { get; init => field = value is null or >= 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(DiscriminatorWeightDecay), value, "must be zero or positive."); }

    /// <summary>
    /// Training-by-sampling draws each step's conditions by the log of each category's frequency (true, the paper's and
    /// SDV's default: rare categories are trained more often than they occur) or by its frequency (false).
    /// </summary>
    public bool LogFrequency { get; init; } = true;

    /// <summary>Discriminator steps per generator step (default 1).</summary>
    public int DiscriminatorSteps { get; init => field = TvaeOptions.Positive(value, nameof(DiscriminatorSteps)); } = 1;

    /// <summary>Weight of the WGAN-GP gradient penalty (default 10).</summary>
    public double GradientPenalty { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(GradientPenalty), value, "must be zero or positive."); } = 10;

    /// <summary>Stop when the generator loss has not improved by 0.1% for this many epochs (null: run every epoch).</summary>
    public int? EarlyStoppingPatience { get; init => field = value is null ? null : TvaeOptions.Positive(value.Value, nameof(EarlyStoppingPatience)); }

    /// <summary>Train the discriminator (the only network that sees real rows) with DP-SGD under this budget (null: no differential privacy).</summary>
    public PrivacyBudget? Privacy { get; init; }

    /// <summary>
    /// The pack size and the rows per step on a table of <paramref name="rows"/> rows: <see cref="Pac"/> and
    /// <see cref="BatchSize"/>, each at most the table, the batch rounded down to whole packs (at least one).
    /// </summary>
    public (int Pac, int BatchSize) Packing(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        int pac = Math.Min(Pac, rows);
        return (pac, Math.Max(pac, Math.Min(BatchSize, rows) / pac * pac));
    }

    /// <summary>
    /// The training multiplies' precision: <see cref="Precision.Float32"/> (the default) or <see cref="Precision.BFloat16"/>,
    /// faster on a CPU with AVX-512 BF16 (see bench/results/neural.md). Sampling always runs in float32.
    /// </summary>
    public Precision Precision { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Precision), value, "is not a precision."); }

    /// <summary>Threads the kernels may use (the result does not depend on it).</summary>
    public int MaxThreads { get; init => field = TvaeOptions.Positive(value, nameof(MaxThreads)); } = Environment.ProcessorCount;
}
