using System.Text;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Privacy;

/// <summary>
/// Generates fake personal data of one <see cref="PiiKind"/>, in a locale's style and, where given, a value
/// shape (<see cref="ColumnMetadata.Pattern"/>). Deterministic: the values depend only on the <see cref="Rng"/>
/// passed to <see cref="Next"/>. Immutable and thread-safe when each thread passes its own generator.
/// Generated values are safe by construction: emails and URLs use the reserved <c>example.com/.org/.net</c>
/// domains, IPv6 addresses the documentation prefix <c>2001:db8::/32</c>, and card, IBAN and SSN numbers are
/// random numbers that merely pass their check rules.
/// </summary>
public sealed partial class PiiFaker
{
    private static readonly string[] SafeDomains = ["example.com", "example.org", "example.net"];

    private readonly Func<Rng, string> _next;

    // Reused per thread: a new builder per value cost as much as filling it.
    [ThreadStatic] private static StringBuilder? t_builder;

    private PiiFaker(PiiKind kind, string locale, string? pattern, Func<Rng, string> next)
    {
        Kind = kind;
        Locale = locale;
        Pattern = pattern;
        _next = next;
    }

    /// <summary>The kind of personal data generated.</summary>
    public PiiKind Kind { get; }

    /// <summary>The Bogus locale whose names, addresses and formats are used (e.g. <c>en</c>, <c>de</c>, <c>en_GB</c>).</summary>
    public string Locale { get; }

    /// <summary>The value shape respected for phones, postal codes, cards, SSNs and IBAN grouping; null for the locale's own formats.</summary>
    public string? Pattern { get; }

    /// <summary>
    /// A faker for one kind of data. <paramref name="locale"/> is a Bogus locale (<c>en</c>, <c>de</c>, <c>en_GB</c>, <c>fr</c>, …;
    /// <c>en-GB</c> is accepted too); an unknown one throws <see cref="UsageException"/> listing the supported ones.
    /// <paramref name="pattern"/> ('#' digit, 'A'/'a' letter, other characters literal) shapes phones and postal codes,
    /// places the digits of card numbers and SSNs, and groups IBANs when it holds spaces; other kinds ignore it.
    /// </summary>
    public static PiiFaker Create(PiiKind kind, string locale = "en", string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(locale);
        LocaleData data = LocaleData.Get(locale);
        if (string.IsNullOrEmpty(pattern)) pattern = null;
        if (pattern is not null && PatternProblem(kind, pattern) is string problem)
            throw new UsageException(char.ToUpperInvariant(problem[0]) + problem[1..] + ".");
        Func<Rng, string> next = kind switch
        {
            PiiKind.Email => EmailGenerator(data),
            PiiKind.Phone => pattern is not null ? rng => PatternFiller.Fill(pattern, rng) : PhoneGenerator(data),
            PiiKind.PersonName => PersonNameGenerator(data),
            PiiKind.FirstName => PickGenerator(data.FirstNames, "first names", data),
            PiiKind.LastName => PickGenerator(data.LastNames, "last names", data),
            PiiKind.StreetAddress => ChoiceGenerator(data.Choice("address", "street_address"), "street addresses", data),
            PiiKind.PostalCode => pattern is not null
                ? rng => PatternFiller.Fill(pattern, rng)
                : ChoiceGenerator(data.Choice("address", "postcode", LocaleTemplate.Placeholders.Digits | LocaleTemplate.Placeholders.Letters), "postal codes", data),
            PiiKind.IPv4 => NextIPv4,
            PiiKind.IPv6 => NextIPv6,
            PiiKind.CreditCard => CreditCardGenerator(pattern),
            PiiKind.Iban => IbanGenerator(IbanCountryFor(data.Locale), pattern),
            PiiKind.Ssn => SsnGenerator(pattern),
            PiiKind.Url => UrlGenerator(data),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown PII kind."),
        };
        return new PiiFaker(kind, data.Locale, pattern, next);
    }

    /// <summary>The next fake value, drawn from <paramref name="rng"/>.</summary>
    public string Next(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return _next(rng);
    }

