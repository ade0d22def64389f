using System.Numerics.Tensors;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Transforms;
using Tensor = Doppel.Neural.Tensor;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>CTGAN's alternating steps: the critic (WGAN-GP over packs, optionally DP-SGD) and the conditional generator (critic score plus the cross-entropy that makes it honour its condition).</summary>
internal sealed class CtganTrainer
{
    private const float GumbelTemperature = 0.2f;
    private readonly CtganOptions _options;
    private readonly TabularEncoder _encoder;
    private readonly ConditionSampler _conditions;
    private readonly Tensor _data;
    private readonly int _pac, _batch, _width, _conditionWidth, _embedding;
    private readonly CtganDiscriminator _critic;
    private readonly OutputActivation _activation;
    private readonly ITensorKernels _kernels;
    private readonly Adam _generatorOptimizer;
    private Adam _criticOptimizer;
    private readonly Rng _noise, _draws, _gumbel, _privacyNoise;
    private readonly int[] _columns, _slots;
    private int[] _realRows = [];
    private int[][] _groups = [];
    private double[] _rowLosses = [];
    private readonly int _widestCondition;
    // Batch-sized buffers reused across steps: half a megabyte each, they would otherwise land on the large-object heap every step.
    private Tensor? _pendingFake, _logits, _bothPacks, _fakePacks, _mixedPacks, _real, _joined, _noiseInput, _activatedGradient;

    public CtganTrainer(CtganOptions options, TabularEncoder encoder, ConditionSampler conditions, Tensor data, int pac, int batch, Rng rng, ITensorKernels kernels)
    {
        _options = options;
        _encoder = encoder;
        _conditions = conditions;
        _data = data;
        _pac = pac;
        _batch = batch;
        _width = encoder.Width;
        _conditionWidth = conditions.Width;
        _embedding = options.EmbeddingDimension;
        _kernels = kernels;
        Generator = CtganGenerator.Create(_embedding + _conditionWidth, _conditionWidth, options.GeneratorDimensions, _width, rng.Fork("generator"), kernels);
        // Packs hold their rows' data, then their conditions (see Packs): the conditions are one-hot, so the critic's first layer multiplies their nonzeros only.
        _critic = new CtganDiscriminator((_width + _conditionWidth) * pac, options.DiscriminatorDimensions, rng.Fork("critic"), kernels, sparseInputsFrom: _width * pac);
        _gumbel = rng.Fork("gumbel");
        _activation = new OutputActivation(encoder.Spans, GumbelTemperature, gumbelNoise: true, _gumbel, options.MaxThreads);
        _generatorOptimizer = Optimizer(Generator.Parameters, options.GeneratorLearningRate, options.GeneratorWeightDecay, noiseVariance: 0);
        _criticOptimizer = Optimizer(_critic.Parameters, options.DiscriminatorLearningRate, options.DiscriminatorWeightDecay, noiseVariance: 0);
        _noise = rng.Fork("noise");
        _draws = rng.Fork("draws");
        _privacyNoise = rng.Fork("privacy");
        _columns = new int[batch];
        _slots = new int[batch];
        _widestCondition = _conditionWidth == 0 ? 0 : encoder.DiscreteColumns.Max(c => c.Width);
    }

    public Sequential Generator { get; }

