namespace Doppel.IO;

/// <summary>The file formats Doppel reads and writes tables in.</summary>
public enum TableFileFormat
{
    /// <summary>Delimited text with a header row (.csv, .tsv, .txt).</summary>
    Csv,

    /// <summary>One JSON object per line (.jsonl, .ndjson).</summary>
    JsonLines,
}
