using System.Text.Json;
using Doppel.Data;
using Doppel.Models;

namespace Doppel.Learning;

public sealed partial class FeatureEncoder
{
    /// <summary>Bins one column as feature <paramref name="feature"/> (the column may carry another name).</summary>
    public byte[] EncodeColumn(int feature, Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, _features.Length);
        Feature f = _features[feature];
        return f.Kind == FeatureKind.Categorical ? f.BinCategories(column) : f.BinNumbers(Values(column));
    }

    /// <summary>
    /// Writes the bins, version 1: <c>{ "features": [ { "name", "kind": "numeric", "edges": [finite upper edges], "open": true when
    /// the last bin is unbounded } or { "name", "kind": "categorical", "labels": [..] } ] }</c>.
    /// </summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("features");
        foreach (Feature f in _features)
        {
            writer.WriteStartObject();
            writer.WriteString("name", f.Name);
            if (f.Kind == FeatureKind.Categorical)
            {
                writer.WriteString("kind", "categorical");
                writer.WriteStartArray("labels");
                foreach (string label in f.Labels) writer.WriteStringValue(label);
                writer.WriteEndArray();
            }
            else
            {
                bool open = f.Edges.Length > 0 && double.IsPositiveInfinity(f.Edges[^1]);
                writer.WriteString("kind", "numeric");
                writer.WriteBoolean("open", open);
                writer.WriteStartArray("edges");
                foreach (double edge in open ? f.Edges[..^1] : f.Edges) writer.WriteNumberValue(edge);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads bins written by <see cref="Write"/>.</summary>
    public static FeatureEncoder Read(JsonElement element)
    {
        var features = new List<Feature>();
        foreach (JsonElement f in ModelJson.Array(element, "features"))
        {
            string name = ModelJson.String(f, "name");
            features.Add(ModelJson.String(f, "kind") switch
            {
                "categorical" => new Feature(name, FeatureKind.Categorical, [],
                    [.. ModelJson.Array(f, "labels").Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : throw new ModelFormatException($"Feature '{name}' has a label that is not a string."))]),
                "numeric" => new Feature(name, FeatureKind.Numeric,
                    [.. ModelJson.Doubles(f, "edges"), .. f.TryGetProperty("open", out JsonElement open) && open.ValueKind == JsonValueKind.True ? [double.PositiveInfinity] : Array.Empty<double>()], []),
                string kind => throw new ModelFormatException($"Feature '{name}' has unknown kind '{kind}' in the model file."),
            });
            if (features[^1].Bins > MaxBins) throw new ModelFormatException($"Feature '{name}' has {features[^1].Bins} bins; at most {MaxBins} are allowed.");
        }
        return new FeatureEncoder([.. features]);
    }
}
