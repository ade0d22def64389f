using Bogus;
using Doppel.Data;
using Doppel.Privacy;

namespace Doppel.Tests.Privacy;

public class ValueMaskerTests
{
    [Theory]
    [InlineData("john.doe@example.com", PiiKind.Email, "j***@e***.com")]
    [InlineData("a@mail.example.co.uk", PiiKind.Email, "*@m***.e***.c***.uk")]
    [InlineData("+1 (555) 123-4512", PiiKind.Phone, "+1 (***) ***-**12")]
    [InlineData("1-322-853-3250 x853", PiiKind.Phone, "*-***-***-**50 x***")]
    [InlineData("4111 1111 1111 1111", PiiKind.CreditCard, "**** **** **** 1111")]
    [InlineData("DE89370400440532013000", PiiKind.Iban, "DE******************00")]
    [InlineData("123-45-6789", PiiKind.Ssn, "***-**-**89")]
    [InlineData("192.168.1.10", PiiKind.IPv4, "***.***.*.**")]
    [InlineData("https://www.example.com/users/17", PiiKind.Url, "https://w***.e***.com/***")]
    [InlineData("Braund, Mr. Owen Harris", PiiKind.PersonName, "B***, M***. O*** H***")]
    [InlineData("742 Evergreen Terrace", PiiKind.StreetAddress, "*** E*** T***")]
    [InlineData("94598", PiiKind.PostalCode, "*****")]
    public void Values_keep_only_their_shape(string value, PiiKind kind, string expected)
    {
        ValueMasker.Mask(value, kind).ShouldBe(expected);
    }

    [Fact]
    public void Ids_and_text_mask_every_letter_run_and_digit()
    {
        ValueMasker.Mask("A/5 21171").ShouldBe("*/* *****");
        ValueMasker.Mask("C0001").ShouldBe("*****");
        ValueMasker.Mask("the quick brown fox jumps over the lazy dog").ShouldBe("t*** q*** b*** f*** j*** o*** …");
    }

    [Fact]
    public void No_masked_value_contains_the_value_it_hides()
    {
        var faker = new Faker { Random = new Randomizer(99) };
        var samples = new (PiiKind Kind, Func<string> Next)[]
        {
            (PiiKind.Email, () => faker.Internet.Email()),
            (PiiKind.PersonName, () => faker.Name.FullName()),
            (PiiKind.FirstName, () => faker.Name.FirstName()),
            (PiiKind.LastName, () => faker.Name.LastName()),
            (PiiKind.Phone, () => faker.Phone.PhoneNumber()),
            (PiiKind.Iban, () => faker.Finance.Iban()),
            (PiiKind.CreditCard, () => faker.Finance.CreditCardNumber()),
            (PiiKind.StreetAddress, () => faker.Address.StreetAddress(true)),
            (PiiKind.PostalCode, () => faker.Address.ZipCode()),
            (PiiKind.IPv4, () => faker.Internet.Ip()),
            (PiiKind.IPv6, () => faker.Internet.Ipv6()),
            (PiiKind.Url, () => faker.Internet.UrlWithPath()),
        };
        foreach ((PiiKind kind, Func<string> next) in samples)
        {
            for (int i = 0; i < 200; i++)
            {
                string value = next();
                ValueMasker.Mask(value, kind).ShouldNotContain(value, Case.Insensitive, $"{kind}: {value}");
            }
        }
    }
}
