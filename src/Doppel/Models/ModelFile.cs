using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.IO;
using Doppel.Synthesizers;

namespace Doppel.Models;

/// <summary>
/// The model file (<c>.doppel</c>): a zip holding <c>manifest.json</c> (format, version, synthesizer kind and
/// options, metadata, lineage, SHA-256 of each part) and the fitted parameters as JSON
/// (<c>learned.json</c>, <c>surrogates.json</c>). Plain data only: nothing in it executes on load.
/// </summary>
public static class ModelFile
{
    /// <summary>The format name written in every manifest.</summary>
    public const string FormatName = "doppel-model";

    /// <summary>The model file version this library writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string LearnedEntry = "learned.json";
    private const string SurrogatesEntry = "surrogates.json";
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Writes the model atomically; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public static void Save(SynthesizerModel model, string path, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        // Saving without the predicate would give a file whose samples silently break the rule.
        if (model.Metadata.Constraints.OfType<Constraints.PredicateConstraint>().FirstOrDefault() is { } predicate)
            throw new UsageException($"The model cannot be saved to '{path}': its constraint '{predicate.Name}' is code (a predicate), which a model file cannot hold. Fit without the predicate to save a model, or keep this model in memory.");
        byte[] learned = Json(model.Learned.WriteParameters);
        byte[] surrogates = Json(model.Surrogates.WriteParameters);
        byte[] manifest = Encoding.UTF8.GetBytes(Manifest(model, learned, surrogates).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        using var output = AtomicFileWriter.Create(path, overwrite);
        using (var zip = new ZipArchive(output.Stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, ManifestEntry, manifest);
            Add(zip, LearnedEntry, learned);
            Add(zip, SurrogatesEntry, surrogates);
        }
        output.Commit();
    }

    /// <summary>Reads the manifest only (for <c>doppel info</c>).</summary>
    public static JsonObject ReadManifest(string path)
    {
        using ZipArchive zip = Open(path);
        return ParseManifest(path, zip);
    }

    /// <summary>Loads a model; a damaged, truncated, foreign or newer file gives a <see cref="ModelFormatException"/> naming the problem.</summary>
    public static SynthesizerModel Load(string path)
    {
        using ZipArchive zip = Open(path);
        JsonObject manifest = ParseManifest(path, zip);
        try
        {
            Metadata metadata = MetadataJson.Parse(manifest["metadata"]!.ToJsonString(), $"{path} (manifest)");
            SynthesizerKind kind = SynthesizerRegistry.Parse((string)manifest["synthesizer"]!["kind"]!);
            byte[] learned = ReadEntry(path, zip, LearnedEntry, (string?)manifest["checksums"]?[LearnedEntry]);
            byte[] surrogates = ReadEntry(path, zip, SurrogatesEntry, (string?)manifest["checksums"]?[SurrogatesEntry]);
            var learnedMetadata = Constraints.ConstraintSet.For(metadata).Transform(new Metadata([.. metadata.Columns.Where(c => c.IsLearned)]));
            using JsonDocument learnedJson = JsonDocument.Parse(learned);
            using JsonDocument surrogatesJson = JsonDocument.Parse(surrogates);
            ILearnedModel learnedModel = SynthesizerRegistry.ReadLearned(kind, learnedMetadata, learnedJson.RootElement);
            SurrogateModel surrogateModel = SurrogateModel.ReadParameters(metadata, surrogatesJson.RootElement);
            return new SynthesizerModel(metadata, learnedModel, surrogateModel, ReadLineage(manifest), manifest["synthesizer"]!["options"]!.AsObject());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or MetadataException or UsageException)
        {
            throw new ModelFormatException($"Model file '{path}' is damaged: {e.Message}", e);
        }
    }

    private static JsonObject Manifest(SynthesizerModel model, byte[] learned, byte[] surrogates)
    {
        ModelLineage lineage = model.Lineage;
        return new JsonObject
        {
            ["format"] = FormatName,
            ["formatVersion"] = CurrentFormatVersion,
            ["synthesizer"] = new JsonObject
            {
                ["kind"] = SynthesizerRegistry.NameOf(model.Kind),
                ["options"] = model.Options,
            },
            ["lineage"] = new JsonObject
            {
                ["sourceName"] = lineage.SourceName,
                ["sourceSha256"] = lineage.SourceSha256,
                ["rows"] = lineage.Rows,
                ["columns"] = lineage.Columns,
                ["libraryVersion"] = lineage.LibraryVersion,
                ["seed"] = lineage.Seed,
                ["fitSeconds"] = lineage.FitSeconds,
            },
            ["privacy"] = new JsonObject
            {
                ["differentialPrivacy"] = model.Learned is IPrivateModel { Privacy: not null },
                ["piiColumnsRegenerated"] = new JsonArray([.. model.Metadata.Columns.Where(c => !c.IsLearned).Select(c => (JsonNode)c.Name)]),
                ["spent"] = model.Learned is IPrivateModel { Privacy: { } spent } ? JsonNode.Parse(Json(spent.Write)) : null,
            },
            ["checksums"] = new JsonObject { [LearnedEntry] = Sha256(learned), [SurrogatesEntry] = Sha256(surrogates) },
            ["metadata"] = JsonNode.Parse(MetadataJson.ToJson(model.Metadata)),
        };
    }

    private static ModelLineage ReadLineage(JsonObject manifest)
    {
        JsonNode lineage = manifest["lineage"] ?? throw new ModelFormatException("The manifest has no lineage.");
        return new ModelLineage
        {
            SourceName = (string?)lineage["sourceName"] ?? "(unknown)",
            SourceSha256 = (string?)lineage["sourceSha256"],
            Rows = (long?)lineage["rows"] ?? 0,
            Columns = (int?)lineage["columns"] ?? 0,
            LibraryVersion = (string?)lineage["libraryVersion"] ?? "(unknown)",
            Seed = (long?)lineage["seed"] ?? 0,
            FitSeconds = (double?)lineage["fitSeconds"] ?? 0,
        };
    }

    private static ZipArchive Open(string path)
    {
        if (Directory.Exists(path)) throw new ModelFormatException($"'{path}' is a folder, not a model file.");
        if (!File.Exists(path)) throw new ModelFormatException($"Model file '{path}' does not exist.");
        byte[] head = new byte[4];
        using (FileStream probe = File.OpenRead(path))
        {
            int read = probe.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            if (read < 4 || head[0] != 'P' || head[1] != 'K')
                throw new ModelFormatException($"'{path}' is not a Doppel model file (it is not a zip archive). Create one with `doppel fit`.");
        }
        try
        {
            return new ZipArchive(File.OpenRead(path), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"Model file '{path}' is damaged or truncated ({e.Message}). Fit the model again or restore the file.", e);
        }
    }

    private static JsonObject ParseManifest(string path, ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.GetEntry(ManifestEntry)
            ?? throw new ModelFormatException($"'{path}' is a zip archive but not a Doppel model file (it has no {ManifestEntry}).");
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(ReadAll(path, entry))?.AsObject() ?? throw new ModelFormatException($"Model file '{path}' has an empty manifest.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ModelFormatException($"Model file '{path}' has a damaged manifest: {e.Message}", e);
        }
        if ((string?)manifest["format"] != FormatName)
            throw new ModelFormatException($"'{path}' is not a Doppel model file (its manifest does not say format \"{FormatName}\").");
        int version = manifest["formatVersion"] is JsonValue v && v.TryGetValue(out int parsed) ? parsed : -1;
        if (version < 1)
            throw new ModelFormatException($"Model file '{path}' has no valid formatVersion.");
        if (version > CurrentFormatVersion)
            throw new ModelFormatException($"Model file '{path}' has format version {version}, newer than this Doppel {LibraryInfo.Version} reads (up to {CurrentFormatVersion}). Upgrade Doppel to load it.");
        return manifest;
    }

    private static byte[] ReadEntry(string path, ZipArchive zip, string name, string? checksum)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new ModelFormatException($"Model file '{path}' lacks {name}; it is damaged.");
        byte[] bytes = ReadAll(path, entry);
        if (checksum is null || Sha256(bytes) != checksum)
            throw new ModelFormatException($"Model file '{path}' is damaged: the checksum of {name} does not match its manifest.");
        return bytes;
    }

    private static byte[] ReadAll(string path, ZipArchiveEntry entry)
    {
        try
        {
            using Stream stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"Model file '{path}' is damaged or truncated: {entry.FullName} cannot be read ({e.Message}).", e);
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented)) write(writer);
        return buffer.ToArray();
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