    /// <summary>Set for DP-SGD training of the critic, before the first step.</summary>
    public PrivacyPlan? Privacy
    {
        get;
        set
        {
            field = value;
            if (value is null) return;
            // Fixed packs of rows are the units Poisson sampling picks, so one person is in exactly one pack.
            int[] order = [.. Enumerable.Range(0, _data.Rows)];
            Rng shuffle = _draws.Fork("packs");
            for (int i = order.Length - 1; i > 0; i--) { int j = shuffle.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
            _groups = [.. order.Chunk(_pac).Where(g => g.Length == _pac)];
            // The critic's Adam takes the noise out of its second moment (DP-AdamBC): over two seeds at ε ≈ 10, 30
            // epochs, quality 0.79/0.76 became 0.81/0.78. (A smaller rate, which DP-TVAE needs, scored lower here.)
            _criticOptimizer = Optimizer(_critic.Parameters, _options.DiscriminatorLearningRate, _options.DiscriminatorWeightDecay, value.AveragedNoiseVariance(Math.Max(value.SamplingRate * _groups.Length, 1)));
        }
    }

    /// <summary>
    /// CTGAN's Adam (betas 0.5 and 0.9) at a network's own rate and decay, else the shared ones; a nonzero
    /// <paramref name="noiseVariance"/> takes DP-SGD's noise out of its second moment. Its steps leave the gradients
    /// at zero (the networks' gradients start at zero), so the training steps never clear them themselves.
    /// </summary>
    private Adam Optimizer(IEnumerable<Parameter> parameters, double? learningRate, double? weightDecay, double noiseVariance) =>
        new(parameters, (float)(learningRate ?? _options.LearningRate), 0.5f, 0.9f, (float)(weightDecay ?? _options.WeightDecay))
        {
            MaxThreads = _options.MaxThreads,
            NoiseVariance = (float)noiseVariance,
            ClearsGradients = true,
        };

    /// <summary>Critic updates so far (what the privacy accountant counts).</summary>
    public long CriticSteps { get; private set; }

    /// <summary>One critic update; returns its loss.</summary>
    public double CriticStep()
    {
        CriticSteps++;
        if (Privacy is not null) return PrivateCriticStep(Privacy);
        Tensor fake = GenerateWithConditions(_batch, logFrequency: _options.LogFrequency);
        _pendingFake = fake;
        Tensor real = _real = Tensor.Reuse(_real, _batch, _width + _conditionWidth);
        int[] permutation = Permutation(_batch);
        // The rows are drawn in order (one generator), then copied side by side.
        if (_realRows.Length != _batch) _realRows = new int[_batch];
        int[] realRows = _realRows;
        for (int i = 0; i < _batch; i++)
        {
            int source = permutation[i];
            realRows[i] = _conditionWidth == 0 ? _draws.NextInt(_data.Rows) : _conditions.RowWith(_columns[source], _slots[source], _draws);
        }
        int packs = _batch / _pac;
        _kernels.ForRows(_batch, real.Columns, (start, count) =>
        {
            for (int i = start; i < start + count; i++)
            {
                _data.Row(realRows[i]).CopyTo(real.Row(i));
                fake.Row(permutation[i]).Slice(_width).CopyTo(real.Row(i).Slice(_width));
            }
        });
        // Real and fake packs go through the critic as one batch (one pass of each GEMM instead of two).
        Tensor both = _bothPacks = Tensor.Reuse(_bothPacks, 2 * packs, real.Columns * _pac);
        Packs(real, both, 0);
        Packs(fake, both, packs);
        Tensor scores = _critic.Forward(both);
        double realScore = TensorPrimitives.Sum(scores.Data.AsSpan(0, packs)), fakeScore = TensorPrimitives.Sum(scores.Data.AsSpan(packs, packs));
        var weights = new Tensor(2 * packs, 1);
        weights.Data.AsSpan(0, packs).Fill(-1f / packs);
        weights.Data.AsSpan(packs).Fill(1f / packs);
        _critic.Backward(weights);
        double penalty = _critic.GradientPenalty(Interpolate(real, fake, packs), (float)_options.GradientPenalty, averaged: true);
        _criticOptimizer.Step();
        return -(realScore - fakeScore) / packs + penalty;
    }

    /// <summary>
    /// One generator update; returns its loss. It reuses the batch the critic step just generated (same generator
    /// weights, so the same distribution; the generator's forward pass is kept for its backward pass) instead of
    /// generating a fresh one, as the common GAN training loops do: half the generator's forward arithmetic.
    /// After a private critic step (a Poisson-sized batch) it generates its own.
    /// </summary>
    public double GeneratorStep()
    {
        Tensor joined = _pendingFake ?? GenerateWithConditions(_batch, logFrequency: _options.LogFrequency);
        _pendingFake = null;
        Tensor logits = _logits!;
        int packs = _batch / _pac;
        Tensor scores = _critic.Forward(_fakePacks = Packs(joined, _fakePacks));
        double score = scores.Data.Sum();
        var gradient = new Tensor(packs, 1);
        Array.Fill(gradient.Data, -1f / packs);
        Tensor criticInput = _critic.BackwardToInput(gradient);
        Tensor activatedGradient = _activatedGradient = Tensor.Reuse(_activatedGradient, _batch, _width);
        _kernels.ForRows(_batch, _width, (start, count) =>
        {
            for (int r = start; r < start + count; r++) criticInput.Row(r / _pac).Slice(r % _pac * _width, _width).CopyTo(activatedGradient.Row(r));
        });
        Tensor logitGradient = _activation.Backward(activatedGradient);
        double crossEntropy = ConditionLoss(logits, logitGradient);
        Generator.Backward(logitGradient);
        _generatorOptimizer.Step();
        return -score / packs + crossEntropy;
    }

    /// <summary>Cross-entropy between each row's generated logits of its conditioned column and the conditioned slot, averaged over rows; adds its gradient.</summary>
    private double ConditionLoss(Tensor logits, Tensor gradient)
    {
        if (_conditionWidth == 0) return 0;
        if (_rowLosses.Length < _batch) _rowLosses = new double[_batch];
        double[] rowLosses = _rowLosses;
        int widest = _widestCondition;
        // Rows side by side (each writes its own gradient row and loss), the losses then summed in row order.
        _kernels.ForRows(_batch, _width, (start, count) =>
        {
            Span<float> buffer = widest <= 1024 ? stackalloc float[widest] : new float[widest];
            for (int r = start; r < start + count; r++)
            {
                DiscreteSpan span = _conditions.Column(_columns[r]);
                Span<float> z = logits.Row(r).Slice(span.Start, span.Width), g = gradient.Row(r).Slice(span.Start, span.Width);
                Span<float> p = buffer[..span.Width];
                StableSoftmax.Apply(z, p);
                rowLosses[r] = Math.Log(Math.Max(p[_slots[r]], 1e-30f));
                p[_slots[r]] -= 1;
                TensorPrimitives.MultiplyAdd(p, 1f / _batch, g, g);
            }
        });
        double loss = 0;
        for (int r = 0; r < _batch; r++) loss -= rowLosses[r];
        return loss / _batch;
    }

    private double PrivateCriticStep(PrivacyPlan privacy)
    {
        int[] packsChosen = [.. Enumerable.Range(0, _groups.Length).Where(_ => _draws.NextDouble() < privacy.SamplingRate)];
        double expectedPacks = privacy.SamplingRate * _groups.Length;
        int packs = packsChosen.Length;
        double loss = 0;
        if (packs > 0)
        {
            int rows = packs * _pac;
            var real = new Tensor(rows, _width + _conditionWidth);
            for (int p = 0; p < packs; p++)
                for (int k = 0; k < _pac; k++)
                {
                    int row = _groups[packsChosen[p]][k];
                    Span<float> target = real.Row(p * _pac + k);
                    _data.Row(row).CopyTo(target);
                    // The real row's own category of a random discrete column is its condition: nothing outside the row is used.
                    if (_conditionWidth > 0)
                    {
                        int column = _draws.NextInt(_conditions.ColumnCount);
                        DiscreteSpan span = _conditions.Column(column);
                        int slot = TensorPrimitives.IndexOfMax(target.Slice(span.Start, span.Width));
                        target[_width + _conditions.Offset(column) + slot] = 1;
                    }
                }
            Tensor fake = GenerateWithConditions(rows, logFrequency: _options.LogFrequency);
            double clip = privacy.Budget.ClipNorm / 2;
            // Real and fake terms each clipped per pack to C/2 (the fake one only for balance: it holds no real row),
            // the penalty to C/2 as well, so one pack moves the critic's gradient by at most C.
            double realScore = ClippedScore(Packs(real, null), -1f, clip);
            double fakeScore = ClippedScore(Packs(fake, null), 1f, clip);
            var norms = new float[packs];
            double penalty = _critic.GradientPenalty(Interpolate(real, fake, packs), (float)_options.GradientPenalty, averaged: false, norms, clip);
            loss = -(realScore - fakeScore) / packs + penalty;
        }
        DpSgd.NoiseAndAverage(_critic.Parameters, privacy.NoiseMultiplier, privacy.Budget.ClipNorm, Math.Max(expectedPacks, 1), _privacyNoise);
        _criticOptimizer.Step();
        return loss;
    }

    /// <summary>
    /// Runs the critic on packs and backpropagates <paramref name="weight"/> per pack, each pack's gradient clipped to
    /// <paramref name="clip"/>: a first backward pass measures the per-pack norms (the gradients it adds are put back).
    /// </summary>
    private double ClippedScore(Tensor packs, float weight, double clip)
    {
        Tensor scores = _critic.Forward(packs);
        double sum = scores.Data.Sum();
        float[][] saved = [.. _critic.Parameters.Select(p => (float[])p.Gradient.Clone())];
        var gradient = new Tensor(packs.Rows, 1);
        Array.Fill(gradient.Data, weight);
        _critic.Backward(gradient);
        var norms = new float[packs.Rows];
        _critic.AddSquaredNorms(norms);
        DpSgd.ClipFactors(norms, clip);
        for (int i = 0; i < saved.Length; i++) saved[i].CopyTo(_critic.Parameters[i].Gradient, 0);
        for (int p = 0; p < packs.Rows; p++) gradient.Data[p] = weight * norms[p];
        _critic.Backward(gradient);
        return sum;
    }

    /// <summary>Generated rows (activated) followed by their conditional vectors; remembers each row's (column, slot).</summary>
    private Tensor GenerateWithConditions(int rows, bool logFrequency)
    {
        Tensor input = NoiseAndConditions(rows, logFrequency);
        _logits = Generator.Forward(input, training: true);
        Tensor activated = _activation.Forward(_logits, training: true);
        Tensor joined = _joined = Tensor.Reuse(_joined, rows, _width + _conditionWidth);
        _kernels.ForRows(rows, joined.Columns, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
            {
                activated.Row(r).CopyTo(joined.Row(r));
                input.Row(r).Slice(_embedding).CopyTo(joined.Row(r).Slice(_width));
            }
        });
        return joined;
    }

