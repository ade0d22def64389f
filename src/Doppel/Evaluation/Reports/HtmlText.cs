using System.Text;

namespace Doppel.Evaluation.Reports;

/// <summary>Escaping for text placed in HTML and inline SVG, element content and attribute values alike.</summary>
internal static class HtmlText
{
    /// <summary>
    /// The text with <c>&amp; &lt; &gt; " '</c> escaped, and characters that have no place in a document (control
    /// characters other than tab and line breaks, lone surrogates) replaced by U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => null,
                _ when char.IsControl(c) => "\uFFFD",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]) => null,
                _ when char.IsSurrogate(c) => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }
            builder ??= new StringBuilder(text, 0, i, text.Length + 16);
            builder.Append(replacement);
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>At most <paramref name="maxLength"/> characters, ending in "…" when cut; never splits a surrogate pair.</summary>
    public static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        int cut = Math.Max(1, maxLength - 1);
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
