using System.Text.Json;
using Doppel.Data;
using Doppel.Models;

namespace Doppel.Synthesizers;

/// <summary>How one id, PII or text column is regenerated: never from its values, only from their kind, shape and missing rate.</summary>
public sealed record SurrogateColumn
{
    /// <summary>The column.</summary>
    public required ColumnMetadata Metadata { get; init; }

    /// <summary>Fraction of rows left empty.</summary>
    public double MissingRate { get; init; }

    /// <summary>Ids: the first number of an integer sequence, or of the numeric part after <see cref="IdPrefix"/>.</summary>
    public long IdStart { get; init; } = 1;

    /// <summary>Ids: the literal text before the number (e.g. "C" for C0001), when values are prefix + digits.</summary>
    public string? IdPrefix { get; init; }

    /// <summary>Ids: digits to pad the number to (0 = no padding).</summary>
    public int IdWidth { get; init; }

    /// <summary>Ids: values are UUIDs.</summary>
    public bool IdIsUuid { get; init; }

    /// <summary>Text: shapes of short values ('#' digit, 'A'/'a' letters, others literal) with their weights.</summary>
    public IReadOnlyList<(string Shape, double Weight)> Shapes { get; init; } = [];

    /// <summary>Text: mean and standard deviation of the word count of long values (used when there are no shapes).</summary>
    public (double Mean, double StandardDeviation) Words { get; init; }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteNumber("missingRate", MissingRate);
        writer.WriteNumber("idStart", IdStart);
        if (IdPrefix is not null) writer.WriteString("idPrefix", IdPrefix);
        writer.WriteNumber("idWidth", IdWidth);
        writer.WriteBoolean("idIsUuid", IdIsUuid);
        writer.WriteStartArray("shapes");
        foreach ((string shape, double weight) in Shapes)
        {
            writer.WriteStartObject();
            writer.WriteString("shape", shape);
            writer.WriteNumber("weight", weight);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("wordsMean", Words.Mean);
        writer.WriteNumber("wordsStandardDeviation", Words.StandardDeviation);
        writer.WriteEndObject();
    }

    internal static SurrogateColumn Read(ColumnMetadata metadata, JsonElement element)
    {
        if (ModelJson.String(element, "name") != metadata.Name)
            throw new ModelFormatException($"The model's regeneration settings name column '{ModelJson.String(element, "name")}' where its metadata says '{metadata.Name}'.");
        double missingRate = ModelJson.Double(element, "missingRate");
        if (!(missingRate >= 0 && missingRate <= 1))
            throw new ModelFormatException($"Column '{metadata.Name}': missing rate {missingRate} is outside [0, 1].");
        return new SurrogateColumn
        {
            Metadata = metadata,
            MissingRate = missingRate,
            IdStart = ModelJson.Long(element, "idStart"),
            IdPrefix = ModelJson.Has(element, "idPrefix") ? ModelJson.String(element, "idPrefix") : null,
            IdWidth = ModelJson.Int(element, "idWidth"),
            IdIsUuid = ModelJson.Property(element, "idIsUuid").ValueKind == JsonValueKind.True,
            Shapes = [.. ModelJson.Array(element, "shapes").Select(s => (ModelJson.String(s, "shape"), ModelJson.Double(s, "weight")))],
            Words = (ModelJson.Double(element, "wordsMean"), ModelJson.Double(element, "wordsStandardDeviation")),
        };
    }
}
