using System.Security.Cryptography;
using Doppel.Data;

namespace Doppel.IO;

/// <summary>A data file read, described and typed: what <c>fit</c>, <c>synth</c> and <c>profile</c> start from.</summary>
public sealed record LoadedTable(RawTable Raw, Metadata Metadata, Table Table, string SourceName, string Sha256);

/// <summary>Reads a data file (CSV or JSON Lines), detects or loads its metadata and builds the typed table.</summary>
public static class TableLoader
{
    /// <summary>Loads <paramref name="path"/>; with <paramref name="metadataPath"/> the metadata is read from that file and checked against the data, else detected.</summary>
    public static LoadedTable Load(string path, string? metadataPath = null, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RawTable raw = TableFileReader.Read(path, options);
        Metadata metadata = metadataPath is null ? Profiler.Detect(raw) : MetadataJson.Load(metadataPath);
        Table table = TableBuilder.Build(raw, metadata);
        return new LoadedTable(raw, metadata, table, Path.GetFileName(path), HashFile(path));
    }

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string HashFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
