using System.Text;
using System.Text.Json;

namespace Doppel.Data;

/// <summary>
/// Reads and writes metadata.json, the user-editable description of a table. The format (version 1) is
/// stable; names are camelCase, choices are lower-case kebab strings, and absent (null) properties are
/// omitted when writing:
/// <code>
/// {
///   "formatVersion": 1,
///   "primaryKey": "id",
///   "columns": [
///     { "name": "id", "type": "id", "pattern": "C-#####" },
///     { "name": "age", "type": "numerical", "subtype": "integer", "decimals": 0, "minimum": 17, "maximum": 90, "distribution": "auto" },
///     { "name": "joined", "type": "datetime", "format": "yyyy-MM-dd" },
///     { "name": "email", "type": "pii", "pii": "email" }
///   ]
/// }
/// </code>
/// <list type="bullet">
/// <item><c>formatVersion</c> (required): 1.</item>
/// <item><c>primaryKey</c> (optional): the name of a column of type <c>id</c>.</item>
/// <item><c>columns</c> (required), each with <c>name</c> and <c>type</c>: <c>numerical</c>, <c>categorical</c>,
/// <c>boolean</c>, <c>datetime</c>, <c>id</c>, <c>pii</c> or <c>text</c>.</item>
/// <item>numerical: <c>subtype</c> (<c>integer</c>, <c>float</c>), <c>decimals</c> (0–15), <c>minimum</c>, <c>maximum</c>, <c>distribution</c>.</item>
/// <item>datetime: <c>format</c> (required; a .NET custom format read with the invariant culture, or
/// <c>unix-seconds</c> / <c>unix-milliseconds</c>), <c>distribution</c>.</item>
/// <item>pii: <c>pii</c> (required): <c>email</c>, <c>phone</c>, <c>person-name</c>, <c>first-name</c>, <c>last-name</c>,
/// <c>street-address</c>, <c>postal-code</c>, <c>ipv4</c>, <c>ipv6</c>, <c>credit-card</c>, <c>iban</c>, <c>ssn</c>, <c>url</c>; and <c>pattern</c>.</item>
/// <item>id and text: <c>pattern</c> ('#' digit, 'A' upper-case letter, 'a' lower-case letter, other characters literal).</item>
/// <item><c>distribution</c>: <c>auto</c>, <c>normal</c>, <c>truncated-normal</c>, <c>beta</c>, <c>gamma</c>, <c>lognormal</c>, <c>uniform</c>, <c>empirical</c>.</item>
/// </list>
/// Comments and trailing commas are accepted when reading. Loading reports every problem at once in a
/// <see cref="MetadataException"/>, each naming the column and what is allowed.
/// </summary>
public static class MetadataJson
{
    private static readonly string[] TopLevelProperties = ["formatVersion", "primaryKey", "columns", "constraints", "suggestedConstraints"];
    private static readonly string[] ColumnProperties = ["name", "type", "subtype", "decimals", "minimum", "maximum", "format", "pii", "pattern", "distribution", "categories"];

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// The metadata as indented JSON text; <paramref name="suggested"/> constraints (from
    /// <see cref="Constraints.ConstraintSuggester"/>) go under <c>"suggestedConstraints"</c>, which reading accepts and
    /// ignores: a suggestion takes effect only once moved into <c>"constraints"</c>.
    /// </summary>
    public static string ToJson(Metadata metadata, IReadOnlyList<Constraints.Constraint>? suggested = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        MetadataValidator.ThrowIfInvalid(metadata);
        using var stream = new MemoryStream();
        // Relaxed escaping: the file is UTF-8 for people to edit, so "a + b" and "Zürich" stay readable (never embedded in HTML).
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", Metadata.CurrentFormatVersion);
            if (metadata.PrimaryKey is not null) writer.WriteString("primaryKey", metadata.PrimaryKey);
            writer.WriteStartArray("columns");
            foreach (ColumnMetadata column in metadata.Columns) WriteColumn(writer, column);
            writer.WriteEndArray();
            if (metadata.Constraints.Count > 0) Constraints.ConstraintJson.Write(writer, metadata.Constraints);
            if (suggested is { Count: > 0 }) Constraints.ConstraintJson.Write(writer, suggested, "suggestedConstraints");
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the metadata to <paramref name="path"/> via a temporary file in the same folder; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public static void Save(Metadata metadata, string path, bool overwrite = false, IReadOnlyList<Constraints.Constraint>? suggested = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
            throw new UsageException($"'{path}' already exists. Choose another path, or allow replacing it (overwrite / --force).");
        string json = ToJson(metadata, suggested);
        string folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(full))
        {
            throw new UsageException($"'{path}' already exists. Choose another path, or allow replacing it (overwrite / --force).");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads metadata from a file; every problem is reported in one <see cref="MetadataException"/>.</summary>
    public static Metadata Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MetadataException($"'{path}' does not exist. Check the path, or create the metadata by profiling the data.");
        }
        return Parse(text, path);
    }

