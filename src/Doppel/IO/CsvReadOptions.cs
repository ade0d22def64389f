namespace Doppel.IO;

/// <summary>
/// How <see cref="CsvTableReader"/> reads a CSV file. Immutable; change with <c>with</c>. Invalid values are a
/// <see cref="UsageException"/>, since they usually come straight from a command line.
/// </summary>
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
            if (value is char c && !IsValidDelimiter(c))
                throw new UsageException($"The delimiter '{c}' cannot separate fields: {DelimiterRule}.");
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
                    throw new UsageException($"Null token {i + 1} is null; list the texts that mean 'missing', such as \"NA\".");
                if (token.Length > 0 && (IsAsciiWhitespace(token[0]) || IsAsciiWhitespace(token[^1])))
                    throw new UsageException($"Null token \"{token}\" has surrounding whitespace, but cells are trimmed before they are compared, so it could never match. Remove the whitespace.");
            }
            field = [.. value];
        }
    } = DefaultTokens;

    /// <summary>The rule for a delimiter, the same for reading and writing.</summary>
    internal const string DelimiterRule = "the delimiter must be an ASCII character that is not a letter, a digit, a quote or a line break (such as ',' ';' '|' or tab)";

    internal static bool IsValidDelimiter(char delimiter) =>
        delimiter <= 127 && delimiter is not ('"' or '\r' or '\n') && !char.IsAsciiLetterOrDigit(delimiter);

    internal static bool IsAsciiWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\v' or '\f';
}
