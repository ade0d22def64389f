using System.Collections.Concurrent;
using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Transforms;
using Tensor = Doppel.Neural.Tensor;

namespace Doppel.Synthesizers.Ctgan;

/// <summary>
/// A fitted CTGAN: the column encoder and the generator. Sampling feeds noise and a conditional vector (a discrete
/// slot drawn by its frequency, or the slots the conditions name) to the generator, activates the outputs
/// (tanh, Gumbel-softmax) and decodes; conditioned columns hold exactly the requested value. Immutable and thread-safe.
/// </summary>
public sealed class CtganModel : ILearnedModel, IPrivateModel, ITrainingHistory, IEncodedModel
{
    private const float GumbelTemperature = 0.2f;
    private readonly TabularEncoder _encoder;
    private readonly ConditionSampler _conditions;
    private readonly Parameter[] _weights;
    private readonly int _embedding;
    private readonly int[] _hidden;
    private readonly ConcurrentBag<Sequential> _pool = [];

    internal CtganModel(Metadata metadata, TabularEncoder encoder, Sequential trained, CtganOptions options, PrivacySpent? privacy)
        : this(metadata, encoder, options.EmbeddingDimension, [.. options.GeneratorDimensions], privacy)
    {
        IReadOnlyList<Parameter> source = CtganGenerator.Saved(trained);
        for (int i = 0; i < _weights.Length; i++)
        {
            source[i].Value.CopyTo(_weights[i].Value, 0);
            _weights[i].MarkChanged();
        }
    }

    private CtganModel(Metadata metadata, TabularEncoder encoder, int embedding, int[] hidden, PrivacySpent? privacy)
    {
        Metadata = metadata;
        _encoder = encoder;
        _conditions = new ConditionSampler(encoder.DiscreteColumns, null);
        _embedding = embedding;
        _hidden = hidden;
        Privacy = privacy;
        _weights = [.. CtganGenerator.Saved(NewGenerator())];
    }

    public SynthesizerKind Kind => SynthesizerKind.Ctgan;
    public Metadata Metadata { get; }
    public PrivacySpent? Privacy { get; }

    /// <summary>The column encoders the generator was trained on.</summary>
    public TabularEncoder Encoder => _encoder;

    /// <summary>The mean loss of every epoch trained (empty for a model saved before losses were kept).</summary>
    public IReadOnlyList<EpochLoss> Losses { get; internal init; } = [];

    /// <summary>Equality on a categorical or boolean column is met by the model itself; bounds on numbers by the sampler's rejection.</summary>
    public bool SupportsNatively(Condition condition) =>
        !condition.IsRange && Metadata.Find(condition.Column)?.Type is ColumnType.Categorical or ColumnType.Boolean;

    public void Validate(ConditionSet conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (Condition condition in conditions.Conditions) ConditionalCodes.Resolve(_encoder, condition);
    }

    public Table Sample(int rows, Rng rng, ConditionSet conditions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(conditions);
        var forced = new Dictionary<int, int>();
        var fixedSlots = new List<int>();
        foreach (Condition condition in conditions.Conditions)
        {
            (int column, int code) = ConditionalCodes.Resolve(_encoder, condition);
            forced[column] = code;
            int discrete = Enumerable.Range(0, _conditions.ColumnCount).First(d => _conditions.Column(d).Column == column);
            fixedSlots.Add(_conditions.Offset(discrete) + _encoder.Column(column).OneHot!.SlotOf(code));
        }
        Sequential generator = _pool.TryTake(out Sequential? pooled) ? pooled : Load(NewGenerator());
        try
        {
            int width = _embedding + _conditions.Width;
            var input = new Tensor(rows, width);
            Rng noise = rng.Fork("noise"), draws = rng.Fork("conditions");
            for (int r = 0; r < rows; r++)
            {
                Span<float> row = input.Row(r);
                for (int j = 0; j < _embedding; j++) row[j] = (float)noise.NextGaussian();
                if (_conditions.Width == 0) continue;
                if (fixedSlots.Count == 0) _conditions.Draw(row[_embedding..], draws, logFrequency: false);
                else foreach (int slot in fixedSlots) row[_embedding + slot] = 1;
            }
            Tensor logits = generator.Forward(input, training: false);
            var activation = new OutputActivation(_encoder.Spans, GumbelTemperature, gumbelNoise: true, rng.Fork("gumbel"));
            Tensor activated = activation.Forward(logits, training: false);
            return _encoder.Decode(activated, rows, rng.Fork("decode"), forced);
        }
        finally
        {
            _pool.Add(generator);
        }
    }

    private Sequential NewGenerator() =>
        CtganGenerator.Create(_embedding + _conditions.Width, _conditions.Width, _hidden, _encoder.Width, new Rng(0), ManagedKernels.Default);

    private Sequential Load(Sequential generator)
    {
        IReadOnlyList<Parameter> target = CtganGenerator.Saved(generator);
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i].Value.CopyTo(target[i].Value, 0);
            target[i].MarkChanged();
        }
        return generator;
    }

    /// <summary>
    /// Parameters, version 1: <c>{ "version": 1, "embedding": e, "generator": [sizes], "encoder": [columns, see TabularEncoder.Write],
    /// "weights": [generator weights then batch-norm running statistics, see WeightsJson], "privacy"?: { epsilon, delta, ... }, "losses"?: [{ epoch, loss, criticLoss? }] }</c>.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", 1);
        writer.WriteNumber("embedding", _embedding);
        writer.WriteStartArray("generator");
        foreach (int size in _hidden) writer.WriteNumberValue(size);
        writer.WriteEndArray();
        writer.WritePropertyName("encoder");
        _encoder.Write(writer);
        WeightsJson.Write(writer, "weights", _weights);
        if (Privacy is not null)
        {
            writer.WritePropertyName("privacy");
            Privacy.Write(writer);
        }
        if (Losses.Count > 0) TrainingLossesJson.Write(writer, Losses);
        writer.WriteEndObject();
    }

    /// <summary>Restores a model from its parameters; <paramref name="metadata"/> lists the learned columns.</summary>
    public static CtganModel ReadParameters(Metadata metadata, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        int version = ModelJson.Int(parameters, "version");
        if (version != 1) throw new ModelFormatException($"CTGAN parameters version {version} is not supported by this version (it reads version 1).");
        int embedding = ModelJson.Int(parameters, "embedding");
        int[] hidden = [.. ModelJson.Array(parameters, "generator").Select(e => e.GetInt32())];
        if (embedding < 1 || embedding > 1 << 16 || hidden.Length == 0 || hidden.Any(d => d < 1 || d > 1 << 16))
            throw new ModelFormatException("CTGAN parameters have an invalid embedding or layer size.");
        TabularEncoder encoder = TabularEncoder.Read(metadata, ModelJson.Property(parameters, "encoder"));
        PrivacySpent? privacy = ModelJson.Has(parameters, "privacy") ? PrivacySpent.Read(ModelJson.Property(parameters, "privacy")) : null;
        var model = new CtganModel(metadata, encoder, embedding, hidden, privacy) { Losses = TrainingLossesJson.Read(parameters) };
        WeightsJson.Read(parameters, "weights", model._weights);
        return model;
    }
}