    /// <summary>Reads metadata from JSON text; <paramref name="sourceName"/> names it in messages. Every problem is reported in one <see cref="MetadataException"/>.</summary>
    public static Metadata Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        sourceName = string.IsNullOrWhiteSpace(sourceName) ? "metadata" : sourceName;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException e)
        {
            string reason = e.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
            throw new MetadataException($"{sourceName} is not valid JSON: line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {reason}");
        }
        using (document)
        {
            return Read(document.RootElement, sourceName);
        }
    }

    private static Metadata Read(JsonElement root, string sourceName)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new MetadataException($"{sourceName} must hold a JSON object with \"formatVersion\" and \"columns\", not {Describe(root)}.");
        var problems = new List<string>();
        JsonElement? columnsElement = null;
        JsonElement? constraintsElement = null;
        string? primaryKey = null;
        bool hasVersion = false;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "formatVersion":
                    hasVersion = true;
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int version))
                    {
                        problems.Add($"\"formatVersion\" must be the number {Metadata.CurrentFormatVersion}, not {Describe(property.Value)}.");
                        break;
                    }
                    if (version > Metadata.CurrentFormatVersion)
                        throw new MetadataException($"{sourceName} has \"formatVersion\" {version}, but this version of Doppel reads format version {Metadata.CurrentFormatVersion}. Update Doppel, or write the metadata again with this version.");
                    if (version != Metadata.CurrentFormatVersion)
                        problems.Add($"\"formatVersion\" {version} is not supported; this version of Doppel reads format version {Metadata.CurrentFormatVersion}.");
                    break;
                case "primaryKey":
                    if (property.Value.ValueKind == JsonValueKind.String) primaryKey = property.Value.GetString();
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                        problems.Add($"\"primaryKey\" must be a column name (a string), not {Describe(property.Value)}.");
                    break;
                case "columns":
                    columnsElement = property.Value;
                    break;
                case "constraints":
                    constraintsElement = property.Value;
                    break;
                case "suggestedConstraints":
                    break; // suggestions only: not enforced until moved into "constraints"
                default:
                    problems.Add(UnknownProperty("Top level", property.Name, TopLevelProperties));
                    break;
            }
        }
        if (!hasVersion)
            problems.Add($"\"formatVersion\" is missing; add \"formatVersion\": {Metadata.CurrentFormatVersion}.");

        var columns = new List<ColumnMetadata>();
        var allNames = new List<string>();
        var invalidPii = new HashSet<string>(StringComparer.Ordinal);
        if (columnsElement is not JsonElement columnsArray)
        {
            problems.Add("\"columns\" is missing; add \"columns\": [ { \"name\": ..., \"type\": ... }, ... ] with one entry per data column.");
        }
        else if (columnsArray.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"\"columns\" must be an array of column objects, not {Describe(columnsArray)}.");
        }
        else
        {
            int position = 0;
            foreach (JsonElement element in columnsArray.EnumerateArray())
            {
                position++;
                ColumnMetadata? column = ReadColumn(element, position, problems, out string? name, out bool piiInvalid);
                if (piiInvalid && name is not null) invalidPii.Add(name);
                if (name is not null) allNames.Add(name);
                if (column is not null) columns.Add(column);
            }
        }

        var metadata = new Metadata(columns, primaryKey);
        if (constraintsElement is JsonElement constraintsArray)
            metadata = metadata with { Constraints = Constraints.ConstraintJson.Read(constraintsArray, problems) };
        if (columnsElement is JsonElement { ValueKind: JsonValueKind.Array })
        {
            MetadataValidator.Collect(metadata, allNames, problems, invalidPii);
            if (problems.Count == 0) problems.AddRange(Constraints.ConstraintSet.Problems(metadata));
        }
        if (problems.Count > 0)
            throw new MetadataException([.. problems.Select(p => $"{sourceName}: {p}")]);
        return metadata;
    }

    private static ColumnMetadata? ReadColumn(JsonElement element, int position, List<string> problems, out string? name, out bool piiInvalid)
    {
        name = null;
        piiInvalid = false;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"Column #{position} must be an object such as {{ \"name\": \"age\", \"type\": \"numerical\" }}, not {Describe(element)}.");
            return null;
        }
        if (element.TryGetProperty("name", out JsonElement nameElement) && nameElement.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(nameElement.GetString()))
            name = nameElement.GetString();
        string label = name is null ? $"Column #{position}" : $"Column '{name}'";
        if (name is null)
            problems.Add($"{label} has no \"name\" (a non-empty string); add the name of the data column it describes.");

        ColumnType? type = null;
        NumericalSubtype? subtype = null;
        int? decimals = null;
        double? minimum = null, maximum = null;
        string? format = null, pattern = null;
        PiiKind? pii = null;
        Distribution? distribution = null;
        List<string>? categories = null;
        bool hasType = false;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (value.ValueKind == JsonValueKind.Null && property.Name != "type") continue;
            switch (property.Name)
            {
                case "name":
                    break;
                case "type":
                    hasType = true;
                    type = ReadChoice(value, label, "type", MetadataNames.ParseType, MetadataNames.Types, problems);
                    break;
                case "subtype":
                    subtype = ReadChoice(value, label, "subtype", MetadataNames.ParseSubtype, MetadataNames.Subtypes, problems);
                    break;
                case "pii":
                    pii = ReadChoice(value, label, "pii", MetadataNames.ParsePiiKind, MetadataNames.PiiKinds, problems);
                    piiInvalid = pii is null;
                    break;
                case "distribution":
                    distribution = ReadChoice(value, label, "distribution", DistributionNames.Parse, DistributionNames.All, problems);
                    break;
                case "decimals":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int d)) decimals = d;
                    else problems.Add($"{label}: \"decimals\" must be a whole number from 0 to {MetadataValidator.MaxDecimals}, not {Describe(value)}.");
                    break;
                case "minimum":
                    minimum = ReadNumber(value, label, "minimum", problems);
                    break;
                case "maximum":
                    maximum = ReadNumber(value, label, "maximum", problems);
                    break;
                case "format":
                    format = ReadString(value, label, "format", problems);
                    break;
                case "pattern":
                    pattern = ReadString(value, label, "pattern", problems);
                    break;
                case "categories":
                    categories = ReadStrings(value, label, "categories", problems);
                    break;
                default:
                    problems.Add(UnknownProperty(label, property.Name, ColumnProperties));
                    break;
            }
        }
        if (!hasType)
            problems.Add($"{label} has no \"type\"; use one of: {string.Join(", ", MetadataNames.Types)}.");
        if (name is null || type is not ColumnType columnType) return null;
        return new ColumnMetadata(name, columnType)
        {
            Subtype = subtype,
            Decimals = decimals,
            Minimum = minimum,
            Maximum = maximum,
            DateTimeFormat = format,
            Pii = pii,
            Pattern = pattern,
            Distribution = distribution,
            Categories = categories,
        };
    }

    private static List<string>? ReadStrings(JsonElement value, string label, string property, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
            return [.. value.EnumerateArray().Select(item => item.GetString()!)];
        problems.Add($"{label}: \"{property}\" must be an array of strings such as [\"red\", \"green\"], not {Describe(value)}{(value.ValueKind == JsonValueKind.Array ? " holding something else" : "")}.");
        return null;
    }

    private static T? ReadChoice<T>(JsonElement value, string label, string property, Func<string, T?> parse, IReadOnlyList<string> allowed, List<string> problems)
        where T : struct
    {
        if (value.ValueKind == JsonValueKind.String && parse(value.GetString()!) is T parsed) return parsed;
        string shown = value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : Describe(value);
        string? suggestion = value.ValueKind == JsonValueKind.String ? MetadataValidator.Suggest(value.GetString()!, allowed) : null;
        problems.Add($"{label}: \"{property}\" {shown} is not one of: {string.Join(", ", allowed)}.{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}");
        return null;
    }

    private static double? ReadNumber(JsonElement value, string label, string property, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)) return number;
        problems.Add($"{label}: \"{property}\" must be a number, not {Describe(value)}.");
        return null;
    }

    private static string? ReadString(JsonElement value, string label, string property, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"{label}: \"{property}\" must be a string, not {Describe(value)}.");
        return null;
    }

    private static string UnknownProperty(string label, string name, IReadOnlyList<string> known)
    {
        string? suggestion = MetadataValidator.Suggest(name, known);
        return $"{label}: unknown property \"{name}\".{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")} Known properties: {string.Join(", ", known)}.";
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.GetRawText(),
    };

    private static void WriteColumn(Utf8JsonWriter writer, ColumnMetadata column)
    {
        writer.WriteStartObject();
        writer.WriteString("name", column.Name);
        writer.WriteString("type", MetadataNames.ToName(column.Type));
        if (column.Subtype is NumericalSubtype subtype) writer.WriteString("subtype", MetadataNames.ToName(subtype));
        if (column.Decimals is int decimals) writer.WriteNumber("decimals", decimals);
        if (column.Minimum is double minimum) WriteDouble(writer, "minimum", minimum);
        if (column.Maximum is double maximum) WriteDouble(writer, "maximum", maximum);
        if (column.DateTimeFormat is string format) writer.WriteString("format", format);
        if (column.Pii is PiiKind pii) writer.WriteString("pii", MetadataNames.ToName(pii));
        if (column.Pattern is string pattern) writer.WriteString("pattern", pattern);
        if (column.Distribution is Distribution distribution) writer.WriteString("distribution", DistributionNames.ToName(distribution));
        if (column.Categories is { } categories)
        {
            writer.WriteStartArray("categories");
            foreach (string category in categories) writer.WriteStringValue(category);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        // Whole numbers are written without ".0" so that bounds of integer columns read naturally.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) writer.WriteNumber(name, (long)value);
        else writer.WriteNumber(name, value);
    }
}

