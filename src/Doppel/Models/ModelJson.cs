using System.Text.Json;

namespace Doppel.Models;

/// <summary>Reads model-file JSON, turning every missing or mistyped property into a <see cref="ModelFormatException"/> that names it.</summary>
public static class ModelJson
{
    /// <summary>The property <paramref name="name"/> of an object.</summary>
    public static JsonElement Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value))
            throw new ModelFormatException($"The model file lacks the property '{name}'; it is damaged or was not written by Doppel.");
        return value;
    }

    /// <summary>True when the object has the property and it is not null.</summary>
    public static bool Has(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string property.</summary>
    public static string String(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, "a string");
    }

    /// <summary>An integer property.</summary>
    public static int Int(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result) ? result : throw Wrong(name, "an integer");
    }

    /// <summary>A long integer property.</summary>
    public static long Long(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long result) ? result : throw Wrong(name, "an integer");
    }

    /// <summary>A number property.</summary>
    public static double Double(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Wrong(name, "a number");
    }

    /// <summary>An array property's items.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Wrong(name, "an array");
    }

    /// <summary>An array of numbers.</summary>
    public static double[] Doubles(JsonElement element, string name) =>
        [.. Array(element, name).Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Wrong(name, "an array of numbers"))];

    /// <summary>
    /// Checks a synthesizer's "version" (at most <paramref name="version"/>) and returns its "columns" array, which must
    /// hold one entry per learned column of <paramref name="metadata"/>.
    /// </summary>
    public static JsonElement[] VersionedColumns(JsonElement parameters, int version, Data.Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        int found = Int(parameters, "version");
        if (found > version) throw new ModelFormatException($"The model's parameters are version {found}; this Doppel reads up to version {version}. Update Doppel.");
        JsonElement[] columns = [.. Array(parameters, "columns")];
        if (columns.Length != metadata.Columns.Count)
            throw new ModelFormatException($"The model's parameters describe {columns.Length} columns but its metadata lists {metadata.Columns.Count} learned columns.");
        return columns;
    }

    private static ModelFormatException Wrong(string name, string expected) =>
        new($"The model file's property '{name}' is not {expected}; the file is damaged or was not written by Doppel.");
}
