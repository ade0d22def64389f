using System.Globalization;
using Bogus;
using Doppel.Data;
using Doppel.IO;
using Doppel.Privacy;
using static Doppel.Tests.Data.ProfilerTestsSupport;

namespace Doppel.Tests.Data;

public class ProfilerTestsPii
{
    /// <summary>Emails, full names, phones, IBANs and card numbers under meaningless names, plus two ordinary columns.</summary>
    internal static RawTable MixedTable(int rows, int seed)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        var columns = new List<string?>[7];
        for (int i = 0; i < columns.Length; i++) columns[i] = [];
        for (int row = 0; row < rows; row++)
        {
            columns[0].Add(faker.Internet.Email());
            columns[1].Add(faker.Name.FullName());
            columns[2].Add(faker.Phone.PhoneNumber());
            columns[3].Add(faker.Finance.Iban());
            columns[4].Add(faker.Finance.CreditCardNumber());
            columns[5].Add(faker.Random.Int(18, 90).ToString(CultureInfo.InvariantCulture));
            columns[6].Add(faker.PickRandom("red", "green", "blue"));
        }
        return Raw([.. columns.Select((values, i) => ($"c{i + 1}", values.ToArray()))]);
    }

    [Fact]
    public void Personal_data_under_meaningless_names_is_found_by_content()
    {
        Metadata metadata = Profiler.Detect(MixedTable(rows: 400, seed: 42));

        metadata.Columns.Take(5).Select(c => c.Type).ShouldAllBe(t => t == ColumnType.Pii);
        metadata["c1"].Pii.ShouldBe(PiiKind.Email);
        metadata["c2"].Pii.ShouldBe(PiiKind.PersonName);
        metadata["c3"].Pii.ShouldBe(PiiKind.Phone);
        metadata["c4"].Pii.ShouldBe(PiiKind.Iban);
        metadata["c5"].Pii.ShouldBe(PiiKind.CreditCard);
        metadata["c6"].Type.ShouldBe(ColumnType.Numerical);
        metadata["c7"].Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Personal_data_is_found_from_a_small_sample_of_a_large_table()
    {
        Metadata metadata = Profiler.Detect(MixedTable(rows: 5000, seed: 8), ProfileOptions.Default with { SampleSize = 200 });

        metadata.Columns.Take(5).Select(c => c.Pii).ShouldBe([PiiKind.Email, PiiKind.PersonName, PiiKind.Phone, PiiKind.Iban, PiiKind.CreditCard]);
    }

    [Fact]
    public void More_kinds_are_found_by_content()
    {
        var faker = new Faker { Random = new Randomizer(17) };
        const int rows = 300;
        RawTable raw = Raw(
            ("a", Make(() => faker.Internet.Ip())),
            ("b", Make(() => faker.Internet.Ipv6())),
            ("c", Make(() => faker.Internet.Url())),
            ("d", Make(() => $"{faker.Random.Int(1, 665):000}-{faker.Random.Int(1, 99):00}-{faker.Random.Int(1, 9999):0000}")),
            ("e", Make(() => faker.Address.StreetAddress(faker.Random.Bool()))),
            ("f", Make(() => faker.Name.FirstName())),
            ("g", Make(() => faker.Name.LastName())));

        Metadata metadata = Profiler.Detect(raw);

        metadata.Columns.Select(c => c.Pii).ShouldBe([PiiKind.IPv4, PiiKind.IPv6, PiiKind.Url, PiiKind.Ssn, PiiKind.StreetAddress, PiiKind.FirstName, PiiKind.LastName]);
        metadata["d"].Pattern.ShouldBe("###-##-####");

        string?[] Make(Func<string> next) => [.. Enumerable.Range(0, rows).Select(_ => next())];
    }

    [Fact]
    public void Postal_codes_need_a_name_hint_because_five_digits_are_common()
    {
        var faker = new Faker { Random = new Randomizer(4) };
        string?[] zips = [.. Enumerable.Range(0, 300).Select(_ => faker.Address.ZipCode("#####"))];

        Profiler.Detect(Raw(("zip", zips))).Columns[0].Pii.ShouldBe(PiiKind.PostalCode);
        Profiler.Detect(Raw(("postal_code", zips))).Columns[0].Pii.ShouldBe(PiiKind.PostalCode);
        Profiler.Detect(Raw(("amount", zips))).Columns[0].Type.ShouldNotBe(ColumnType.Pii);
    }

    [Fact]
    public void Single_names_with_a_name_hint_are_first_or_last_names()
    {
        string?[] given = Repeat(120, "Mary", "Ahmed", "Xiaoling", "Owen", "Zuzana", "Björn");
        string?[] family = Repeat(120, "Braund", "Cumings", "Heikkinen", "Futrelle", "Allen", "Moran", "McCarthy");

        Profiler.Detect(Raw(("first_name", given))).Columns[0].Pii.ShouldBe(PiiKind.FirstName);
        Profiler.Detect(Raw(("surname", family))).Columns[0].Pii.ShouldBe(PiiKind.LastName);
        Profiler.Detect(Raw(("LastName", family))).Columns[0].Pii.ShouldBe(PiiKind.LastName);
        // Without the name, a handful of capitalised words is a category, not a person.
        Profiler.Detect(Raw(("group", family))).Columns[0].Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Formatted_phones_keep_their_pattern()
    {
        var faker = new Faker { Random = new Randomizer(12) };
        string?[] phones = [.. Enumerable.Range(0, 200).Select(_ => faker.Phone.PhoneNumber("(###) ###-####"))];

        ColumnMetadata column = Profiler.Detect(Raw(("contact", phones))).Columns[0];

        column.Pii.ShouldBe(PiiKind.Phone);
        column.Pattern.ShouldBe("(###) ###-####");
    }

    [Fact]
    public void A_unique_email_column_is_pii_not_an_id()
    {
        var faker = new Faker { Random = new Randomizer(1) };
        string?[] emails = [.. Enumerable.Range(0, 200).Select(i => $"user{i}@{faker.Internet.DomainName()}")];

        Profiler.Detect(Raw(("login_id", emails))).Columns[0].Pii.ShouldBe(PiiKind.Email);
    }

    [Fact]
    public void Bare_digit_numbers_are_phones_only_when_the_name_says_so()
    {
        var faker = new Faker { Random = new Randomizer(6) };
        string?[] numbers = [.. Enumerable.Range(0, 200).Select(_ => faker.Phone.PhoneNumber("##########"))];

        Profiler.Detect(Raw(("mobile", numbers))).Columns[0].Pii.ShouldBe(PiiKind.Phone);
        Profiler.Detect(Raw(("reading", numbers))).Columns[0].Type.ShouldNotBe(ColumnType.Pii);
    }
}
