namespace Doppel.Privacy;

/// <summary>Check-digit algorithms of personal identifiers: Luhn (payment cards) and ISO 7064 mod 97-10 (IBAN).</summary>
public static class Checksums
{
    /// <summary>True when the digits pass the Luhn check; spaces and dashes are ignored, any other character fails.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> number)
    {
        int sum = 0, digits = 0;
        for (int i = number.Length - 1; i >= 0; i--)
        {
            char c = number[i];
            if (c is ' ' or '-') continue;
            if (c is < '0' or > '9') return false;
            int digit = c - '0';
            if (digits % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
            digits++;
        }
        return digits > 1 && sum % 10 == 0;
    }

    /// <summary>The digit to append to <paramref name="digits"/> so that the whole passes the Luhn check.</summary>
    public static char LuhnCheckDigit(ReadOnlySpan<char> digits)
    {
        int sum = 0, position = 0;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            char c = digits[i];
            if (c is ' ' or '-') continue;
            if (c is < '0' or > '9')
                throw new ArgumentException($"'{c}' is not a digit; a Luhn number holds digits, spaces and dashes only.", nameof(digits));
            int digit = c - '0';
            // The check digit will take position 0, so the doubling starts at this string's last digit.
            if (position % 2 == 0)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
            position++;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>True for an IBAN whose country letters, two check digits and 11–30 letters or digits pass mod 97 (spaces ignored).</summary>
    public static bool IsIbanValid(ReadOnlySpan<char> iban)
    {
        Span<char> compact = stackalloc char[34];
        int length = 0;
        foreach (char c in iban)
        {
            if (c == ' ') continue;
            if (length == compact.Length || !char.IsAsciiLetterOrDigit(c)) return false;
            compact[length++] = char.ToUpperInvariant(c);
        }
        if (length < 15 || !char.IsAsciiLetter(compact[0]) || !char.IsAsciiLetter(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
            return false;
        return Mod97(compact[4..length], compact[..4]) == 1;
    }

    /// <summary>The two check digits of an IBAN with this country code and BBAN (letters and digits).</summary>
    public static string IbanCheckDigits(string countryCode, string bban)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        ArgumentNullException.ThrowIfNull(bban);
        if (countryCode.Length != 2 || !char.IsAsciiLetter(countryCode[0]) || !char.IsAsciiLetter(countryCode[1]))
            throw new ArgumentException($"Country code \"{countryCode}\" must be two letters such as \"DE\".", nameof(countryCode));
        if (bban.Length == 0 || !bban.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException("The BBAN must be one or more ASCII letters or digits.", nameof(bban));
        string tail = countryCode.ToUpperInvariant() + "00";
        int check = 98 - Mod97(bban.ToUpperInvariant(), tail);
        return check.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    // The IBAN rule moves the first four characters to the end and reads letters as 10..35.
    private static int Mod97(ReadOnlySpan<char> head, ReadOnlySpan<char> tail)
    {
        int remainder = 0;
        foreach (char c in head) remainder = Append(remainder, c);
        foreach (char c in tail) remainder = Append(remainder, c);
        return remainder;

        static int Append(int remainder, char c) => char.IsAsciiDigit(c)
            ? (remainder * 10 + (c - '0')) % 97
            : (remainder * 100 + (char.ToUpperInvariant(c) - 'A' + 10)) % 97;
    }
}