    private Tensor NoiseAndConditions(int rows, bool logFrequency)
    {
        Tensor input = _noiseInput = Tensor.Reuse(_noiseInput, rows, _embedding + _conditionWidth);
        // The noise: fixed halves of the rows, each from its own generator seeded in order, side by side.
        DataParallel.RunRows(rows, _options.MaxThreads, _noise, (_, start, count, noise) =>
        {
            for (int i = start * input.Columns; i < (start + count) * input.Columns; i += input.Columns)
                GaussianFill.Fill(noise, input.Data.AsSpan(i, _embedding));
        });
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = input.Row(r);
            if (_conditionWidth == 0 || r >= _columns.Length) continue;
            (_columns[r], _slots[r]) = _conditions.Draw(row.Slice(_embedding), _draws, logFrequency);
        }
        if (rows > _columns.Length && _conditionWidth > 0)
            for (int r = _columns.Length; r < rows; r++) _conditions.Draw(input.Row(r).Slice(_embedding), _draws, logFrequency);
        return input;
    }

    /// <summary>The packs of α·real + (1 − α)·fake, one α per pack (the gradient penalty's points), mixed straight into the packs' layout.</summary>
    private Tensor Interpolate(Tensor real, Tensor fake, int packs)
    {
        Tensor mixed = _mixedPacks = Tensor.Reuse(_mixedPacks, packs, real.Columns * _pac);
        // One weight per pack, drawn in order, then the rows mixed side by side.
        float[] alphas = new float[packs];
        for (int p = 0; p < packs; p++) alphas[p] = (float)_draws.NextDouble();
        _kernels.ForRows(packs, mixed.Columns, (start, count) =>
        {
            for (int r = start * _pac; r < (start + count) * _pac; r++)
            {
                float alpha = alphas[r / _pac];
                Span<float> pack = mixed.Row(r / _pac);
                int k = r % _pac;
                Mix(real.Row(r)[.._width], fake.Row(r)[.._width], alpha, pack.Slice(k * _width, _width));
                Mix(real.Row(r)[_width..], fake.Row(r)[_width..], alpha, pack.Slice(_pac * _width + k * _conditionWidth, _conditionWidth));
            }
        });
        return mixed;
    }

    private static void Mix(ReadOnlySpan<float> real, ReadOnlySpan<float> fake, float alpha, Span<float> target)
    {
        TensorPrimitives.Multiply(real, alpha, target);
        TensorPrimitives.MultiplyAdd(fake, 1 - alpha, target, target);
    }

    /// <summary>
    /// <c>pac</c> consecutive rows as one critic input: their data parts side by side, then their conditions side by
    /// side, so the one-hot conditions form one sparse block at the end (the order of a pack's inputs is the critic's
    /// own business; its weights are not saved).
    /// </summary>
    private Tensor Packs(Tensor rows, Tensor? reuse)
    {
        Tensor packs = Tensor.Reuse(reuse, rows.Rows / _pac, rows.Columns * _pac);
        Packs(rows, packs, 0);
        return packs;
    }

    /// <summary>The packs of <paramref name="rows"/> written into <paramref name="packs"/> from pack <paramref name="first"/> on.</summary>
    private void Packs(Tensor rows, Tensor packs, int first)
    {
        _kernels.ForRows(rows.Rows / _pac, packs.Columns, (start, count) =>
        {
            for (int r = start * _pac; r < (start + count) * _pac; r++)
            {
                Span<float> pack = packs.Row(first + r / _pac), row = rows.Row(r);
                int k = r % _pac;
                row[.._width].CopyTo(pack.Slice(k * _width, _width));
                row[_width..].CopyTo(pack.Slice(_pac * _width + k * _conditionWidth, _conditionWidth));
            }
        });
    }

    private int[] Permutation(int n)
    {
        int[] order = [.. Enumerable.Range(0, n)];
        for (int i = n - 1; i > 0; i--) { int j = _draws.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        return order;
    }
}
