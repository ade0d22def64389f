namespace Doppel.IO;

/// <summary>Tells a table file's format from its extension.</summary>
public static class TableFileFormats
{
    private static readonly (string Extension, TableFileFormat Format)[] Known =
    [
        (".csv", TableFileFormat.Csv),
        (".tsv", TableFileFormat.Csv),
        (".txt", TableFileFormat.Csv),
        (".jsonl", TableFileFormat.JsonLines),
        (".ndjson", TableFileFormat.JsonLines),
    ];

    /// <summary>The extensions understood, each with its format, in the order messages list them.</summary>
    public static IReadOnlyList<(string Extension, TableFileFormat Format)> Extensions => Known;

    /// <summary>The format of a path by its extension (case-insensitive); an unknown extension is a <see cref="UsageException"/>.</summary>
    public static TableFileFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path);
        foreach (var (known, format) in Known)
            if (extension.Equals(known, StringComparison.OrdinalIgnoreCase)) return format;
        string what = extension.Length == 0 ? "has no extension" : $"has the extension '{extension}'";
        throw new UsageException($"Cannot tell the format of '{path}': it {what}. Supported: .csv, .tsv and .txt (CSV; .tsv is tab-separated) and .jsonl and .ndjson (JSON Lines). Rename the file or choose a path with one of these extensions.");
    }

    /// <summary>Whether the path names a tab-separated file (.tsv).</summary>
    public static bool IsTabSeparated(string path) =>
        Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase);
}
