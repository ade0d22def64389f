using Doppel.Privacy;

namespace Doppel.Tests.Privacy;

public class ChecksumsTests
{
    [Theory]
    [InlineData("79927398713")] // the classic worked example of the Luhn algorithm
    [InlineData("4111 1111 1111 1111")] // Visa test number
    [InlineData("5500-0000-0000-0004")] // Mastercard test number
    [InlineData("378282246310005")] // American Express test number
    public void Published_luhn_numbers_are_valid(string number)
    {
        Checksums.IsLuhnValid(number).ShouldBeTrue();
    }

    [Theory]
    [InlineData("79927398710")]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("4111a1111")]
    [InlineData("0")]
    public void Altered_or_malformed_luhn_numbers_are_invalid(string number)
    {
        Checksums.IsLuhnValid(number).ShouldBeFalse();
    }

    [Theory]
    [InlineData("7992739871", '3')]
    [InlineData("411111111111111", '1')]
    [InlineData("37828224631000", '5')]
    public void The_luhn_check_digit_completes_a_valid_number(string payload, char expected)
    {
        Checksums.LuhnCheckDigit(payload).ShouldBe(expected);
        Checksums.IsLuhnValid(payload + expected).ShouldBeTrue();
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32")] // the ECBS / Wikipedia example
    [InlineData("DE89370400440532013000")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300")]
    public void Published_ibans_are_valid(string iban)
    {
        Checksums.IsIbanValid(iban).ShouldBeTrue();
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 33")]
    [InlineData("DE88370400440532013000")]
    [InlineData("DE8937040044")]
    [InlineData("1289370400440532013000")]
    [InlineData("DE89-3704-0044-0532-0130-00")]
    public void Altered_or_malformed_ibans_are_invalid(string iban)
    {
        Checksums.IsIbanValid(iban).ShouldBeFalse();
    }

    [Theory]
    [InlineData("GB", "WEST12345698765432", "82")]
    [InlineData("DE", "370400440532013000", "89")]
    public void Iban_check_digits_match_the_published_examples(string country, string bban, string expected)
    {
        Checksums.IbanCheckDigits(country, bban).ShouldBe(expected);
    }

    [Fact]
    public void Iban_check_digits_reject_a_bad_country_code()
    {
        Should.Throw<ArgumentException>(() => Checksums.IbanCheckDigits("D1", "370400440532013000")).Message.ShouldContain("two letters");
    }
}
