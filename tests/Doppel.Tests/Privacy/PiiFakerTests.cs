using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Numerics;
using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Tests.Privacy;

public class PiiFakerTests
{
    private static string[] Generate(PiiKind kind, int count, ulong seed = 42, string locale = "en", string? pattern = null)
    {
        PiiFaker faker = PiiFaker.Create(kind, locale, pattern);
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, count).Select(_ => faker.Next(rng))];
    }

    public static TheoryData<PiiKind> AllKinds() => [.. Enum.GetValues<PiiKind>()];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void The_same_seed_gives_the_same_values_and_another_seed_other_values(PiiKind kind)
    {
        string[] first = Generate(kind, 200, seed: 1);
        Generate(kind, 200, seed: 1).ShouldBe(first);
        Generate(kind, 200, seed: 2).ShouldNotBe(first);
        first.Distinct().Count().ShouldBeGreaterThan(100, $"{kind} values should vary");
        first.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Threads_with_their_own_generators_get_the_values_of_a_sequential_run(PiiKind kind)
    {
        PiiFaker faker = PiiFaker.Create(kind, "de");
        var root = new Rng(9);
        string[][] sequential = [.. Enumerable.Range(0, 8).Select(block => Block(faker, root.Fork(block)))];
        var parallel = new string[8][];
        Parallel.For(0, 8, block => parallel[block] = Block(faker, root.Fork(block)));
        parallel.ShouldBe(sequential);

        static string[] Block(PiiFaker faker, Rng rng) => [.. Enumerable.Range(0, 500).Select(_ => faker.Next(rng))];
    }

    [Fact]
    public void Emails_are_valid_addresses_on_reserved_example_domains()
    {
        foreach (string email in Generate(PiiKind.Email, 2_000).Concat(Generate(PiiKind.Email, 500, locale: "ru")))
        {
            var address = new MailAddress(email);
            address.Address.ShouldBe(email);
            address.Host.ShouldBeOneOf("example.com", "example.org", "example.net");
            address.User.ShouldMatch("^[a-z0-9._]+$");
        }
    }

    [Fact]
    public void Emails_in_german_have_their_umlauts_folded()
    {
        string[] emails = Generate(PiiKind.Email, 3_000, locale: "de");
        emails.ShouldAllBe(e => Regex.IsMatch(e, "^[a-z0-9._]+@example\\.(com|org|net)$"));
    }

    [Fact]
    public void Credit_card_numbers_pass_luhn_and_keep_the_pattern_separators()
    {
        foreach (string number in Generate(PiiKind.CreditCard, 1_000))
        {
            number.ShouldMatch("^[45][0-9]{15}$");
            PassesLuhn(number).ShouldBeTrue(number);
        }
        foreach (string number in Generate(PiiKind.CreditCard, 1_000, pattern: "#### #### #### ###"))
        {
            number.ShouldMatch("^[45][0-9]{3} [0-9]{4} [0-9]{4} [0-9]{3}$");
            PassesLuhn(number.Replace(" ", "")).ShouldBeTrue(number);
        }
    }

    [Theory]
    [InlineData("en", "DE", 22)]
    [InlineData("de", "DE", 22)]
    [InlineData("de_AT", "AT", 20)]
    [InlineData("de_CH", "CH", 21)]
    [InlineData("en_GB", "GB", 22)]
    [InlineData("nl", "NL", 18)]
    [InlineData("nl_BE", "BE", 16)]
    [InlineData("fr", "FR", 27)]
    [InlineData("es", "ES", 24)]
    public void Ibans_have_the_locale_country_its_length_and_a_valid_mod_97_checksum(string locale, string country, int length)
    {
        foreach (string iban in Generate(PiiKind.Iban, 300, locale: locale))
        {
            iban.Length.ShouldBe(length, iban);
            iban.ShouldStartWith(country);
            IbanRemainder(iban).ShouldBe(1, iban);
        }
    }

    [Fact]
    public void National_check_digits_inside_french_spanish_and_belgian_ibans_are_valid()
    {
        foreach (string iban in Generate(PiiKind.Iban, 200, locale: "fr"))
        {
            // RIB key: the 23-digit bank, branch, account and key is a multiple of 97.
            (BigInteger.Parse(iban[4..]) % 97).ShouldBe(BigInteger.Zero, iban);
        }
        foreach (string iban in Generate(PiiKind.Iban, 200, locale: "nl_BE"))
            (long.Parse(iban[4..14]) % 97 is var r && r == 0 ? 97 : r).ShouldBe(long.Parse(iban[14..]), iban);
        foreach (string iban in Generate(PiiKind.Iban, 200, locale: "es"))
        {
            SpanishDigit("00" + iban[4..12]).ShouldBe(iban[12], iban);
            SpanishDigit(iban[14..]).ShouldBe(iban[13], iban);
        }
    }

    [Fact]
    public void Ibans_are_grouped_by_four_when_the_pattern_has_spaces()
    {
        foreach (string iban in Generate(PiiKind.Iban, 100, locale: "de", pattern: "AA## #### #### #### #### ##"))
        {
            iban.ShouldMatch("^DE[0-9]{2} [0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4} [0-9]{2}$");
            IbanRemainder(iban.Replace(" ", "")).ShouldBe(1);
        }
    }

    [Fact]
    public void Ssns_follow_the_issuing_rules_and_the_pattern()
    {
        foreach (string ssn in Generate(PiiKind.Ssn, 5_000))
        {
            ssn.ShouldMatch("^[0-9]{3}-[0-9]{2}-[0-9]{4}$");
            int area = int.Parse(ssn[..3]), group = int.Parse(ssn[4..6]), serial = int.Parse(ssn[7..]);
            area.ShouldBeInRange(1, 899);
            area.ShouldNotBe(666);
            group.ShouldBeInRange(1, 99);
            serial.ShouldBeInRange(1, 9999);
        }
        Generate(PiiKind.Ssn, 100, pattern: "#########").ShouldAllBe(s => Regex.IsMatch(s, "^[0-9]{9}$"));
    }

    [Fact]
    public void Ip_addresses_parse_and_avoid_private_and_reserved_ranges()
    {
        foreach (string text in Generate(PiiKind.IPv4, 5_000))
        {
            IPAddress.TryParse(text, out IPAddress? address).ShouldBeTrue(text);
            address!.AddressFamily.ShouldBe(AddressFamily.InterNetwork);
            address.ToString().ShouldBe(text);
            byte[] b = address.GetAddressBytes();
            (b[0] is 0 or 10 or 127 or >= 224 || (b[0] == 192 && b[1] == 168) || (b[0] == 172 && b[1] is >= 16 and <= 31)).ShouldBeFalse(text);
        }
        foreach (string text in Generate(PiiKind.IPv6, 1_000))
        {
            IPAddress.TryParse(text, out IPAddress? address).ShouldBeTrue(text);
            address!.AddressFamily.ShouldBe(AddressFamily.InterNetworkV6);
            text.ShouldStartWith("2001:db8:");
        }
    }

    [Fact]
    public void Urls_are_absolute_https_urls_on_example_domains()
    {
        foreach (string url in Generate(PiiKind.Url, 1_000))
        {
            Uri.TryCreate(url, UriKind.Absolute, out Uri? uri).ShouldBeTrue(url);
            uri!.Scheme.ShouldBe("https");
            uri.Host.ShouldMatch(@"(^|\.)example\.(com|org|net)$");
        }
    }

    [Fact]
    public void Phones_and_postal_codes_follow_a_given_pattern_or_the_locale_formats()
    {
        Generate(PiiKind.Phone, 500, pattern: "(###) ###-####").ShouldAllBe(p => Regex.IsMatch(p, @"^\([0-9]{3}\) [0-9]{3}-[0-9]{4}$"));
        Generate(PiiKind.PostalCode, 500, pattern: "AA# #aa").ShouldAllBe(p => Regex.IsMatch(p, "^[A-Z]{2}[0-9] [0-9][a-z]{2}$"));
        Generate(PiiKind.PostalCode, 500, locale: "de").ShouldAllBe(p => Regex.IsMatch(p, "^[0-9]{5}$"));
        Generate(PiiKind.PostalCode, 500, locale: "en_GB").ShouldAllBe(p => Regex.IsMatch(p, "^[A-Z]{2}[0-9]{1,2} [0-9][A-Z]{2}$"));
        // en formats such as "(!##) !##-####": digits only where the format has placeholders, never a letter left over.
        string[] phones = Generate(PiiKind.Phone, 2_000);
        phones.ShouldAllBe(p => Regex.IsMatch(p, @"^[0-9()+. -]+$"));
        phones.ShouldContain(p => p.StartsWith('('));
    }

    [Fact]
    public void Street_addresses_follow_the_locale_order()
    {
        Generate(PiiKind.StreetAddress, 500).ShouldAllBe(a => Regex.IsMatch(a, @"^[1-9][0-9]{2,4} \S.*\S$"));
        Generate(PiiKind.StreetAddress, 500, locale: "de").ShouldAllBe(a => Regex.IsMatch(a, @"^\S.* [1-9][0-9]{0,2}[abc]?$"));
    }

    [Fact]
    public void English_and_german_names_come_from_their_own_lists()
    {
        HashSet<string> englishLast = LocaleList("en", "last_name"), germanLast = LocaleList("de", "last_name");
        string[] english = Generate(PiiKind.LastName, 1_000), german = Generate(PiiKind.LastName, 1_000, locale: "de");
        english.ShouldAllBe(n => englishLast.Contains(n));
        german.ShouldAllBe(n => germanLast.Contains(n));
        german.Count(n => !englishLast.Contains(n)).ShouldBeGreaterThan(800);

        HashSet<string> germanFirst = LocaleList("de", "first_name");
        Generate(PiiKind.FirstName, 1_000, locale: "de").ShouldAllBe(n => germanFirst.Contains(n));
        foreach (string name in Generate(PiiKind.PersonName, 500, locale: "de"))
        {
            string[] parts = name.Split(' ');
            germanFirst.ShouldContain(parts[0]);
            germanLast.ShouldContain(parts[^1]);
        }
    }

    [Fact]
    public void A_locale_that_keeps_names_by_gender_uses_its_own_names()
    {
        HashSet<string> french = [.. LocaleList("fr", "male_first_name"), .. LocaleList("fr", "female_first_name")];
        Generate(PiiKind.FirstName, 500, locale: "fr").ShouldAllBe(n => french.Contains(n));
    }

    [Fact]
    public void An_unknown_locale_fails_listing_the_supported_ones()
    {
        var error = Should.Throw<UsageException>(() => PiiFaker.Create(PiiKind.PersonName, "xx_YY"));
        error.Message.ShouldStartWith("Unknown locale 'xx_YY'.");
        error.Message.ShouldContain("en_GB");
        error.Message.ShouldContain("de");
        PiiFaker.Create(PiiKind.PersonName, "en-GB").Locale.ShouldBe("en_GB");
    }

    [Theory]
    [InlineData(PiiKind.Ssn, "###-##-###", "exactly 9")]
    [InlineData(PiiKind.CreditCard, "####-####", "12 to 19")]
    public void A_pattern_that_cannot_hold_the_number_is_refused(PiiKind kind, string pattern, string message) =>
        Should.Throw<UsageException>(() => PiiFaker.Create(kind, "en", pattern)).Message.ShouldContain(message);

    [Fact]
    public void Pattern_filler_fills_placeholders_and_keeps_everything_else()
    {
        var rng = new Rng(5);
        string[] values = [.. Enumerable.Range(0, 1_000).Select(_ => PatternFiller.Fill("ID-##/AA.aa x", rng))];
        values.ShouldAllBe(v => Regex.IsMatch(v, "^ID-[0-9]{2}/[A-Z]{2}\\.[a-z]{2} x$"));
        values.Distinct().Count().ShouldBeGreaterThan(900);
        string[] again = [.. Enumerable.Range(0, 1_000).Select(_ => PatternFiller.Fill("ID-##/AA.aa x", new Rng(5)))];
        again.Distinct().ShouldHaveSingleItem();
        PatternFiller.Fill("", rng).ShouldBe("");
        PatternFiller.PlaceholderCount("(###) aA-x").ShouldBe(5);
    }

    private static HashSet<string> LocaleList(string locale, string key)
    {
        var array = (Bogus.Bson.BArray)Bogus.Database.GetLocale(locale)["name"][key];
        return [.. Enumerable.Range(0, array.Count).Select(i => array[i].StringValue)];
    }

    /// <summary>Luhn check, written independently of the generator: double every second digit from the right.</summary>
    private static bool PassesLuhn(string digits)
    {
        int sum = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: move the first four characters to the end, letters to numbers (A = 10), mod 97.</summary>
    private static int IbanRemainder(string iban)
    {
        string moved = iban[4..] + iban[..4];
        string digits = string.Concat(moved.Select(c => char.IsLetter(c) ? (c - 'A' + 10).ToString() : c.ToString()));
        return (int)(BigInteger.Parse(digits) % 97);
    }

    private static char SpanishDigit(string tenDigits)
    {
        int[] weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
        int sum = tenDigits.Select((c, i) => (c - '0') * weights[i]).Sum();
        int d = 11 - sum % 11;
        return d == 11 ? '0' : d == 10 ? '1' : (char)('0' + d);
    }
}
