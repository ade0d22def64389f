using System.Text;
using Doppel.Data;

namespace Doppel.Privacy;

/// <summary>
/// Hides a value so that only its shape shows, for examples in profiles and messages:
/// <c>j***@e***.com</c>, <c>+1 (***) ***-**12</c>, <c>****-****-****-0470</c>, <c>B***, M***. O*** H***</c>.
/// A masked value never contains the value it hides (for values of two or more characters).
/// </summary>
public static class ValueMasker
{
    // Free text is cut after this many words; the rest adds nothing to the shape.
    private const int MaxWords = 6;

    /// <summary>The masked form of a value of the given kind (null: an id, a code or free text).</summary>
    public static string Mask(string value, PiiKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return kind switch
        {
            PiiKind.Email => MaskEmail(value),
            PiiKind.Url => MaskUrl(value),
            PiiKind.Phone => KeepLastDigits(value, 2, ExtensionStart(value), isPhone: true),
            PiiKind.CreditCard => KeepLastDigits(value, 4, value.Length, isPhone: false),
            PiiKind.Ssn => KeepLastDigits(value, 2, value.Length, isPhone: false),
            PiiKind.Iban => value.Length > 4 ? value[..2] + KeepLastDigits(value[2..], 2, value.Length - 2, isPhone: false) : new string('*', value.Length),
            PiiKind.IPv4 or PiiKind.IPv6 or PiiKind.PostalCode => StarAll(value),
            _ => MaskWords(value),
        };
    }

    private static string MaskEmail(string value)
    {
        int at = value.LastIndexOf('@');
        if (at < 0) return MaskWords(value);
        return Initial(value[..at]) + "@" + MaskHost(value[(at + 1)..]);
    }

    private static string MaskUrl(string value)
    {
        int schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        string scheme = schemeEnd < 0 ? "" : value[..(schemeEnd + 3)];
        string rest = value[scheme.Length..];
        int pathStart = rest.IndexOfAny(['/', '?', '#', ':']);
        string host = pathStart < 0 ? rest : rest[..pathStart];
        return scheme + MaskHost(host) + (pathStart < 0 ? "" : "/***");
    }

    /// <summary>"mail.example.com" → "m***.e***.com": the top-level domain says little about anyone.</summary>
    private static string MaskHost(string host)
    {
        string[] labels = host.Split('.');
        if (labels.Length == 1) return Initial(host);
        return string.Join('.', labels[..^1].Select(Initial).Append(labels[^1]));
    }

    private static string Initial(string part) => part.Length switch
    {
        0 => "",
        1 => "*",
        _ => part[0] + "***",
    };

    private static int ExtensionStart(string value)
    {
        for (int i = 1; i < value.Length; i++)
            if (value[i] is 'x' or 'X' or '#' || value[i] == 'e' && value.AsSpan(i).StartsWith("ext")) return i;
        return value.Length;
    }

    /// <summary>Every digit (and, except in phones, every letter) becomes '*', except the last <paramref name="keep"/> digits before <paramref name="end"/> and, for phones, a leading +country code.</summary>
    private static string KeepLastDigits(string value, int keep, int end, bool isPhone)
    {
        var builder = new StringBuilder(value);
        int digitsBeforeEnd = CountDigits(value.AsSpan(0, end));
        // Showing the last digits of a short number would show most of it.
        int shown = digitsBeforeEnd >= 7 ? keep : 0;
        int countryEnd = 0;
        if (isPhone && value.StartsWith('+'))
        {
            countryEnd = 1;
            while (countryEnd < value.Length && countryEnd <= 3 && char.IsAsciiDigit(value[countryEnd])) countryEnd++;
        }
        int digitIndex = 0;
        for (int i = 0; i < builder.Length; i++)
        {
            char c = builder[i];
            // In a phone the only letters are extension markers ("x", "ext"): they are not part of the number.
            if (!char.IsAsciiDigit(c) && (isPhone || !char.IsLetterOrDigit(c))) continue;
            bool isDigitBeforeEnd = char.IsAsciiDigit(c) && i < end;
            bool keepThis = i < countryEnd || isDigitBeforeEnd && digitIndex >= digitsBeforeEnd - shown;
            if (isDigitBeforeEnd) digitIndex++;
            if (!keepThis) builder[i] = '*';
        }
        return builder.ToString();
    }

    private static string StarAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
            builder.Append(char.IsLetterOrDigit(c) ? '*' : c);
        return builder.ToString();
    }

    /// <summary>Each run of letters keeps its first letter ("Owen" → "O***"), digits become '*', punctuation stays; long text is cut.</summary>
    private static string MaskWords(string value)
    {
        var builder = new StringBuilder();
        int words = 0, i = 0;
        while (i < value.Length)
        {
            char c = value[i];
            if (char.IsLetter(c))
            {
                int start = i;
                while (i < value.Length && char.IsLetter(value[i])) i++;
                builder.Append(Initial(value[start..i]));
                continue;
            }
            if (char.IsWhiteSpace(c) && ++words >= MaxWords && i + 1 < value.Length)
            {
                builder.Append(" …");
                break;
            }
            builder.Append(char.IsDigit(c) ? '*' : c);
            i++;
        }
        return builder.ToString();
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        int count = 0;
        foreach (char c in text)
            if (char.IsAsciiDigit(c)) count++;
        return count;
    }
}