/// <summary>The metadata.json names of <see cref="ColumnType"/>, <see cref="NumericalSubtype"/> and <see cref="PiiKind"/> values.</summary>
internal static class MetadataNames
{
    private static readonly (ColumnType Value, string Name)[] TypeNames =
    [
        (ColumnType.Numerical, "numerical"), (ColumnType.Categorical, "categorical"), (ColumnType.Boolean, "boolean"),
        (ColumnType.DateTime, "datetime"), (ColumnType.Id, "id"), (ColumnType.Pii, "pii"), (ColumnType.Text, "text"),
    ];

    private static readonly (NumericalSubtype Value, string Name)[] SubtypeNames =
    [
        (NumericalSubtype.Integer, "integer"), (NumericalSubtype.Float, "float"),
    ];

    private static readonly (PiiKind Value, string Name)[] PiiNames =
    [
        (PiiKind.Email, "email"), (PiiKind.Phone, "phone"), (PiiKind.PersonName, "person-name"), (PiiKind.FirstName, "first-name"),
        (PiiKind.LastName, "last-name"), (PiiKind.StreetAddress, "street-address"), (PiiKind.PostalCode, "postal-code"),
        (PiiKind.IPv4, "ipv4"), (PiiKind.IPv6, "ipv6"), (PiiKind.CreditCard, "credit-card"), (PiiKind.Iban, "iban"),
        (PiiKind.Ssn, "ssn"), (PiiKind.Url, "url"),
    ];

    public static IReadOnlyList<string> Types { get; } = [.. TypeNames.Select(n => n.Name)];
    public static IReadOnlyList<string> Subtypes { get; } = [.. SubtypeNames.Select(n => n.Name)];
    public static IReadOnlyList<string> PiiKinds { get; } = [.. PiiNames.Select(n => n.Name)];

    public static string ToName(ColumnType value) => Lookup(TypeNames, value);
    public static string ToName(NumericalSubtype value) => Lookup(SubtypeNames, value);
    public static string ToName(PiiKind value) => Lookup(PiiNames, value);

    public static ColumnType? ParseType(string name) => Parse(TypeNames, name);
    public static NumericalSubtype? ParseSubtype(string name) => Parse(SubtypeNames, name);
    public static PiiKind? ParsePiiKind(string name) => Parse(PiiNames, name);

    private static string Lookup<T>((T Value, string Name)[] names, T value) where T : struct, Enum
    {
        foreach ((T candidate, string name) in names)
            if (EqualityComparer<T>.Default.Equals(candidate, value)) return name;
        return value.ToString().ToLowerInvariant();
    }

    private static T? Parse<T>((T Value, string Name)[] names, string name) where T : struct
    {
        foreach ((T value, string text) in names)
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
