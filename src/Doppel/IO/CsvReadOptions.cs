namespace Doppel.IO;

/// <summary>How <see cref="CsvTableReader"/> reads a CSV file. Immutable; change with <c>with</c>.</summary>
public sealed record CsvReadOptions
{
    private static readonly string[] DefaultTokens = ["", "NA", "N/A", "null", "NULL", "?", "NaN", "None"];

    /// <summary>The default null tokens: an empty cell, NA, N/A, null, NULL, ?, NaN and None.</summary>
    public static IReadOnlyList<string> DefaultNullTokens => DefaultTokens;

    /// <summary>The field delimiter, or null (the default) to detect it among ',' ';' tab and '|'.</summary>
    public char? Delimiter
    {
        get;
        init
        {
            if (value is char c) CheckDelimiter(c, nameof(Delimiter));
            field = value;
        }
    }

    /// <summary>
    /// Cell values read as missing, compared case-sensitively after trimming the cell's surrounding ASCII
    /// whitespace (default: <see cref="DefaultNullTokens"/>). Include "" to read empty cells as missing.
    /// </summary>
    public IReadOnlyList<string> NullTokens
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(NullTokens));
            for (int i = 0; i < value.Count; i++)
            {
                string? token = value[i];
                if (token is null)
                    throw new ArgumentException($"Null token {i + 1} is null; list the texts that mean 'missing', such as \"NA\".", nameof(NullTokens));
                if (token.Length > 0 && (IsAsciiWhitespace(token[0]) || IsAsciiWhitespace(token[^1])))
                    throw new ArgumentException($"Null token \"{token}\" has surrounding whitespace, but cells are trimmed before they are compared, so it could never match. Remove the whitespace.", nameof(NullTokens));
            }
            field = [.. value];
        }
    } = DefaultTokens;

    /// <summary>The rule for a delimiter, the same for reading and writing.</summary>
    internal static void CheckDelimiter(char delimiter, string parameterName)
    {
        if (delimiter > 127 || delimiter is '"' or '\r' or '\n' || char.IsAsciiLetterOrDigit(delimiter))
            throw new ArgumentOutOfRangeException(parameterName, delimiter,
                "The delimiter must be an ASCII character that is not a letter, a digit, a quote or a line break (such as ',' ';' '|' or tab).");
    }

    internal static bool IsAsciiWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\v' or '\f';
}
