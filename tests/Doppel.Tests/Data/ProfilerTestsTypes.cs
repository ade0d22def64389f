using System.Globalization;
using Doppel.Data;
using Doppel.IO;
using Doppel.Randomness;
using static Doppel.Tests.Data.ProfilerTestsSupport;

namespace Doppel.Tests.Data;

public class ProfilerTestsTypes
{
    private static ColumnMetadata DetectOne(string name, string?[] values, ProfileOptions? options = null) =>
        Profiler.Detect(Raw((name, values)), options).Columns.Single();

    [Theory]
    [InlineData("TRUE", "FALSE")]
    [InlineData("Yes", "No")]
    [InlineData("Y", "N")]
    [InlineData("t", "f")]
    [InlineData("1", "0")]
    [InlineData("true", "False")]
    public void Two_values_of_one_boolean_pair_are_boolean(string yes, string no)
    {
        DetectOne("answer", Repeat(50, yes, no, yes, null)).Type.ShouldBe(ColumnType.Boolean);
    }

    [Fact]
    public void Mixed_case_spellings_of_one_pair_are_still_boolean()
    {
        DetectOne("answer", Repeat(40, "yes", "No", "YES", "no")).Type.ShouldBe(ColumnType.Boolean);
    }

    [Fact]
    public void Values_from_two_different_pairs_are_not_boolean()
    {
        DetectOne("answer", Repeat(40, "yes", "false")).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void One_boolean_value_is_boolean_only_when_the_name_reads_like_a_flag()
    {
        DetectOne("is_active", Repeat(30, "True")).Type.ShouldBe(ColumnType.Boolean);
        DetectOne("has_children", Repeat(30, "0")).Type.ShouldBe(ColumnType.Boolean);
        DetectOne("status", Repeat(30, "True")).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Income_labels_are_two_categories_not_a_boolean()
    {
        DetectOne("income", Repeat(100, "<=50K", ">50K", "<=50K")).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Integers_are_numerical_with_bounds_from_every_row()
    {
        string?[] values = [.. Enumerable.Range(0, 20_000).Select(i => (i % 97 + 3).ToString(CultureInfo.InvariantCulture))];
        values[^1] = "-12";
        values[^2] = "+250";
        values[5] = null;

        ColumnMetadata column = DetectOne("count", values, ProfileOptions.Default with { SampleSize = 100 });

        column.Type.ShouldBe(ColumnType.Numerical);
        column.Subtype.ShouldBe(NumericalSubtype.Integer);
        column.Decimals.ShouldBe(0);
        column.Minimum.ShouldBe(-12);
        column.Maximum.ShouldBe(250);
    }

    [Fact]
    public void Floats_record_the_most_decimal_places_seen()
    {
        ColumnMetadata column = DetectOne("price", Repeat(30, "1.5", "2.25", "-0.125", "3", ".5"));

        column.Subtype.ShouldBe(NumericalSubtype.Float);
        column.Decimals.ShouldBe(3);
        column.Minimum.ShouldBe(-0.125);
        column.Maximum.ShouldBe(3);
    }

    [Fact]
    public void Whole_numbers_written_with_a_decimal_point_stay_float_so_the_written_form_is_kept()
    {
        ColumnMetadata column = DetectOne("age", Repeat(30, "22.0", "38.0", "4.0"));

        column.Subtype.ShouldBe(NumericalSubtype.Float);
        column.Decimals.ShouldBe(1);
    }

    [Fact]
    public void Exponent_notation_is_float_with_full_precision()
    {
        ColumnMetadata column = DetectOne("rate", Repeat(30, "1e5", "2.5E-3", "7"));

        column.Type.ShouldBe(ColumnType.Numerical);
        column.Subtype.ShouldBe(NumericalSubtype.Float);
        column.Decimals.ShouldBeNull();
    }

    [Fact]
    public void Decimal_places_are_capped_at_ten()
    {
        DetectOne("x", Repeat(30, "0.123456789012345", "1.5")).Decimals.ShouldBe(10);
    }

    [Fact]
    public void Thousands_separators_are_not_numbers()
    {
        DetectOne("amount", Repeat(60, "1,000", "2,500", "12")).Type.ShouldNotBe(ColumnType.Numerical);
    }

    [Fact]
    public void Zero_padded_codes_are_categorical_so_no_zero_is_lost()
    {
        DetectOne("branch", Repeat(90, "007", "012", "100", "045")).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Few_distinct_numbers_stay_numerical()
    {
        ColumnMetadata column = DetectOne("Pclass", Repeat(90, "1", "2", "3"));

        column.Type.ShouldBe(ColumnType.Numerical);
        column.Subtype.ShouldBe(NumericalSubtype.Integer);
    }

    [Fact]
    public void Years_stay_numerical()
    {
        DetectOne("year", Repeat(40, "1990", "2001", "2015", "1987")).Type.ShouldBe(ColumnType.Numerical);
        DetectOne("birth_year", Repeat(40, "1990", "2001", "2015", "1987")).Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void All_missing_column_is_categorical()
    {
        DetectOne("notes", Repeat(20, (string?)null)).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void A_constant_column_keeps_its_type()
    {
        DetectOne("version", Repeat(20, "3")).Type.ShouldBe(ColumnType.Numerical);
        DetectOne("country", Repeat(20, "France")).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Unique_strings_in_a_large_table_are_text_never_categorical()
    {
        var rng = new Rng(7);
        string?[] values = [.. Enumerable.Range(0, 100_000).Select(i => RandomWord(rng, 6) + i.ToString(CultureInfo.InvariantCulture))];

        DetectOne("token", values).Type.ShouldBeOneOf(ColumnType.Text, ColumnType.Id);
    }

    [Fact]
    public void More_than_a_thousand_repeated_labels_are_text()
    {
        var rng = new Rng(3);
        string[] labels = [.. Enumerable.Range(0, 1500).Select(_ => RandomWord(rng, 8))];
        string?[] values = [.. Enumerable.Range(0, 6000).Select(i => labels[i % labels.Length])];

        DetectOne("label", values).Type.ShouldBe(ColumnType.Text);
    }

    [Fact]
    public void Strings_that_are_mostly_distinct_are_text()
    {
        // 681 distinct tickets in 891 rows, as in titanic.
        string?[] values = [.. Enumerable.Range(0, 891).Select(i => "PC " + (17000 + i % 681).ToString(CultureInfo.InvariantCulture))];

        DetectOne("Ticket", values).Type.ShouldBe(ColumnType.Text);
    }

    [Fact]
    public void Sentences_are_free_text()
    {
        var faker = new Bogus.Faker { Random = new Bogus.Randomizer(5) };
        string?[] values = [.. Enumerable.Range(0, 400).Select(_ => faker.Lorem.Sentence(8))];

        ColumnMetadata column = DetectOne("comment", values);

        column.Type.ShouldBe(ColumnType.Text);
        column.Pattern.ShouldBeNull();
    }

    [Fact]
    public void A_few_long_labels_repeated_often_stay_categorical()
    {
        string?[] values = Repeat(2000, "Strongly agree with the statement", "Neither agree nor disagree at all", "Strongly disagree with the statement");

        DetectOne("answer", values).Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Unique_codes_named_as_an_id_are_the_id_and_primary_key()
    {
        string?[] ids = [.. Enumerable.Range(1, 300).Select(i => "C" + i.ToString("0000", CultureInfo.InvariantCulture))];
        RawTable raw = Raw(("segment", Repeat(300, "a", "b")), ("customer_id", ids), ("order_id", ids));

        Metadata metadata = Profiler.Detect(raw);

        metadata["customer_id"].Type.ShouldBe(ColumnType.Id);
        metadata["customer_id"].Pattern.ShouldBe("C####");
        metadata.PrimaryKey.ShouldBe("customer_id");
    }

    [Fact]
    public void Unique_uuids_are_an_id_whatever_the_name()
    {
        var rng = new Rng(11);
        string?[] values = [.. Enumerable.Range(0, 200).Select(_ => NewUuid(rng))];

        ColumnMetadata column = DetectOne("reference", values);

        column.Type.ShouldBe(ColumnType.Id);
        column.Pattern.ShouldBeNull();
    }

    [Fact]
    public void A_shuffled_consecutive_range_is_an_id_only_when_named_as_an_index()
    {
        var rng = new Rng(2);
        int[] numbers = [.. Enumerable.Range(1, 500)];
        for (int i = numbers.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (numbers[i], numbers[j]) = (numbers[j], numbers[i]);
        }
        string?[] values = [.. numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))];

        DetectOne("index", values).Type.ShouldBe(ColumnType.Id);
        DetectOne("Unnamed: 0", values).Type.ShouldBe(ColumnType.Id);
        DetectOne("score", values).Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void An_id_name_with_repeated_values_is_not_an_id()
    {
        DetectOne("PassengerId", Repeat(100, "1", "2", "3", "4")).Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void An_id_with_a_missing_value_is_not_an_id()
    {
        string?[] values = [.. Enumerable.Range(1, 100).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        values[40] = null;

        DetectOne("user_id", values).Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void Detection_is_deterministic_and_follows_table_order()
    {
        RawTable raw = ProfilerTestsPii.MixedTable(rows: 3000, seed: 9);
        var options = ProfileOptions.Default with { SampleSize = 500, Seed = 123 };

        Metadata first = Profiler.Detect(raw, options);
        Metadata second = Profiler.Detect(raw, options);

        first.Columns.Select(c => c.Name).ShouldBe(raw.Names);
        second.Columns.ShouldBe(first.Columns);
        second.PrimaryKey.ShouldBe(first.PrimaryKey);
    }

    [Fact]
    public void Options_reject_values_that_make_no_sense()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ProfileOptions.Default with { SampleSize = 10 }).Message.ShouldContain("SampleSize");
        Should.Throw<ArgumentOutOfRangeException>(() => ProfileOptions.Default with { MaxCategories = 1 });
        Should.Throw<ArgumentOutOfRangeException>(() => ProfileOptions.Default with { MaxCategoryFraction = 0 });
    }

    private static string RandomWord(Rng rng, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = (char)('a' + rng.NextInt(26));
        return new string(chars);
    }

    private static string NewUuid(Rng rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], rng.NextUInt64());
        return new Guid(bytes).ToString();
    }
}
