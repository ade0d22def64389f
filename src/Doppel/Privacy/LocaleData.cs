using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Bogus.Bson;
using Doppel.Randomness;

namespace Doppel.Privacy;

/// <summary>
/// The word lists and formats of one Bogus locale, read once and then picked from with our own
/// <see cref="Rng"/>: no Bogus randomizer, seed or lock on the hot path. Immutable, shared by all threads.
/// A key missing from the locale is looked up in its language (de_CH → de) and then in English, as Bogus does.
/// </summary>
internal sealed class LocaleData
{
    private static readonly ConcurrentDictionary<string, Lazy<LocaleData>> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<string[]> AllLocales = new(() => [.. Bogus.Database.GetAllLocales().Order(StringComparer.Ordinal)]);

    private readonly string[] _chain;
    private readonly ConcurrentDictionary<string, LocaleTemplate.Choice?> _choices = new(StringComparer.Ordinal);

    private LocaleData(string locale)
    {
        Locale = locale;
        string language = locale.Split('_')[0];
        _chain = [.. new[] { locale, language, "en" }.Distinct().Where(Bogus.Database.LocaleResourceExists)];
        FirstNames = Strings("name", "first_name");
        LastNames = Strings("name", "last_name");
        string[] asciiFirst = Fold(FirstNames), asciiLast = Fold(LastNames);
        // Emails need ASCII local parts; a locale with another script borrows the English lists.
        bool usable = asciiFirst.Length >= 20 && asciiLast.Length >= 20;
        AsciiFirstNames = usable || locale == "en" ? asciiFirst : Get("en").AsciiFirstNames;
        AsciiLastNames = usable || locale == "en" ? asciiLast : Get("en").AsciiLastNames;
        Words = Strings("lorem", "words");
        AsciiWords = Fold(Words) is { Length: >= 20 } folded ? folded : Get("en").AsciiWords;
    }

    /// <summary>The Bogus locale name, e.g. <c>en</c>, <c>de</c>, <c>en_GB</c>.</summary>
    public string Locale { get; }

    public string[] FirstNames { get; }
    public string[] LastNames { get; }
    public string[] AsciiFirstNames { get; }
    public string[] AsciiLastNames { get; }
    public string[] Words { get; }
    public string[] AsciiWords { get; }

    /// <summary>Every locale Bogus ships.</summary>
    public static IReadOnlyList<string> Supported => AllLocales.Value;

    /// <summary>The data of a locale (<c>de</c>, <c>en_GB</c>, or <c>en-GB</c>); throws <see cref="UsageException"/> for an unknown one.</summary>
    public static LocaleData Get(string locale)
    {
        ArgumentNullException.ThrowIfNull(locale);
        string? name = Normalize(locale)
            ?? throw new UsageException($"Unknown locale '{locale}'. Use one of the Bogus locales: {string.Join(", ", Supported)}.");
        return Cache.GetOrAdd(name, n => new Lazy<LocaleData>(() => new LocaleData(n))).Value;
    }

    private static string? Normalize(string locale)
    {
        string wanted = locale.Trim().Replace('-', '_');
        foreach (string candidate in Supported)
            if (string.Equals(candidate, wanted, StringComparison.OrdinalIgnoreCase)) return candidate;
        return null;
    }

    /// <summary>A compiled list of alternatives for a key (e.g. <c>address</c>, <c>street_address</c>), or null when no locale in the chain has it.</summary>
    public LocaleTemplate.Choice? Choice(string category, string key, LocaleTemplate.Placeholders placeholders = LocaleTemplate.Placeholders.Digits) =>
        _choices.GetOrAdd($"{category}.{key}.{(int)placeholders}", _ => LocaleTemplate.Compile(this, category, key, placeholders, depth: 0));

