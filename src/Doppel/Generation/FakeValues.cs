using System.Text;
using Doppel.Data;
using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Generation;

/// <summary>
/// The fake-value generators of the schema, by type name: the personal-data kinds of <see cref="PiiFaker"/> plus
/// cities, countries, companies, job titles and lorem text from the same Bogus locale datasets, all drawn with
/// our own generator (no Bogus randomizer, no lock).
/// </summary>
internal static class FakeValues
{
    /// <summary>Type names of the fake generators and the personal-data kind each one is (null for non-personal data).</summary>
    public static readonly IReadOnlyDictionary<string, PiiKind?> Types = new Dictionary<string, PiiKind?>(StringComparer.Ordinal)
    {
        ["first_name"] = PiiKind.FirstName,
        ["last_name"] = PiiKind.LastName,
        ["full_name"] = PiiKind.PersonName,
        ["email"] = PiiKind.Email,
        ["username"] = null,
        ["phone"] = PiiKind.Phone,
        ["street_address"] = PiiKind.StreetAddress,
        ["postal_code"] = PiiKind.PostalCode,
        ["city"] = null,
        ["state"] = null,
        ["country"] = null,
        ["company"] = null,
        ["job_title"] = null,
        ["iban"] = PiiKind.Iban,
        ["credit_card"] = PiiKind.CreditCard,
        ["ssn"] = PiiKind.Ssn,
        ["ipv4"] = PiiKind.IPv4,
        ["ipv6"] = PiiKind.IPv6,
        ["url"] = PiiKind.Url,
        ["lorem"] = null,
    };

    /// <summary>A generator of independent values of a fake type (emails and user names not tied to a name column).</summary>
    public static Func<Rng, string> Create(string type, string locale, string? pattern, int words)
    {
        if (Types[type] is PiiKind kind && type != "email") return PiiFaker.Create(kind, locale, pattern).Next;
        LocaleData data = LocaleData.Get(locale);
        return type switch
        {
            "email" => PiiFaker.Create(PiiKind.Email, locale).Next,
            "username" => UserName(data),
            "city" => Choice(data, "address", "city", "cities"),
            "state" => Choice(data, "address", "state", "states"),
            "country" => Choice(data, "address", "country", "countries"),
            "company" => Choice(data, "company", "name", "company names"),
            "job_title" => JobTitle(data),
            "lorem" => Lorem(data, words),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a fake type."),
        };
    }

    private static Func<Rng, string> Choice(LocaleData data, string category, string key, string what)
    {
        LocaleTemplate.Choice choice = data.Choice(category, key, LocaleTemplate.Placeholders.Digits | LocaleTemplate.Placeholders.NoLeadingZero)
            ?? throw new UsageException($"Locale '{data.Locale}' has no {what}; choose another locale such as 'en'.");
        return choice.Next;
    }

    private static Func<Rng, string> JobTitle(LocaleData data)
    {
        string[] descriptors = data.Strings("name", "title.descriptor"), levels = data.Strings("name", "title.level"), jobs = data.Strings("name", "title.job");
        if (descriptors.Length == 0 || levels.Length == 0 || jobs.Length == 0)
            throw new UsageException($"Locale '{data.Locale}' has no job titles; choose another locale such as 'en'.");
        return rng => string.Concat(descriptors[rng.NextInt(descriptors.Length)], " ", levels[rng.NextInt(levels.Length)], " ", jobs[rng.NextInt(jobs.Length)]);
    }

    private static Func<Rng, string> Lorem(LocaleData data, int words)
    {
        string[] list = data.Words.Length > 0 ? data.Words : LocaleData.Get("en").Words;
        return rng =>
        {
            var builder = new StringBuilder(words * 8);
            for (int i = 0; i < words; i++)
            {
                string word = list[rng.NextInt(list.Length)];
                if (i == 0) builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                else builder.Append(' ').Append(word);
            }
            return builder.Append('.').ToString();
        };
    }

    private static Func<Rng, string> UserName(LocaleData data)
    {
        string[] first = data.AsciiFirstNames, last = data.AsciiLastNames;
        return rng => UserName(first[rng.NextInt(first.Length)], last[rng.NextInt(last.Length)], rng);
    }

    /// <summary>A user name made from a first and last name in ASCII, in one of Bogus's styles.</summary>
    public static string UserName(string first, string last, Rng rng) => rng.NextInt(4) switch
    {
        0 => string.Concat(first, ".", last),
        1 => string.Concat(first, "_", last),
        2 => string.Concat(first, last.AsSpan(0, Math.Min(1, last.Length)), rng.NextInt(10, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => string.Concat(first.AsSpan(0, Math.Min(1, first.Length)), last, rng.NextInt(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>
    /// Emails or user names consistent with the row's name columns (ASCII-folded); with a unique suffix when asked,
    /// which makes values distinct by construction: a name part holds no digits and the suffix is a permuted row index.
    /// </summary>
    public static Func<Frame, int, Rng, string?> FromName(bool email, Func<Frame, int, string?> first, Func<Frame, int, string?> last, LocaleData data, Permutation? unique)
    {
        string[] firstNames = data.AsciiFirstNames, lastNames = data.AsciiLastNames;
        string[] domains = ["example.com", "example.org", "example.net"];
        return (frame, row, rng) =>
        {
            string f = FoldOr(first(frame, row), firstNames, rng), l = FoldOr(last(frame, row), lastNames, rng);
            string local;
            if (unique is not null)
            {
                ulong n = unique.Apply((ulong)(frame.FirstRow + row)) + 1;
                local = string.Concat(f, ".", l, ".", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                local = email
                    ? rng.NextInt(4) switch
                    {
                        0 => string.Concat(f, ".", l),
                        1 => string.Concat(f, ".", l, rng.NextInt(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        2 => string.Concat(f.AsSpan(0, 1), ".", l),
                        _ => string.Concat(f, "_", l),
                    }
                    : UserName(f, l, rng);
            }
            return email ? string.Concat(local, "@", domains[rng.NextInt(domains.Length)]) : local;
        };
    }

    private static string FoldOr(string? name, string[] fallback, Rng rng)
    {
        // A name in another script folds to nothing; an ASCII name of the locale stands in for it.
        string folded = name is null ? "" : LocaleData.Fold(name);
        return folded.Length > 0 ? folded : fallback[rng.NextInt(fallback.Length)];
    }
}
