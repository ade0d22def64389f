using Doppel.Data;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Tvae;

/// <summary>
/// TVAE (Xu et al., NeurIPS 2019): a variational autoencoder over mode-normalised, one-hot encoded rows.
/// The decoder's tanh outputs are Gaussian with a learned per-column σ, its one-hot groups categorical;
/// loss = factor·reconstruction + KL, both per row. With <see cref="TvaeOptions.Privacy"/>, trains by DP-SGD.
/// </summary>
public sealed class TvaeSynthesizer(TvaeOptions? options = null) : ISynthesizer
{
    /// <summary>The options this synthesizer fits with.</summary>
    public TvaeOptions Options { get; } = options ?? new TvaeOptions();

    public SynthesizerKind Kind => SynthesizerKind.Tvae;

    public ILearnedModel FitLearned(Table table, Metadata metadata, Rng rng, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(rng);
        progress?.Report(new FitProgress("encoding", 0));
        // The shards hold the cores (DataParallel runs them on the worker team), so each replica's GEMMs run on one thread.
        ITensorKernels kernels = PrecisionKernels.Create(Options.Precision, 1);
        int rowCount = table.RowCount;
        int batchSize = Math.Min(Options.BatchSize, rowCount);
        // Planned before anything is fitted (a budget too small is refused at once); it covers the encoder's noisy
        // statistics as well as the training.
        PrivacyPlan? privacy = Options.Privacy is { } budget
            ? PrivacyPlan.ForModel(budget, metadata, rowCount, batchSize, (long)Options.Epochs * Math.Max(1, (int)Math.Round(rowCount / (double)batchSize)))
            : null;
        TabularEncoder encoder = TabularEncoder.Fit(table, metadata, rng.Fork("encoder"), maxThreads: Options.MaxThreads, privacy: privacy?.Encoder);
        Tensor data = encoder.Encode(table, rng.Fork("encode"), Options.MaxThreads);
        TvaeNetworks[] replicas = [.. Enumerable.Range(0, DataParallel.Shards).Select(_ =>
            new TvaeNetworks(encoder.Width, Options.EmbeddingDimension, Options.CompressDimensions, Options.DecompressDimensions, rng.Fork("init"), kernels, withEncoder: true))];
        TvaeNetworks networks = replicas[0];
        var adam = new Adam(networks.All, (float)(privacy is null ? Options.LearningRate : Options.PrivateLearningRate), 0.9f, 0.999f, (float)Options.WeightDecay)
        {
            MaxThreads = Options.MaxThreads,
            NoiseVariance = (float)(privacy?.AveragedNoiseVariance(batchSize) ?? 0),
        };
        var step = new TvaeStep(replicas, encoder.Spans, (float)Options.LossFactor, adam, Options.MaxThreads);

        Rng batches = rng.Fork("batches"), noise = rng.Fork("noise");
        var stopping = new EarlyStopping(Options.EarlyStoppingPatience);
        long steps = 0;
        bool exhausted = false;
        var losses = new List<EpochLoss>();
        for (int epoch = 0; epoch < Options.Epochs && !exhausted; epoch++)
        {
            double lossSum = 0;
            int lossCount = 0;
            foreach (int[] rows in BatchPlan.Epoch(data.Rows, batchSize, privacy, batches))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (privacy is not null && steps >= privacy.MaxSteps) { exhausted = true; break; }
                lossSum += step.Run(data, rows, privacy, batchSize, noise) * rows.Length;
                lossCount += rows.Length;
                steps++;
            }
            double loss = lossCount == 0 ? 0 : lossSum / lossCount;
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"TVAE training diverged in epoch {epoch + 1} (the loss is not finite); lower the learning rate or scale extreme values.");
            // An epoch the budget cut short keeps the mean of the steps it ran; one it cut before any step has no loss.
            if (lossCount > 0) losses.Add(new EpochLoss(epoch + 1, loss));
            string spent = privacy is null ? "" : $", ε spent {privacy.Spent(steps):F3} of {privacy.Budget.Epsilon}";
            progress?.Report(new FitProgress(exhausted ? $"privacy budget spent after {epoch} epochs ({steps} steps); training stopped" : $"epoch {epoch + 1}/{Options.Epochs}, loss {loss:F4}{spent}", (epoch + 1.0) / Options.Epochs));
            if (stopping.ShouldStop(loss))
            {
                progress?.Report(new FitProgress($"loss has not improved for {Options.EarlyStoppingPatience} epochs; stopped after {epoch + 1} of {Options.Epochs}", 1));
                break;
            }
        }
        return new TvaeModel(metadata, encoder, networks, Options, privacy?.Report(steps, exhausted)) { Losses = losses };
    }
}