    /// <summary>The raw strings of a key, following the fallback chain; first and last names also accept male_ / female_ lists.</summary>
    public string[] Strings(string category, string key)
    {
        foreach (string locale in _chain)
        {
            string[] values = Read(locale, category, key);
            if (values.Length > 0) return values;
            if (key is "first_name" or "last_name" or "middle_name")
            {
                // Locales such as fr or ru keep names by gender only; their union is the locale's list.
                string[] gendered = [.. Read(locale, category, "male_" + key).Concat(Read(locale, category, "female_" + key)).Distinct()];
                if (gendered.Length > 0) return gendered;
            }
        }
        return [];
    }

    private static string[] Read(string locale, string category, string key)
    {
        BObject data = Bogus.Database.GetLocale(locale);
        if (!data.ContainsKey(category) || data[category] is not BObject section) return [];
        // A dotted key reads a nested list, such as name.title.descriptor.
        string[] path = key.Split('.');
        for (int i = 0; i < path.Length - 1; i++)
        {
            if (!section.ContainsKey(path[i]) || section[path[i]] is not BObject inner) return [];
            section = inner;
        }
        key = path[^1];
        if (!section.ContainsKey(key) || section[key] is not BArray array) return [];
        var values = new List<string>(array.Count);
        for (int i = 0; i < array.Count; i++)
            if (array[i] is { ValueType: BValueType.String } value && !string.IsNullOrWhiteSpace(value.StringValue))
                values.Add(value.StringValue);
        return [.. values];
    }

    /// <summary>Lower-case ASCII forms (diacritics removed, only a–z kept), distinct, dropping entries that keep too little.</summary>
    private static string[] Fold(string[] values)
    {
        var result = new List<string>(values.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (string value in values)
        {
            FoldInto(builder, value);
            if (builder.Length >= 2 && seen.Add(builder.ToString())) result.Add(builder.ToString());
        }
        return [.. result];
    }

    /// <summary>The lower-case ASCII form of one value (e.g. "Müller-Lüdenscheidt" → "mullerludenscheidt").</summary>
    public static string Fold(string value)
    {
        // Most names are plain ASCII letters: lower-case them without normalising.
        bool ascii = true;
        foreach (char c in value)
        {
            if (!char.IsAsciiLetter(c))
            {
                ascii = false;
                break;
            }
        }
        if (ascii) return value.ToLowerInvariant();
        var builder = new StringBuilder(value.Length);
        FoldInto(builder, value);
        return builder.ToString();
    }

    private static void FoldInto(StringBuilder builder, string value)
    {
        builder.Clear();
        foreach (char c in value.Normalize(NormalizationForm.FormD))
        {
            char lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z') builder.Append(lower);
            else if (lower == 'ß') builder.Append("ss");
            else if (lower is 'æ') builder.Append("ae");
            else if (lower is 'ø') builder.Append('o');
            else if (lower is 'ł') builder.Append('l');
        }
    }
}

/// <summary>Bogus-style value templates (<c>#{street_name} #{building_number}</c>, <c>(!##) !##-####</c>) compiled once into parts.</summary>
internal static class LocaleTemplate
{
    /// <summary>Which placeholder characters a template fills besides <c>#{key}</c> references.</summary>
    [Flags]
    public enum Placeholders
    {
        /// <summary>'#' is a digit 0–9.</summary>
        Digits = 1,
        /// <summary>'!' is a digit 2–9 (phone area codes).</summary>
        PhoneDigits = 2,
        /// <summary>'?' is an upper-case letter (postcodes such as <c>??# #??</c>).</summary>
        Letters = 4,
        /// <summary>The first '#' of a run is 1–9, so numbers have no leading zero (building numbers).</summary>
        NoLeadingZero = 8,
    }

    private const int MaxDepth = 6;

    /// <summary>Alternatives for one key; picking one and expanding it gives a value.</summary>
    public sealed class Choice(string[]? plain, Part[][]? compiled)
    {
        // One builder per thread, reused: values are short, and a new builder per value cost as much as filling it.
        [ThreadStatic] private static StringBuilder? t_builder;

        public string Next(Rng rng)
        {
            if (plain is not null) return plain[rng.NextInt(plain.Length)];
            StringBuilder builder = t_builder ??= new StringBuilder(64);
            builder.Clear();
            Append(builder, rng);
            return builder.ToString();
        }

