using Bogus;
using Doppel.Data;
using Doppel.Privacy;

namespace Doppel.Tests.Privacy;

public class PiiDetectorTests
{
    private static string[] Make(int count, Func<string> next) => [.. Enumerable.Range(0, count).Select(_ => next())];

    [Theory]
    [InlineData("email", PiiKind.Email)]
    [InlineData("EmailAddress", PiiKind.Email)]
    [InlineData("phone_number", PiiKind.Phone)]
    [InlineData("ssn", PiiKind.Ssn)]
    [InlineData("iban", PiiKind.Iban)]
    [InlineData("card_number", PiiKind.CreditCard)]
    [InlineData("zipCode", PiiKind.PostalCode)]
    [InlineData("ip_address", PiiKind.IPv4)]
    [InlineData("website", PiiKind.Url)]
    [InlineData("first_name", PiiKind.FirstName)]
    [InlineData("surname", PiiKind.LastName)]
    [InlineData("Name", PiiKind.PersonName)]
    [InlineData("street_address", PiiKind.StreetAddress)]
    public void Column_names_suggest_their_kind_first(string name, PiiKind expected)
    {
        PiiDetector.KindsSuggestedBy(name)[0].ShouldBe(expected);
    }

    [Theory]
    [InlineData("product_name")]
    [InlineData("file_name")]
    [InlineData("age")]
    [InlineData("c1")]
    public void Ordinary_names_suggest_nothing(string name)
    {
        PiiDetector.KindsSuggestedBy(name).ShouldBeEmpty();
    }

    [Fact]
    public void A_name_hint_lowers_the_share_of_matching_values_needed()
    {
        var faker = new Faker { Random = new Randomizer(3) };
        // 70 % emails, 30 % junk: below the content threshold, above the hinted one.
        string[] values = [.. Make(70, () => faker.Internet.Email()), .. Make(30, () => faker.Lorem.Word())];

        PiiDetector.Detect("contact_email", values).ShouldBe(PiiKind.Email);
        PiiDetector.Detect("c1", values).ShouldBeNull();
    }

    [Fact]
    public void Ninety_percent_of_values_is_enough_without_a_hint()
    {
        var faker = new Faker { Random = new Randomizer(4) };
        string[] values = [.. Make(92, () => faker.Internet.Email()), .. Make(8, () => faker.Lorem.Word())];

        PiiDetector.Detect("c1", values).ShouldBe(PiiKind.Email);
    }

    [Fact]
    public void Card_numbers_need_their_check_digit()
    {
        var faker = new Faker { Random = new Randomizer(5) };
        string[] valid = Make(100, () => faker.Finance.CreditCardNumber());
        // Change the last digit of a fifth of them: they keep the shape but fail Luhn.
        string[] altered = [.. valid.Select((v, i) => i % 5 == 0 ? v[..^1] + (char)('0' + (v[^1] - '0' + 1) % 10) : v)];

        PiiDetector.Detect("c5", valid).ShouldBe(PiiKind.CreditCard);
        PiiDetector.Detect("c5", altered).ShouldBeNull();
        PiiDetector.Detect("card_number", altered).ShouldBe(PiiKind.CreditCard);
    }

    [Fact]
    public void Ssns_in_never_issued_ranges_do_not_match()
    {
        PiiDetector.IsMatch(PiiKind.Ssn, "123-45-6789").ShouldBeTrue();
        PiiDetector.IsMatch(PiiKind.Ssn, "000-45-6789").ShouldBeFalse();
        PiiDetector.IsMatch(PiiKind.Ssn, "666-45-6789").ShouldBeFalse();
        PiiDetector.IsMatch(PiiKind.Ssn, "912-45-6789").ShouldBeFalse();
        PiiDetector.IsMatch(PiiKind.Ssn, "123-00-6789").ShouldBeFalse();
    }

    [Theory]
    [InlineData(PiiKind.Phone, "+44 20 7946 0958")]
    [InlineData(PiiKind.Phone, "(555) 123-4567")]
    [InlineData(PiiKind.Phone, "555.123.4567")]
    [InlineData(PiiKind.Phone, "+4915112345678")]
    [InlineData(PiiKind.Phone, "748-287-9948 x91526")]
    [InlineData(PiiKind.IPv4, "10.0.0.255")]
    [InlineData(PiiKind.IPv6, "2001:db8::1")]
    [InlineData(PiiKind.IPv6, "::ffff:192.168.1.1")]
    [InlineData(PiiKind.Url, "www.example.org")]
    [InlineData(PiiKind.Url, "https://example.com/a?b=c")]
    [InlineData(PiiKind.PersonName, "Dr. Jane van Dyke Jr.")]
    [InlineData(PiiKind.PersonName, "Cumings, Mrs. John Bradley (Florence Briggs Thayer)")]
    [InlineData(PiiKind.StreetAddress, "123 Main St")]
    [InlineData(PiiKind.StreetAddress, "9157 Roob Lock Apt. 841")]
    [InlineData(PiiKind.StreetAddress, "221B Baker Street, London")]
    [InlineData(PiiKind.PostalCode, "SW1A 1AA")]
    [InlineData(PiiKind.PostalCode, "94598-0006")]
    [InlineData(PiiKind.Iban, "GB82 WEST 1234 5698 7654 32")]
    public void Values_of_each_kind_match(PiiKind kind, string value)
    {
        PiiDetector.IsMatch(kind, value).ShouldBeTrue();
    }

    [Theory]
    [InlineData(PiiKind.Phone, "12.5")]
    [InlineData(PiiKind.Phone, "1234.56789")]
    [InlineData(PiiKind.Phone, "12-34")]
    [InlineData(PiiKind.IPv4, "256.1.1.1")]
    [InlineData(PiiKind.IPv6, "12:30")]
    [InlineData(PiiKind.Email, "john.doe@")]
    [InlineData(PiiKind.Url, "example")]
    [InlineData(PiiKind.PersonName, "New York")]
    [InlineData(PiiKind.PersonName, "Married-civ-spouse")]
    [InlineData(PiiKind.StreetAddress, "Main Street")]
    [InlineData(PiiKind.Iban, "DE88370400440532013000")]
    public void Look_alikes_do_not_match(PiiKind kind, string value)
    {
        PiiDetector.IsMatch(kind, value).ShouldBeFalse();
    }

    [Fact]
    public void Ordinary_columns_are_not_personal_data()
    {
        var faker = new Faker { Random = new Randomizer(8) };

        PiiDetector.Detect("c", Make(200, () => faker.Commerce.ProductName())).ShouldBeNull();
        PiiDetector.Detect("c", Make(200, () => faker.Address.City())).ShouldBeNull();
        PiiDetector.Detect("c", Make(200, () => faker.Random.Double(0, 10000).ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture))).ShouldBeNull();
        PiiDetector.Detect("c", Make(200, () => faker.Random.Int(1_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldBeNull();
        PiiDetector.Detect("c", Make(200, () => faker.PickRandom("Private", "Self-emp-not-inc", "State-gov"))).ShouldBeNull();
    }

    [Fact]
    public void An_empty_sample_has_no_kind()
    {
        PiiDetector.Detect("email", []).ShouldBeNull();
    }
}
