namespace Doppel.IO;

/// <summary>
/// Counts, for each candidate delimiter, the fields of the first records of a CSV file (quotes respected,
/// blank lines skipped), to detect the delimiter and to tell a wrong one from a one-column file.
/// </summary>
internal sealed class DelimiterScanner
{
    /// <summary>The delimiters detection chooses among, in order of preference when they tie.</summary>
    public static readonly char[] Candidates = [',', ';', '\t', '|'];

    private readonly char[] _delimiters;
    private readonly int _maxRecords;
    private readonly List<int[]> _records = [];
    private int[] _current;
    private bool _inQuotes;
    private bool _lineHasContent;

    public DelimiterScanner(IEnumerable<char> delimiters, int maxRecords)
    {
        _delimiters = [.. delimiters.Distinct()];
        _maxRecords = maxRecords;
        _current = NewCounts();
    }

    /// <summary>Records counted so far (the header included).</summary>
    public int RecordCount => _records.Count;

    /// <summary>Whether enough records have been seen.</summary>
    public bool IsComplete => _records.Count >= _maxRecords;

    /// <summary>The bytes looked at, up to the end of the last record counted when the scan is complete.</summary>
    public long BytesScanned { get; private set; }

    /// <summary>Whether every byte seen so far was whitespace.</summary>
    public bool OnlyWhitespace { get; private set; } = true;

    /// <summary>Scans more of the file (after any byte order mark); stops early once enough records were seen.</summary>
    public void Feed(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            if (IsComplete) return;
            BytesScanned++;
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) OnlyWhitespace = false;
            if (b == '"')
            {
                _inQuotes = !_inQuotes;
                _lineHasContent = true;
            }
            else if (_inQuotes) continue;
            else if (b == '\n') EndLine();
            else if (b != '\r')
            {
                if (b != ' ') _lineHasContent = true;
                for (int i = 0; i < _delimiters.Length; i++)
                    if (b == _delimiters[i]) _current[i]++;
            }
        }
    }

    /// <summary>Ends the last record when the input ended without a line break.</summary>
    public void Finish()
    {
        if (!_inQuotes && !IsComplete) EndLine();
    }

    /// <summary>The field count of the header row for a delimiter, or 0 when nothing was seen.</summary>
    public int HeaderFields(char delimiter) => _records.Count == 0 ? 0 : _records[0][Index(delimiter)] + 1;

    /// <summary>The candidate that splits every scanned record into the same number (> 1) of fields, preferring more fields.</summary>
    public (char Delimiter, int Fields)? Consistent()
    {
        (char, int)? best = null;
        foreach (char candidate in Candidates)
        {
            int index = Array.IndexOf(_delimiters, candidate);
            if (index < 0 || _records.Count == 0) continue;
            int fields = _records[0][index] + 1;
            if (fields <= 1 || _records.Any(r => r[index] + 1 != fields)) continue;
            if (best is null || fields > best.Value.Item2) best = (candidate, fields);
        }
        return best;
    }

    /// <summary>
    /// For a file where no candidate is consistent (some rows are ragged): the candidate whose header has
    /// more than one field and that most rows agree with, so the ragged rows can be reported; else null.
    /// </summary>
    public char? MostlyConsistent()
    {
        (char Delimiter, int Agreeing)? best = null;
        foreach (char candidate in Candidates)
        {
            int index = Array.IndexOf(_delimiters, candidate);
            if (index < 0 || _records.Count == 0 || _records[0][index] == 0) continue;
            int agreeing = _records.Count(r => r[index] == _records[0][index]);
            if (2 * agreeing > _records.Count && (best is null || agreeing > best.Value.Agreeing)) best = (candidate, agreeing);
        }
        return best?.Delimiter;
    }

    private void EndLine()
    {
        if (_lineHasContent) _records.Add(_current);
        _current = NewCounts();
        _lineHasContent = false;
    }

    private int Index(char delimiter)
    {
        int index = Array.IndexOf(_delimiters, delimiter);
        if (index < 0) throw new ArgumentException($"'{delimiter}' was not scanned.", nameof(delimiter));
        return index;
    }

    private int[] NewCounts() => new int[_delimiters.Length];
}
