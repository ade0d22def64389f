using System.Text;

namespace Doppel.IO;

/// <summary>Tells whether a UTF-8 cell, trimmed of surrounding ASCII whitespace, is one of the null tokens.</summary>
internal sealed class NullTokenMatcher
{
    private readonly byte[][] _tokens;
    private readonly int _maxLength;

    public NullTokenMatcher(IReadOnlyList<string> tokens)
    {
        _tokens = [.. tokens.Select(Encoding.UTF8.GetBytes)];
        _maxLength = _tokens.Length == 0 ? -1 : _tokens.Max(t => t.Length);
    }

    public bool IsNull(ReadOnlySpan<byte> cell)
    {
        if (_tokens.Length == 0) return false;
        // Most cells are longer than every token and untrimmed: they are rejected before any trimming or comparing.
        if (cell.Length > _maxLength && !AsciiWhitespace.Contains(cell[0]) && !AsciiWhitespace.Contains(cell[^1])) return false;
        ReadOnlySpan<byte> trimmed = cell.Trim(AsciiWhitespace);
        foreach (byte[] token in _tokens)
            if (trimmed.SequenceEqual(token)) return true;
        return false;
    }

    private static ReadOnlySpan<byte> AsciiWhitespace => " \t\r\n\v\f"u8;
}