        public void Append(StringBuilder builder, Rng rng)
        {
            if (plain is not null)
            {
                builder.Append(plain[rng.NextInt(plain.Length)]);
                return;
            }
            foreach (Part part in compiled![rng.NextInt(compiled.Length)]) part.Append(builder, rng);
        }
    }

    /// <summary>One piece of a compiled template.</summary>
    public abstract class Part
    {
        public abstract void Append(StringBuilder builder, Rng rng);
    }

    private sealed class Literal(string text) : Part
    {
        public override void Append(StringBuilder builder, Rng rng) => builder.Append(text);
    }

    private sealed class Reference(Choice choice) : Part
    {
        public override void Append(StringBuilder builder, Rng rng) => choice.Append(builder, rng);
    }

    private sealed class RandomCharacter(char low, char high) : Part
    {
        public override void Append(StringBuilder builder, Rng rng) => builder.Append((char)(low + rng.NextInt(high - low + 1)));
    }

    /// <summary>Compiles every alternative of a key; alternatives that reference missing keys are dropped.</summary>
    public static Choice? Compile(LocaleData data, string category, string key, Placeholders placeholders, int depth) =>
        Compile(data, category, data.Strings(category, key), placeholders, depth);

    /// <summary>Compiles given alternatives (e.g. filtered name templates) in the context of a category.</summary>
    public static Choice? Compile(LocaleData data, string category, IReadOnlyList<string> alternatives, Placeholders placeholders, int depth)
    {
        if (alternatives.Count == 0 || depth > MaxDepth) return null;
        if (alternatives.All(a => !NeedsCompiling(a, placeholders))) return new Choice([.. alternatives], null);
        var compiled = new List<Part[]>();
        foreach (string alternative in alternatives)
            if (CompileOne(data, category, alternative, placeholders, depth) is Part[] parts) compiled.Add(parts);
        return compiled.Count == 0 ? null : new Choice(null, [.. compiled]);
    }

    private static bool NeedsCompiling(string text, Placeholders placeholders) =>
        text.Contains('#') || (placeholders.HasFlag(Placeholders.PhoneDigits) && text.Contains('!'))
        || (placeholders.HasFlag(Placeholders.Letters) && text.Contains('?'));

    private static Part[]? CompileOne(LocaleData data, string category, string text, Placeholders placeholders, int depth)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0) parts.Add(new Literal(literal.ToString()));
            literal.Clear();
        }
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '#' && i + 1 < text.Length && text[i + 1] == '{')
            {
                int end = text.IndexOf('}', i + 2);
                if (end < 0) return null;
                string token = text[(i + 2)..end];
                int dot = token.IndexOf('.');
                string refCategory = dot < 0 ? category : token[..dot].ToLowerInvariant();
                string refKey = dot < 0 ? token : token[(dot + 1)..];
                // Building numbers read as "123", never "007".
                Placeholders inner = refKey == "building_number" ? placeholders | Placeholders.NoLeadingZero : placeholders;
                if (Compile(data, refCategory, refKey, inner, depth + 1) is not Choice choice) return null;
                Flush();
                parts.Add(new Reference(choice));
                i = end;
            }
            else if (c == '#')
            {
                Flush();
                bool startsRun = i == 0 || !(text[i - 1] is '#' or >= '0' and <= '9');
                parts.Add(placeholders.HasFlag(Placeholders.NoLeadingZero) && startsRun ? new RandomCharacter('1', '9') : new RandomCharacter('0', '9'));
            }
            else if (c == '!' && placeholders.HasFlag(Placeholders.PhoneDigits))
            {
                Flush();
                parts.Add(new RandomCharacter('2', '9'));
            }
            else if (c == '?' && placeholders.HasFlag(Placeholders.Letters))
            {
                Flush();
                parts.Add(new RandomCharacter('A', 'Z'));
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush();
        return [.. parts];
    }
}
