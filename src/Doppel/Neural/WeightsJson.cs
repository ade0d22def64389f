using System.Buffers.Binary;
using System.Text.Json;
using Doppel.Models;

namespace Doppel.Neural;

/// <summary>
/// Network weights in the model file: an array of <c>{ "name", "length", "float32le": base64 }</c>, one per
/// parameter in a fixed order, each the parameter's values as little-endian IEEE-754 float32. Plain data:
/// reading checks names, lengths and that every value is finite.
/// </summary>
public static class WeightsJson
{
    public static void Write(Utf8JsonWriter writer, string propertyName, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        writer.WriteStartArray(propertyName);
        foreach (Parameter p in parameters)
        {
            var bytes = new byte[p.Value.Length * sizeof(float)];
            for (int i = 0; i < p.Value.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), p.Value[i]);
            writer.WriteStartObject();
            writer.WriteString("name", p.Name);
            writer.WriteNumber("length", p.Value.Length);
            writer.WriteBase64String("float32le", bytes);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>Fills <paramref name="parameters"/> from <paramref name="propertyName"/> of <paramref name="element"/>; throws <see cref="ModelFormatException"/> on any mismatch.</summary>
    public static void Read(JsonElement element, string propertyName, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        JsonElement[] items = [.. ModelJson.Array(element, propertyName)];
        if (items.Length != parameters.Count)
            throw new ModelFormatException($"'{propertyName}' holds {items.Length} weight arrays; the network has {parameters.Count}.");
        for (int k = 0; k < items.Length; k++)
        {
            Parameter p = parameters[k];
            string name = ModelJson.String(items[k], "name");
            if (name != p.Name) throw new ModelFormatException($"Weight array {k + 1} of '{propertyName}' is '{name}'; expected '{p.Name}'.");
            byte[] bytes = ModelJson.Property(items[k], "float32le").GetBytesFromBase64();
            if (bytes.Length != p.Value.Length * sizeof(float) || ModelJson.Int(items[k], "length") != p.Value.Length)
                throw new ModelFormatException($"Weight array '{name}' holds {bytes.Length / sizeof(float)} values; expected {p.Value.Length}.");
            for (int i = 0; i < p.Value.Length; i++)
            {
                float v = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
                if (!float.IsFinite(v)) throw new ModelFormatException($"Weight array '{name}' holds a non-finite value at {i}; the file is damaged.");
                p.Value[i] = v;
            }
            p.MarkChanged();
        }
    }
}
