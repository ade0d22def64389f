using System.Globalization;
using System.Net;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Privacy;

// Network addresses and numbers with check rules: cards (Luhn), IBANs (mod 97), US social security numbers.
public sealed partial class PiiFaker
{
    private const string DefaultSsnPattern = "###-##-####";

    private static string NextIPv4(Rng rng)
    {
        while (true)
        {
            int a = rng.NextInt(1, 224); // no "this network" (0/8), multicast or reserved (224+)
            int b = rng.NextInt(256);
            if (IsSpecialIPv4(a, b)) continue;
            int c = rng.NextInt(256), d = rng.NextInt(1, 255);
            return string.Create(CultureInfo.InvariantCulture, $"{a}.{b}.{c}.{d}");
        }
    }

    /// <summary>Private, loopback, shared, link-local and benchmarking ranges, which look wrong in a column of real addresses.</summary>
    private static bool IsSpecialIPv4(int a, int b) =>
        a is 10 or 127
        || (a == 100 && b is >= 64 and <= 127)
        || (a == 169 && b == 254)
        || (a == 172 && b is >= 16 and <= 31)
        || (a == 192 && b is 168 or 0)
        || (a == 198 && b is 18 or 19);

    private static string NextIPv6(Rng rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes[..8], rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], rng.NextUInt64());
        // 2001:db8::/32 is reserved for documentation: never a real host.
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = 0xb8;
        return new IPAddress(bytes).ToString();
    }

    /// <summary>Why a pattern cannot shape values of this kind, or null when it can (or the kind ignores patterns).</summary>
    internal static string? PatternProblem(PiiKind kind, string pattern)
    {
        int digits = pattern.Count(c => c == '#');
        return kind switch
        {
            PiiKind.CreditCard when digits is < 12 or > 19 =>
                $"a credit-card pattern needs 12 to 19 '#' digits, but \"{pattern}\" has {digits}; use e.g. \"#### #### #### ####\"",
            PiiKind.Ssn when digits != 9 =>
                $"an SSN pattern needs exactly 9 '#' digits, but \"{pattern}\" has {digits}; use e.g. \"{DefaultSsnPattern}\" or \"#########\"",
            _ => null,
        };
    }

    private static Func<Rng, string> CreditCardGenerator(string? pattern)
    {
        int digits = pattern is null ? 16 : pattern.Count(c => c == '#');
        string layout = pattern ?? new string('#', 16);
        return rng =>
        {
            Span<char> number = stackalloc char[digits];
            // Visa (4…) or Mastercard (51–55…) prefixes, so the numbers look like the cards people hold.
            int start;
            if (rng.NextInt(2) == 0)
            {
                number[0] = '4';
                start = 1;
            }
            else
            {
                number[0] = '5';
                number[1] = (char)('1' + rng.NextInt(5));
                start = 2;
            }
            for (int i = start; i < digits - 1; i++) number[i] = (char)('0' + rng.NextInt(10));
            number[digits - 1] = CheckDigits.Luhn(number[..(digits - 1)]);
            return PlaceDigits(layout, number);
        };
    }

    private static Func<Rng, string> SsnGenerator(string? pattern)
    {
        string layout = pattern ?? DefaultSsnPattern;
        return rng =>
        {
            // Area 001–899 except 666, group 01–99, serial 0001–9999: the rules the SSA issues numbers by.
            int area;
            do area = rng.NextInt(1, 900); while (area == 666);
            int group = rng.NextInt(1, 100), serial = rng.NextInt(1, 10_000);
            Span<char> number = stackalloc char[9];
            area.TryFormat(number[..3], out _, "D3", CultureInfo.InvariantCulture);
            group.TryFormat(number[3..5], out _, "D2", CultureInfo.InvariantCulture);
            serial.TryFormat(number[5..], out _, "D4", CultureInfo.InvariantCulture);
            return PlaceDigits(layout, number);
        };
    }

    /// <summary>Writes <paramref name="digits"/> into the '#' positions of <paramref name="layout"/>, keeping its other characters.</summary>
    private static string PlaceDigits(string layout, ReadOnlySpan<char> digits)
    {
        Span<char> result = stackalloc char[layout.Length];
        int next = 0;
        for (int i = 0; i < layout.Length; i++)
            result[i] = layout[i] == '#' && next < digits.Length ? digits[next++] : layout[i];
        return new string(result);
    }

    /// <summary>The IBAN country of a locale: its region when it has one we generate, else its language's country, else Germany.</summary>
    internal static string IbanCountryFor(string locale) => locale switch
    {
        "de_AT" => "AT",
        "de_CH" or "fr_CH" => "CH",
        "en_GB" => "GB",
        "en_IE" => "IE",
        "nl_BE" => "BE",
        "nl" => "NL",
        "fr" => "FR",
        "es" => "ES",
        _ => "DE",
    };

    private static Func<Rng, string> IbanGenerator(string country, string? pattern)
    {
        bool grouped = pattern is not null && pattern.Contains(' ');
        return rng =>
        {
            string bban = NextBban(country, rng);
            string iban = country + CheckDigits.Iban(country, bban) + bban;
            return grouped ? Group(iban) : iban;
        };
    }

    private static string NextBban(string country, Rng rng)
    {
        switch (country)
        {
            case "GB" or "IE": return Letters(rng, 4) + Digits(rng, 14); // bank, sort code, account
            case "NL": return Letters(rng, 4) + Digits(rng, 10);
            case "AT": return NonZeroDigit(rng) + Digits(rng, 15);
            case "CH": return NonZeroDigit(rng) + Digits(rng, 16);
            case "FR":
            {
                string bank = NonZeroDigit(rng) + Digits(rng, 4), branch = Digits(rng, 5), account = Digits(rng, 11);
                int key = CheckDigits.FrenchRibKey(long.Parse(bank, CultureInfo.InvariantCulture), long.Parse(branch, CultureInfo.InvariantCulture), long.Parse(account, CultureInfo.InvariantCulture));
                return bank + branch + account + key.ToString("D2", CultureInfo.InvariantCulture);
            }
            case "ES":
            {
                string bankBranch = NonZeroDigit(rng) + Digits(rng, 7), account = Digits(rng, 10);
                char first = CheckDigits.SpanishControl("00" + bankBranch), second = CheckDigits.SpanishControl(account);
                return string.Concat(bankBranch, first.ToString(), second.ToString(), account);
            }
            case "BE":
            {
                string firstTen = NonZeroDigit(rng) + Digits(rng, 9);
                int check = CheckDigits.BelgianCheck(long.Parse(firstTen, CultureInfo.InvariantCulture));
                return firstTen + check.ToString("D2", CultureInfo.InvariantCulture);
            }
            default: return NonZeroDigit(rng) + Digits(rng, 17); // DE: bank code (8) and account (10)
        }
    }

    private static string Group(string iban)
    {
        var builder = new System.Text.StringBuilder(iban.Length + iban.Length / 4);
        for (int i = 0; i < iban.Length; i++)
        {
            if (i > 0 && i % 4 == 0) builder.Append(' ');
            builder.Append(iban[i]);
        }
        return builder.ToString();
    }

    private static string Digits(Rng rng, int count) => string.Create(count, rng, static (span, r) =>
    {
        for (int i = 0; i < span.Length; i++) span[i] = (char)('0' + r.NextInt(10));
    });

    private static string NonZeroDigit(Rng rng) => ((char)('1' + rng.NextInt(9))).ToString();

    private static string Letters(Rng rng, int count) => string.Create(count, rng, static (span, r) =>
    {
        for (int i = 0; i < span.Length; i++) span[i] = (char)('A' + r.NextInt(26));
    });
}