    /// <summary>The Bogus locales a faker can be created for.</summary>
    public static IReadOnlyList<string> SupportedLocales => LocaleData.Supported;

    private static Func<Rng, string> PickGenerator(string[] values, string what, LocaleData data)
    {
        if (values.Length == 0) throw new UsageException($"Locale '{data.Locale}' has no {what}; choose another locale such as 'en'.");
        return rng => values[rng.NextInt(values.Length)];
    }

    private static Func<Rng, string> ChoiceGenerator(LocaleTemplate.Choice? choice, string what, LocaleData data)
    {
        if (choice is null) throw new UsageException($"Locale '{data.Locale}' has no {what}; choose another locale such as 'en'.");
        return choice.Next;
    }

    private static Func<Rng, string> PersonNameGenerator(LocaleData data)
    {
        // The locale's own name templates give its name order ("last first" in ja, ko) and its gendered pairs (ru);
        // titles and suffixes (Mr., Jr.) are left out.
        string[] templates = [.. data.Strings("name", "name").Where(t => !t.Contains("prefix", StringComparison.Ordinal) && !t.Contains("suffix", StringComparison.Ordinal))];
        LocaleTemplate.Choice? choice = templates.Length > 0 ? LocaleTemplate.Compile(data, "name", templates, LocaleTemplate.Placeholders.Digits, 0) : null;
        if (choice is not null) return choice.Next;
        string[] first = data.FirstNames, last = data.LastNames;
        if (first.Length == 0 || last.Length == 0) throw new UsageException($"Locale '{data.Locale}' has no person names; choose another locale such as 'en'.");
        return rng => string.Concat(first[rng.NextInt(first.Length)], " ", last[rng.NextInt(last.Length)]);
    }

    private static Func<Rng, string> PhoneGenerator(LocaleData data)
    {
        // Extensions ("x###", "poste ###") are rare in real phone columns; keep the plain formats when there are any.
        string[] formats = data.Strings("phone_number", "formats");
        string[] plain = [.. formats.Where(f => !f.Any(char.IsLetter))];
        var placeholders = LocaleTemplate.Placeholders.Digits | LocaleTemplate.Placeholders.PhoneDigits;
        return ChoiceGenerator(LocaleTemplate.Compile(data, "phone_number", plain.Length > 0 ? plain : formats, placeholders, 0), "phone numbers", data);
    }

    private static Func<Rng, string> EmailGenerator(LocaleData data)
    {
        string[] first = data.AsciiFirstNames, last = data.AsciiLastNames;
        return rng =>
        {
            string f = first[rng.NextInt(first.Length)], l = last[rng.NextInt(last.Length)];
            StringBuilder builder = t_builder ??= new StringBuilder(64);
            builder.Clear();
            switch (rng.NextInt(6))
            {
                case 0: builder.Append(f).Append('.').Append(l); break;
                case 1: builder.Append(f).Append('.').Append(l).Append(rng.NextInt(1, 100)); break;
                case 2: builder.Append(f).Append(l).Append(rng.NextInt(1, 1000)); break;
                case 3: builder.Append(f[0]).Append('.').Append(l); break;
                case 4: builder.Append(f).Append('_').Append(l); break;
                default: builder.Append(f).Append(rng.NextInt(1, 10_000)); break;
            }
            return builder.Append('@').Append(SafeDomains[rng.NextInt(SafeDomains.Length)]).ToString();
        };
    }

    private static Func<Rng, string> UrlGenerator(LocaleData data)
    {
        string[] words = data.AsciiWords, last = data.AsciiLastNames;
        return rng =>
        {
            var builder = new StringBuilder(48).Append("https://");
            string domain = SafeDomains[rng.NextInt(SafeDomains.Length)];
            if (rng.NextInt(2) == 0) builder.Append("www.").Append(domain);
            else builder.Append(last[rng.NextInt(last.Length)]).Append('.').Append(domain);
            int segments = rng.NextInt(3);
            for (int i = 0; i < segments; i++) builder.Append('/').Append(words[rng.NextInt(words.Length)]);
            if (segments == 0 || rng.NextInt(3) == 0) builder.Append('/');
            return builder.ToString();
        };
    }
}
