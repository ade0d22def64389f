using System.Collections.Concurrent;
using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;
using Doppel.Randomness;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Tvae;

/// <summary>
/// A fitted TVAE: the encoder of the columns and the decoder network. Sampling draws latent codes from N(0, I),
/// decodes them, adds the learned σ to the continuous offsets and decodes the rows. Conditions on categorical
/// values are met by keeping only matching rows (TVAE has no conditional input). Immutable and thread-safe.
/// </summary>
public sealed class TvaeModel : ILearnedModel, IPrivateModel, ITrainingHistory, IEncodedModel
{
    /// <summary>Rejection sampling gives up when fewer than this share of rows meet the conditions.</summary>
    private const int MaxRejectionRounds = 200;

    private readonly TabularEncoder _encoder;
    private readonly Parameter[] _weights;
    private readonly int _embedding;
    private readonly int[] _decompress;
    private readonly ConcurrentBag<TvaeNetworks> _pool = [];

    internal TvaeModel(Metadata metadata, TabularEncoder encoder, TvaeNetworks trained, TvaeOptions options, PrivacySpent? privacy)
        : this(metadata, encoder, options.EmbeddingDimension, [.. options.DecompressDimensions], privacy)
    {
        IReadOnlyList<Parameter> source = trained.DecoderParameters;
        for (int i = 0; i < _weights.Length; i++)
        {
            source[i].Value.CopyTo(_weights[i].Value, 0);
            _weights[i].MarkChanged();
        }
    }

    private TvaeModel(Metadata metadata, TabularEncoder encoder, int embedding, int[] decompress, PrivacySpent? privacy)
    {
        Metadata = metadata;
        _encoder = encoder;
        _embedding = embedding;
        _decompress = decompress;
        Privacy = privacy;
        _weights = [.. NewDecoder().DecoderParameters];
    }

    public SynthesizerKind Kind => SynthesizerKind.Tvae;
    public Metadata Metadata { get; }
    public PrivacySpent? Privacy { get; }

    /// <summary>The mean loss of every epoch trained (empty for a model saved before losses were kept).</summary>
    public IReadOnlyList<EpochLoss> Losses { get; internal init; } = [];

    /// <summary>The column encoder (for inspection).</summary>
    public TabularEncoder Encoder => _encoder;

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
        TvaeNetworks networks = _pool.TryTake(out TvaeNetworks? pooled) ? pooled : NewDecoder();
        try
        {
            if (conditions.IsEmpty) return Generate(networks, rows, rng);
            var wanted = conditions.Conditions.Select(c => ConditionalCodes.Resolve(_encoder, c)).ToArray();
            var parts = new List<Table>();
            int found = 0;
            int batch = Math.Max(rows, 256);
            for (int round = 0; found < rows; round++)
            {
                if (round == MaxRejectionRounds)
                    throw new InfeasibleRequestException($"Conditions {conditions} are met by fewer than 1 in {MaxRejectionRounds} TVAE samples; use --synthesizer ctgan or gaussian-copula, which condition natively.");
                Table candidates = Generate(networks, batch, rng.Fork(round));
                int[] keep = [.. Enumerable.Range(0, batch).Where(r => wanted.All(w => ((CategoricalColumn)candidates.Columns[w.Column]).Codes[r] == w.Code)).Take(rows - found)];
                if (keep.Length == 0) continue;
                parts.Add(candidates.SelectRows(keep));
                found += keep.Length;
            }
            return parts.Count == 1 ? parts[0] : TableConcatenation.Concatenate(parts);
        }
        finally
        {
            _pool.Add(networks);
        }
    }

    private Table Generate(TvaeNetworks networks, int rows, Rng rng)
    {
        var latent = new Tensor(rows, _embedding);
        Rng noise = rng.Fork("latent");
        for (int i = 0; i < latent.Data.Length; i++) latent.Data[i] = (float)noise.NextGaussian();
        Tensor output = networks.Decoder.Forward(latent, training: false);
        float[] sigma = networks.Sigma.Value;
        Rng jitter = rng.Fork("sigma");
        foreach (OutputSpan span in _encoder.Spans)
        {
            if (span.Kind != SpanKind.Tanh) continue;
            for (int r = 0; r < rows; r++)
            {
                Span<float> row = output.Row(r);
                row[span.Start] = MathF.Tanh(row[span.Start]) + sigma[span.Start] * (float)jitter.NextGaussian();
            }
        }
        return _encoder.Decode(output, rows, rng.Fork("decode"));
    }

    private TvaeNetworks NewDecoder()
    {
        var networks = new TvaeNetworks(_encoder.Width, _embedding, [], _decompress, new Rng(0), ManagedKernels.Default, withEncoder: false);
        if (_weights is not null)
        {
            IReadOnlyList<Parameter> target = networks.DecoderParameters;
            for (int i = 0; i < _weights.Length; i++)
            {
                _weights[i].Value.CopyTo(target[i].Value, 0);
                target[i].MarkChanged();
            }
        }
        return networks;
    }

    /// <summary>
    /// Parameters, version 1: <c>{ "version": 1, "embedding": e, "decompress": [sizes], "encoder": [columns, see TabularEncoder.Write],
    /// "decoder": [weights, see WeightsJson], "privacy"?: { epsilon, delta, ... }, "losses"?: [{ epoch, loss, criticLoss? }] }</c>.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", 1);
        writer.WriteNumber("embedding", _embedding);
        writer.WriteStartArray("decompress");
        foreach (int size in _decompress) writer.WriteNumberValue(size);
        writer.WriteEndArray();
        writer.WritePropertyName("encoder");
        _encoder.Write(writer);
        WeightsJson.Write(writer, "decoder", _weights);
        if (Privacy is not null)
        {
            writer.WritePropertyName("privacy");
            Privacy.Write(writer);
        }
        if (Losses.Count > 0) TrainingLossesJson.Write(writer, Losses);
        writer.WriteEndObject();
    }

    /// <summary>Restores a model from its parameters; <paramref name="metadata"/> lists the learned columns.</summary>
    public static TvaeModel ReadParameters(Metadata metadata, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        int version = ModelJson.Int(parameters, "version");
        if (version != 1) throw new ModelFormatException($"TVAE parameters version {version} is not supported by this version (it reads version 1).");
        int embedding = ModelJson.Int(parameters, "embedding");
        int[] decompress = [.. ModelJson.Array(parameters, "decompress").Select(e => e.GetInt32())];
        if (embedding < 1 || embedding > 1 << 16 || decompress.Length == 0 || decompress.Any(d => d < 1 || d > 1 << 16))
            throw new ModelFormatException("TVAE parameters have an invalid embedding or layer size.");
        TabularEncoder encoder = TabularEncoder.Read(metadata, ModelJson.Property(parameters, "encoder"));
        PrivacySpent? privacy = ModelJson.Has(parameters, "privacy") ? PrivacySpent.Read(ModelJson.Property(parameters, "privacy")) : null;
        var model = new TvaeModel(metadata, encoder, embedding, decompress, privacy) { Losses = TrainingLossesJson.Read(parameters) };
        WeightsJson.Read(parameters, "decoder", model._weights);
        return model;
    }
}
