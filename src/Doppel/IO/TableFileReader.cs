namespace Doppel.IO;

/// <summary>Reads a table file of any supported format, chosen by its extension (see <see cref="TableFileFormats"/>).</summary>
public static class TableFileReader
{
    /// <summary>
    /// Reads a CSV (.csv, .txt; .tsv with a tab delimiter unless <paramref name="options"/> sets one) or JSON Lines
    /// (.jsonl, .ndjson) file. CSV options do not apply to JSON Lines.
    /// </summary>
    public static RawTable Read(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        TableFileFormat format = TableFileFormats.FromPath(path);
        if (format == TableFileFormat.JsonLines) return JsonLinesReader.Read(path);

        options ??= new CsvReadOptions();
        string origin = "set in the options";
        if (options.Delimiter is null && TableFileFormats.IsTabSeparated(path))
        {
            options = options with { Delimiter = '\t' };
            origin = "that its .tsv extension implies";
        }
        using FileStream file = InputFile.OpenRead(path);
        return CsvTableReader.Read(file, path, options, origin);
    }
}
