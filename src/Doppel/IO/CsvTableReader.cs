using CsvHelper;

namespace Doppel.IO;

/// <summary>
/// Reads a CSV file into a <see cref="RawTable"/> of strings: header row, detected or given delimiter, RFC 4180
/// quoting, UTF-8 with or without byte order mark, null tokens as missing. Bad input fails with a
/// <see cref="DataFormatException"/> that names the file, the line and the fix.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Records looked at to detect the delimiter: the header and 50 rows.</summary>
    private const int RecordsToScan = 51;

    /// <summary>Detection stops here even if fewer records were seen (a few huge records).</summary>
    private const int MaxScanBytes = 16 << 20;

    private const int ReadChunk = 64 << 10;

    /// <summary>Reads a CSV file.</summary>
    public static RawTable Read(string path, CsvReadOptions? options = null)
    {
        using FileStream file = InputFile.OpenRead(path);
        return Read(file, path, options ?? new CsvReadOptions(), "set in the options");
    }

    /// <summary>Reads CSV from a stream (left open); <paramref name="sourceName"/> names it in messages.</summary>
    public static RawTable Read(Stream stream, string sourceName, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Read(stream, sourceName, options ?? new CsvReadOptions(), "set in the options");
    }

    /// <summary>Reads CSV from a stream; <c>delimiterOrigin</c> says where a given delimiter came from, for the wrong-delimiter message.</summary>
    internal static RawTable Read(Stream stream, string source, CsvReadOptions options, string delimiterOrigin)
    {
        long? length = stream.CanSeek ? stream.Length - stream.Position : null;
        var input = new Utf8ValidatingStream(stream, source);
        var (prefix, prefixLength, delimiter, scanned) = DetectDelimiter(input, source, options, delimiterOrigin);

        long unterminatedQuoteLine = 0;
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = true,
            TrackLineNumbers = true,
            // Per-column de-duplication: a categorical column then holds a few string instances, not one per row.
            PoolStrings = true,
            DetectSeparatorHint = false,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote && unterminatedQuoteLine == 0)
                    unterminatedQuoteLine = record.LineNumber;
            },
        };
        using var reader = CsvReader.Create(new PrefixedStream(prefix, prefixLength, input), csvOptions, leaveOpen: true);

        string[] names = [.. reader.Headers.Select(h => h.Trim())];
        if (unterminatedQuoteLine > 0) throw TableReadErrors.UnterminatedQuote(source, unterminatedQuoteLine);
        CheckHeader(source, names);

        int columnCount = names.Length;
        var columns = new List<string?>[columnCount];
        int capacity = EstimateRows(length, scanned.Bytes, scanned.Records);
        for (int i = 0; i < columnCount; i++) columns[i] = new List<string?>(capacity);
        var lineNumbers = new List<int>(capacity);
        var nulls = new NullTokenMatcher(options.NullTokens);
        var raggedExamples = new List<(long Line, int Fields)>();
        int raggedTotal = 0;

        while (reader.Read())
        {
            int fieldCount = reader.FieldCount;
            if (fieldCount != columnCount)
            {
                // A line of spaces is a blank line that the parser did not skip, not a one-field row.
                if (fieldCount == 1 && reader.GetSpan(0).Trim(" \t"u8).IsEmpty) continue;
                if (raggedExamples.Count < TableReadErrors.MaxExamples) raggedExamples.Add((reader.LineNumber, fieldCount));
                raggedTotal++;
                continue;
            }
            if (raggedTotal > 0) continue; // the read will fail; only the remaining ragged rows are still counted
            for (int i = 0; i < columnCount; i++)
                columns[i].Add(nulls.IsNull(reader.GetSpan(i)) ? null : reader.GetString(i));
            lineNumbers.Add(checked((int)reader.LineNumber));
        }

        if (unterminatedQuoteLine > 0) throw TableReadErrors.UnterminatedQuote(source, unterminatedQuoteLine);
        if (raggedTotal > 0) throw TableReadErrors.RaggedRows(source, columnCount, raggedTotal, raggedExamples, delimiter);
        if (lineNumbers.Count == 0) throw TableReadErrors.HeaderOnly(source);
        return new RawTable(source, names, [.. columns.Select(c => c.ToArray())], [.. lineNumbers]);
    }

    /// <summary>
    /// Reads the start of the input (kept, to be replayed to the parser) and picks the delimiter: the given one,
    /// unless it yields one column where another candidate yields a consistent table; else the detected one.
    /// </summary>
    private static (byte[] Prefix, int Length, char Delimiter, (long Bytes, int Records) Scanned) DetectDelimiter(Stream input, string source, CsvReadOptions options, string delimiterOrigin)
    {
        byte[] prefix = new byte[ReadChunk];
        int filled = 0;
        bool ended = false;
        while (filled < 3 && !ended)
        {
            int n = input.Read(prefix.AsSpan(filled));
            ended = n == 0;
            filled += n;
        }
        int bomLength = prefix.AsSpan(0, filled).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;

        char[] delimiters = options.Delimiter is char given ? [.. DelimiterScanner.Candidates, given] : DelimiterScanner.Candidates;
        var scanner = new DelimiterScanner(delimiters, RecordsToScan);
        scanner.Feed(prefix.AsSpan(bomLength, filled - bomLength));
        while (!scanner.IsComplete && !ended && filled < MaxScanBytes)
        {
            if (filled == prefix.Length) Array.Resize(ref prefix, 2 * prefix.Length);
            int n = input.Read(prefix.AsSpan(filled));
            ended = n == 0;
            scanner.Feed(prefix.AsSpan(filled, n));
            filled += n;
        }
        if (ended) scanner.Finish();
        if (ended && scanner.OnlyWhitespace) throw TableReadErrors.Empty(source);

        var consistent = scanner.Consistent();
        if (options.Delimiter is char chosen)
        {
            if (scanner.HeaderFields(chosen) == 1 && consistent is { } other && other.Delimiter != chosen)
                throw TableReadErrors.WrongDelimiter(source, chosen, delimiterOrigin, other.Delimiter, other.Fields, scanner.RecordCount);
            return (prefix, filled, chosen, (scanner.BytesScanned, scanner.RecordCount));
        }
        // With no consistent candidate, some rows are ragged: parse with the delimiter most rows agree on so that
        // the ragged rows get reported; with none at all the file has one column (and any delimiter will do).
        return (prefix, filled, consistent?.Delimiter ?? scanner.MostlyConsistent() ?? ',', (scanner.BytesScanned, scanner.RecordCount));
    }

    /// <summary>
    /// The row count to reserve room for: the input's length over the bytes per record of its start (a guess, but
    /// off by a small factor at worst for ordinary files). Growing the
    /// columns instead would reallocate each of them many times and hold up to twice the memory.
    /// </summary>
    private static int EstimateRows(long? length, long scannedBytes, int scannedRecords)
    {
        if (length is not long bytes || scannedRecords == 0 || scannedBytes == 0) return 16;
        double estimate = 1.05 * bytes / ((double)scannedBytes / scannedRecords) + 16;
        return (int)Math.Min(estimate, 1 << 26);
    }

    private static void CheckHeader(string source, string[] names)
    {
        var empty = new List<int>();
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                empty.Add(i + 1);
                continue;
            }
            if (!positions.TryGetValue(names[i], out var list))
            {
                positions[names[i]] = list = [];
                order.Add(names[i]);
            }
            list.Add(i + 1);
        }
        var duplicates = order.Where(n => positions[n].Count > 1).Select(n => (n, positions[n])).ToList();
        if (empty.Count > 0 || duplicates.Count > 0) throw TableReadErrors.HeaderProblems(source, empty, duplicates);
    }
}
