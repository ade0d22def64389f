using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Bogus.Bson;

namespace Doppel.Privacy;

// How one value is recognised as each kind of personal data.
public static partial class PiiDetector
{
    [GeneratedRegex(@"^[A-Za-z0-9._%+'\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^(?:(?:https?|ftp)://[^\s/?#]+|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)(?:[/?#:]\S*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex Iban();

    // Area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
    [GeneratedRegex(@"^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ssn();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Shape();

    [GeneratedRegex(@"^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Shape();

    // Optional +country code, optional (area), groups of digits split by space, dot or dash, optional extension.
    [GeneratedRegex(@"^(?<main>(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{1,8}(?:[ .\-]\d{1,8}){0,5})(?:\s*(?:x|ext\.?|#)\s*\d{1,6})?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\+?\d+(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    // US ZIP and ZIP+4, JP, plain 4-6 digit codes, PL, UK and Canadian forms.
    [GeneratedRegex(@"^(?:\d{5}(?:-\d{4})?|\d{3}-\d{4}|\d{4,6}|\d{2}-\d{3}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PostalCode();

    [GeneratedRegex(@"^\d+[A-Za-z]?(?:-\d+[A-Za-z]?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HouseNumber();

    private static readonly Lazy<HashSet<string>> StreetSuffixes = new(LoadStreetSuffixes);

    private static readonly HashSet<string> SecondaryUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "Apt", "Apartment", "Suite", "Ste", "Unit", "Fl", "Floor", "Room", "Rm", "Bldg", "Building",
    };

    private static readonly HashSet<string> Directions = new(StringComparer.OrdinalIgnoreCase)
    {
        "N", "S", "E", "W", "NE", "NW", "SE", "SW", "North", "South", "East", "West",
    };

    private static bool IsCardNumber(string value)
    {
        int digits = 0;
        char previous = ' ';
        foreach (char c in value)
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is not (' ' or '-') || previous is ' ' or '-') return false;
            previous = c;
        }
        // ISO/IEC 7812 allows up to 19 digits; 20 is accepted too because widely used fakers (Bogus) write
        // Luhn-valid 20-digit numbers, and the Luhn check keeps the false positives rare.
        return digits is >= 13 and <= 20 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[^1]) && Checksums.IsLuhnValid(value);
    }

    private static bool IsIPv4(string value)
    {
        if (!IPv4Shape().IsMatch(value)) return false;
        foreach (Range part in value.AsSpan().Split('.'))
            if (int.Parse(value.AsSpan()[part], System.Globalization.CultureInfo.InvariantCulture) > 255) return false;
        return true;
    }

    private static bool IsIPv6(string value) =>
        IPv6Shape().IsMatch(value) && IPAddress.TryParse(value, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsPhone(string value, bool hinted)
    {
        if (PlainNumber().IsMatch(value))
        {
            // A decimal is never a phone; bare digits are one only with a leading '+' (E.164) or when the column's name says phone.
            if (value.Contains('.')) return false;
            int bare = value[0] == '+' ? value.Length - 1 : value.Length;
            return value[0] == '+' ? bare is >= 8 and <= 15 : hinted && bare is >= 7 and <= 15;
        }
        Match match = Phone().Match(value);
        if (!match.Success) return false;
        int digits = CountDigits(match.Groups["main"].ValueSpan);
        return digits is >= 7 and <= 15;
    }

    private static bool IsStreetAddress(string value)
    {
        int comma = value.IndexOf(',');
        string[] words = (comma < 0 ? value : value[..comma]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int end = words.Length;
        for (int i = 2; i < end; i++)
        {
            if (SecondaryUnits.Contains(words[i].TrimEnd('.')) || words[i].StartsWith('#'))
            {
                end = i;
                break;
            }
        }
        if (end > 3 && Directions.Contains(words[end - 1].TrimEnd('.'))) end--;
        return end >= 3 && HouseNumber().IsMatch(words[0]) && StreetSuffixes.Value.Contains(words[end - 1].TrimEnd('.'));
    }

    /// <summary>"Owen Harris", "Dr. Jane van Dyke Jr." (a known first or last name among 2–4 capitalised words), or "Braund, Mr. Owen Harris".</summary>
    private static bool IsPersonName(string value)
    {
        int comma = value.IndexOf(", ", StringComparison.Ordinal);
        if (comma > 0)
        {
            string[] family = value[..comma].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] rest = value[(comma + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (family.Length is 0 or > 3 || rest.Length == 0 || !family.All(IsCapitalisedWord)) return false;
            string next = rest[0].TrimEnd('.');
            return PersonNames.Titles.Contains(next) || IsCapitalisedWord(rest[0]) && (PersonNames.IsFirstName(next) || PersonNames.IsLastName(family[^1]));
        }
        string[] words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int start = 0, end = words.Length;
        while (start < end && PersonNames.Titles.Contains(words[start].TrimEnd('.'))) start++;
        while (end > start && PersonNames.Suffixes.Contains(words[end - 1].TrimEnd('.', ','))) end--;
        if (end - start is < 2 or > 4) return false;
        for (int i = start; i < end; i++)
        {
            // Particles such as "van" or "de" may be lower-case, but not the first or last word.
            if (!IsCapitalisedWord(words[i]) && (i == start || i == end - 1 || !words[i].All(char.IsLetter))) return false;
        }
        return PersonNames.IsFirstName(words[start].TrimEnd('.')) || PersonNames.IsLastName(words[end - 1].TrimEnd(','));
    }

    /// <summary>One to three capitalised words: "Mary", "O'Kon", "Dyer-Edwards", "De La Cruz", "SMITH".</summary>
    private static bool IsNameWord(string value)
    {
        string[] words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 3 && words.All(IsCapitalisedWord);
    }

    private static bool IsCapitalisedWord(string word)
    {
        if (word.Length == 0 || !char.IsUpper(word[0])) return false;
        foreach (char c in word)
            if (!char.IsLetter(c) && c is not ('\'' or '-' or '.' or '’')) return false;
        return true;
    }

    private static HashSet<string> LoadStreetSuffixes()
    {
        var suffixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // USPS and common Commonwealth abbreviations, which Bogus's list (full words) lacks.
            "St", "Str", "Ave", "Av", "Rd", "Ln", "Blvd", "Dr", "Ct", "Pl", "Sq", "Hwy", "Pkwy", "Ter", "Terr", "Cir",
            "Trl", "Aly", "Expy", "Fwy", "Cres", "Cl", "Gr", "Pde", "Cres", "Crt", "Esp", "Hts", "Mnr", "Pk", "Pt", "Rte", "Xing",
            "Close", "Gardens", "Hill", "Mews", "Row", "Walk", "Way", "Wynd", "Boulevard", "Avenue", "Street", "Road", "Lane", "Drive",
        };
        if (Bogus.Database.Get("address", "street_suffix", "en") is BArray array)
        {
            for (int i = 0; i < array.Count; i++)
                suffixes.Add(array[i].StringValue);
        }
        return suffixes;
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        int count = 0;
        foreach (char c in text)
            if (char.IsAsciiDigit(c)) count++;
        return count;
    }
}
