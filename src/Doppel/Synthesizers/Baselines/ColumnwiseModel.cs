using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Baselines;

/// <summary>
/// A fitted baseline whose columns are drawn independently (<see cref="SynthesizerKind.Independent"/>: observed values;
/// <see cref="SynthesizerKind.Uniform"/>: observed ranges). Equality on a category is met natively by fixing the column;
/// bounds are met by the sampler's rejection. Immutable and thread-safe.
/// </summary>
public sealed class ColumnwiseModel : ILearnedModel
{
    private const int Version = 1;
    private readonly IColumnSampler[] _columns;

    internal ColumnwiseModel(SynthesizerKind kind, Metadata metadata, IColumnSampler[] columns)
    {
        Kind = kind;
        Metadata = metadata;
        _columns = columns;
    }

    public SynthesizerKind Kind { get; }
    public Metadata Metadata { get; }

    public bool SupportsNatively(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return !condition.IsRange && Array.Find(_columns, c => c.Metadata.Name == condition.Column) is { IsCategorical: true };
    }

    public void Validate(ConditionSet conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (Condition condition in conditions.Conditions) Find(condition).CodeOf(condition);
    }

    public Table Sample(int rows, Rng rng, ConditionSet conditions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(conditions);
        var columns = new Column[_columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            IColumnSampler column = _columns[c];
            Condition? condition = conditions.Conditions.FirstOrDefault(k => k.Column == column.Metadata.Name);
            columns[c] = column.Draw(rows, rng.Fork("column:" + column.Metadata.Name), condition is null ? null : Find(condition).CodeOf(condition));
        }
        return new Table(columns);
    }

    private IColumnSampler Find(Condition condition) =>
        SupportsNatively(condition) ? Array.Find(_columns, c => c.Metadata.Name == condition.Column)!
        : throw new UsageException($"Condition {condition}: the {SynthesizerRegistry.NameOf(Kind)} model meets natively only equality on a categorical or boolean column; the sampler meets other conditions by rejection.");

    /// <summary>
    /// Parameters, version 1: <c>{ "version": 1, "columns": [ per learned column ] }</c>; independent: the donor form of
    /// <c>CartModel</c> without trees (<c>{ name, kind, smoothed: false, tree: null, offsets: [0, n], donors, categories? }</c>);
    /// uniform: <c>{ name, kind, missingRate, minimum/maximum (numbers; ticks for datetimes) or categories + observed codes }</c>.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteStartArray("columns");
        foreach (IColumnSampler column in _columns) column.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Restores a baseline of <paramref name="kind"/> from its parameters; <paramref name="metadata"/> lists the learned columns.</summary>
    public static ColumnwiseModel ReadParameters(SynthesizerKind kind, Metadata metadata, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        JsonElement[] columns = ModelJson.VersionedColumns(parameters, Version, metadata);
        return new ColumnwiseModel(kind, metadata, [.. columns.Select((e, c) => kind switch
        {
            SynthesizerKind.Independent => Cart.DonorColumn.ReadMarginal(metadata.Columns[c], e),
            SynthesizerKind.Uniform => (IColumnSampler)UniformColumn.Read(metadata.Columns[c], e),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a column-wise baseline."),
        })]);
    }
}
