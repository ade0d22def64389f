namespace Doppel.Privacy;

/// <summary>Check digits for generating valid-looking identifiers (validation lives elsewhere).</summary>
internal static class CheckDigits
{
    /// <summary>The Luhn digit to append to <paramref name="digits"/> (ASCII '0'-'9') so that the whole number passes the Luhn check.</summary>
    public static char Luhn(ReadOnlySpan<char> digits)
    {
        int sum = 0;
        // Counting from the right of the final number, the appended digit is position 1, so the last payload digit is doubled.
        bool doubleIt = true;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>The two IBAN check digits (ISO 13616, mod 97) for a country code and BBAN of digits and upper-case letters.</summary>
    public static string Iban(string countryCode, ReadOnlySpan<char> bban)
    {
        int remainder = 0;
        foreach (char c in bban) remainder = Append(remainder, c);
        foreach (char c in countryCode) remainder = Append(remainder, c);
        remainder = Append(Append(remainder, '0'), '0');
        int check = 98 - remainder;
        return check.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The French RIB key: 97 minus (89 bank + 15 branch + 3 account) mod 97, for all-digit parts.</summary>
    public static int FrenchRibKey(long bank, long branch, long account) => (int)(97 - (89 * bank + 15 * branch + 3 * account) % 97);

    /// <summary>One Spanish account-number control digit (weights 1,2,4,8,5,10,9,7,3,6, modulo 11) over ten digits.</summary>
    public static char SpanishControl(ReadOnlySpan<char> tenDigits)
    {
        ReadOnlySpan<int> weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
        int sum = 0;
        for (int i = 0; i < 10; i++) sum += (tenDigits[i] - '0') * weights[i];
        int digit = 11 - sum % 11;
        return digit switch { 11 => '0', 10 => '1', _ => (char)('0' + digit) };
    }

    /// <summary>The Belgian account check: the first ten digits mod 97, with 0 written as 97.</summary>
    public static int BelgianCheck(long firstTenDigits)
    {
        int r = (int)(firstTenDigits % 97);
        return r == 0 ? 97 : r;
    }

    private static int Append(int remainder, char c)
    {
        if (c is >= '0' and <= '9') return (remainder * 10 + (c - '0')) % 97;
        int value = char.ToUpperInvariant(c) - 'A' + 10; // letters count as two digits, A = 10 … Z = 35
        return (remainder * 100 + value) % 97;
    }
}
