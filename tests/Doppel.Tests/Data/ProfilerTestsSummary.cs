using Doppel.Data;
using Doppel.IO;
using static Doppel.Tests.Data.ProfilerTestsSupport;

namespace Doppel.Tests.Data;

public class ProfilerTestsSummary
{
    [Fact]
    public void Summaries_follow_the_metadata_and_describe_each_type()
    {
        RawTable raw = Raw(
            ("age", Repeat(40, "31", "45", null, "27")),
            ("price", Repeat(40, "1.50", "2.25")),
            ("joined", Repeat(40, "2020-01-31", "2021-06-15")),
            ("member", Repeat(40, "yes", "no")),
            ("city", Repeat(40, "Oslo", "Lima", "Oslo")));

        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, Profiler.Detect(raw));

        summaries.Select(s => s.Name).ShouldBe(["age", "price", "joined", "member", "city"]);
        summaries.Select(s => s.TypeDetail).ShouldBe(["integer", "float, 2 decimals", "datetime yyyy-MM-dd", "boolean", "categorical"]);
        summaries[0].MissingFraction.ShouldBe(0.25);
        summaries[0].DistinctCount.ShouldBe(3);
        summaries[0].Example.ShouldBe("31");
        summaries[4].Example.ShouldBe("Oslo");
        summaries.ShouldAllBe(s => s.Warnings.Count == 0);
    }

    [Fact]
    public void An_all_missing_column_is_flagged()
    {
        RawTable raw = Raw(("notes", Repeat(10, (string?)null)), ("x", Repeat(10, "1", "2")));

        ColumnSummary notes = Profiler.Summarize(raw, Profiler.Detect(raw))[0];

        notes.Type.ShouldBe(ColumnType.Categorical);
        notes.Warnings.ShouldBe(["all values missing"]);
        notes.Example.ShouldBeNull();
        notes.MissingFraction.ShouldBe(1);
        notes.DistinctCount.ShouldBe(0);
    }

    [Fact]
    public void A_constant_column_is_flagged_and_keeps_its_type()
    {
        RawTable raw = Raw(("version", Repeat(10, "3")), ("country", Repeat(10, "France")));

        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, Profiler.Detect(raw));

        summaries[0].Type.ShouldBe(ColumnType.Numerical);
        summaries[0].Warnings.ShouldContain("constant (one distinct value)");
        summaries[1].Type.ShouldBe(ColumnType.Categorical);
        summaries[1].Warnings.ShouldContain("constant (one distinct value)");
    }

    [Fact]
    public void Examples_of_personal_data_are_masked()
    {
        RawTable raw = Raw(
            ("email", Repeat(30, "john.doe@example.com", "ann.lee@mail.org")),
            ("phone", Repeat(30, "+1 (555) 123-4512", "+1 (555) 987-6543")),
            ("card", Repeat(30, "4111 1111 1111 1111", "5500 0000 0000 0004")));

        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, Profiler.Detect(raw));

        summaries.Select(s => s.Type).ShouldAllBe(t => t == ColumnType.Pii);
        summaries[0].Example.ShouldBe("j***@e***.com");
        summaries[1].Example.ShouldBe("+1 (***) ***-**12");
        summaries[2].Example.ShouldBe("**** **** **** 1111");
    }

    [Fact]
    public void No_masked_example_contains_its_real_value()
    {
        RawTable raw = ProfilerTestsPii.MixedTable(rows: 200, seed: 77);
        Metadata metadata = Profiler.Detect(raw);

        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, metadata);

        foreach (ColumnSummary summary in summaries.Where(s => s.Type is ColumnType.Pii))
        {
            string real = raw.Columns[raw.IndexOf(summary.Name)][0]!;
            summary.Example.ShouldNotBeNull();
            summary.Example.ShouldNotContain(real, Case.Insensitive);
            summary.Example.ShouldContain("*");
        }
    }

    [Fact]
    public void A_declared_id_with_repeats_is_flagged()
    {
        RawTable raw = Raw(("user_id", Repeat(10, "1", "2", "2", "3", "4")));
        var metadata = new Metadata([new ColumnMetadata("user_id", ColumnType.Id)], "user_id");

        Profiler.Summarize(raw, metadata).Single().Warnings.ShouldContain("not a key: 6 values are missing or repeated");
    }

    [Fact]
    public void Values_that_do_not_fit_a_declared_type_are_counted_with_their_line()
    {
        RawTable raw = Raw(("age", ["31", "abc", "40", "n/a"]), ("day", ["2020-01-01", "2020-01-02", "01/03/2020", "2020-01-04"]));
        var metadata = new Metadata(
        [
            new ColumnMetadata("age", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata("day", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
        ]);

        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, metadata);

        summaries[0].Warnings.ShouldContain("2 values are not numbers (the first on line 3)");
        summaries[1].Warnings.ShouldContain("1 value is not in the format yyyy-MM-dd (the first on line 4)");
    }

    [Fact]
    public void Metadata_naming_an_absent_column_is_rejected_with_the_names_that_exist()
    {
        RawTable raw = Raw(("age", ["1", "2"]));
        var metadata = new Metadata([new ColumnMetadata("agee", ColumnType.Numerical)]);

        MetadataException error = Should.Throw<MetadataException>(() => Profiler.Summarize(raw, metadata));

        error.Message.ShouldContain("'agee'");
        error.Message.ShouldContain("age");
    }
}
