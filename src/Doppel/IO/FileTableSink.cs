using System.Text;
using Doppel.Data;
using Doppel.Synthesizers.Sampling;

namespace Doppel.IO;

/// <summary>
/// Writes sampled blocks to a CSV or JSON Lines file: blocks are formatted and encoded in parallel, written
/// in order to a temporary file beside the target, and renamed into place on commit.
/// </summary>
public sealed class FileTableSink : ITableSink<byte[]>
{
    private readonly Metadata _metadata;
    private readonly TableFileFormat _format;
    private readonly char _delimiter;
    private readonly string[] _names;
    private readonly JsonCellKind[] _kinds;
    private readonly AtomicFileWriter _file;

    /// <summary>Opens the output; the format follows the extension (.csv, .tsv, .jsonl, .ndjson).</summary>
    public FileTableSink(string path, Metadata metadata, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(metadata);
        _metadata = metadata;
        _format = TableFileFormats.FromPath(path);
        _delimiter = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        _names = [.. metadata.Columns.Select(c => c.Name)];
        _kinds = [.. metadata.Columns.Select(KindOf)];
        _file = AtomicFileWriter.Create(path, overwrite);
        if (_format == TableFileFormat.Csv)
            _file.Stream.Write(CsvBlockEncoder.Encode(_names, [.. _names.Select(_ => Array.Empty<string?>())], 0, includeHeader: true, _delimiter));
    }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten => _file.Stream.Position;

    public byte[] Encode(Table block)
    {
        if (_format == TableFileFormat.Csv) return CsvTableEncoder.Encode(block, _metadata, _delimiter);
        return JsonLinesBlockEncoder.Encode(_names, ValueFormatter.FormatTable(block, _metadata), _kinds, block.RowCount);
    }

    public void Write(byte[] encoded) => _file.Stream.Write(encoded);

    public void Commit() => _file.Commit();

    public void Dispose() => _file.Dispose();

    private static JsonCellKind KindOf(ColumnMetadata column) => column.Type switch
    {
        ColumnType.Numerical => JsonCellKind.Number,
        _ => JsonCellKind.String,
    };

    /// <summary>Writes a whole table to a file (CSV or JSON Lines by extension), atomically.</summary>
    public static void WriteTable(string path, Table table, Metadata metadata, bool overwrite = false)
    {
        using var sink = new FileTableSink(path, metadata, overwrite);
        sink.Write(sink.Encode(table));
        sink.Commit();
    }
}
