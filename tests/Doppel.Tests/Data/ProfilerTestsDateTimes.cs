using System.Globalization;
using Doppel.Data;
using Doppel.IO;
using Doppel.Randomness;
using static Doppel.Tests.Data.ProfilerTestsSupport;

namespace Doppel.Tests.Data;

public class ProfilerTestsDateTimes
{
    private static readonly DateTimeOffset Start = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeded random moments over ten years, with random offsets of whole quarter hours.</summary>
    private static DateTimeOffset[] Moments(int count, int seed)
    {
        var rng = new Rng((ulong)seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            long ticks = (long)(rng.NextDouble() * TimeSpan.FromDays(3650).Ticks);
            TimeSpan offset = TimeSpan.FromMinutes(15 * rng.NextInt(-48, 57));
            return new DateTimeOffset(Start.UtcDateTime.AddTicks(ticks).Ticks, offset);
        })];
    }

    [Theory]
    [InlineData("yyyy-MM-dd")]
    [InlineData("yyyy-MM-ddTHH:mm:ss")]
    [InlineData("yyyy-MM-ddTHH:mm")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fff")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.ffffff")]
    [InlineData("yyyy-MM-ddTHH:mm:ssZ")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffZ")]
    [InlineData("yyyy-MM-ddTHH:mm:sszzz")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffzzz")]
    [InlineData("yyyy-MM-dd HH:mm:ss")]
    [InlineData("yyyy-MM-dd HH:mm")]
    [InlineData("yyyy/MM/dd")]
    [InlineData("MM/dd/yyyy")]
    [InlineData("dd/MM/yyyy")]
    [InlineData("dd.MM.yyyy")]
    [InlineData("dd-MM-yyyy")]
    [InlineData("MM/dd/yyyy HH:mm")]
    [InlineData("MM/dd/yyyy HH:mm:ss")]
    [InlineData("dd/MM/yyyy HH:mm")]
    [InlineData("dd/MM/yyyy HH:mm:ss")]
    [InlineData("dd.MM.yyyy HH:mm")]
    [InlineData("dd.MM.yyyy HH:mm:ss")]
    [InlineData("M/d/yyyy")]
    [InlineData("M/d/yyyy h:mm tt")]
    [InlineData("MM/dd/yyyy hh:mm:ss tt")]
    public void Each_supported_format_is_detected_and_round_trips_every_value(string format)
    {
        string?[] values = [.. Moments(300, format.Length).Select(m => m.ToString(format, CultureInfo.InvariantCulture))];

        ColumnMetadata column = Profiler.Detect(Raw(("when", values))).Columns.Single();

        column.Type.ShouldBe(ColumnType.DateTime);
        column.DateTimeFormat.ShouldBe(format);
        foreach (string value in values!)
            DateTimeOffset.ParseExact(value, format, CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture).ShouldBe(value);
    }

    [Fact]
    public void Fractions_of_varying_length_use_optional_digits()
    {
        string?[] values = [.. Moments(300, 1).Select(m => m.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture))];
        values[3] = "2020-05-06T07:08:09";

        ColumnMetadata column = Profiler.Detect(Raw(("when", values))).Columns.Single();

        column.DateTimeFormat.ShouldBe("yyyy-MM-ddTHH:mm:ss.FFFFFFF");
        foreach (string value in values!)
            DateTime.ParseExact(value, column.DateTimeFormat!, CultureInfo.InvariantCulture).ToString(column.DateTimeFormat, CultureInfo.InvariantCulture).ShouldBe(value);
    }

    [Fact]
    public void A_first_field_above_twelve_means_day_first()
    {
        string?[] values = Repeat(60, "01/02/2020", "11/12/2021", "25/03/2019", null);

        ColumnMetadata column = Profiler.Detect(Raw(("day", values))).Columns.Single();

        column.DateTimeFormat.ShouldBe("dd/MM/yyyy");
    }

    [Fact]
    public void A_second_field_above_twelve_means_month_first()
    {
        Profiler.Detect(Raw(("day", Repeat(60, "01/02/2020", "11/12/2021", "03/25/2019")))).Columns.Single()
            .DateTimeFormat.ShouldBe("MM/dd/yyyy");
    }

    [Fact]
    public void The_deciding_value_is_found_beyond_the_sample()
    {
        string?[] values = Repeat(5000, "01/02/2020", "11/12/2021", "03/04/2019");
        values[^1] = "28/04/2019";

        ColumnMetadata column = Profiler.Detect(Raw(("day", values)), ProfileOptions.Default with { SampleSize = 100 }).Columns.Single();

        column.DateTimeFormat.ShouldBe("dd/MM/yyyy");
    }

    [Fact]
    public void Undecidable_day_and_month_prefers_month_first_and_warns()
    {
        RawTable raw = Raw(("day", Repeat(60, "01/02/2020", "11/12/2021", "03/04/2019")));

        Metadata metadata = Profiler.Detect(raw);

        metadata.Columns.Single().DateTimeFormat.ShouldBe("MM/dd/yyyy");
        Profiler.Summarize(raw, metadata).Single().Warnings.ShouldContain("ambiguous day/month order");
    }

    [Fact]
    public void Decided_day_and_month_order_does_not_warn()
    {
        RawTable raw = Raw(("day", Repeat(60, "01/02/2020", "11/12/2021", "03/25/2019")));

        Profiler.Summarize(raw, Profiler.Detect(raw)).Single().Warnings.ShouldNotContain("ambiguous day/month order");
    }

    [Fact]
    public void Impossible_dates_are_not_datetimes()
    {
        Profiler.Detect(Raw(("day", Repeat(60, "2020-02-30", "2021-01-15")))).Columns.Single().Type.ShouldNotBe(ColumnType.DateTime);
        Profiler.Detect(Raw(("day", Repeat(60, "13/25/2020", "01/01/2021")))).Columns.Single().Type.ShouldNotBe(ColumnType.DateTime);
    }

    [Fact]
    public void Mixed_formats_are_not_one_datetime_column()
    {
        Profiler.Detect(Raw(("day", Repeat(60, "2020-01-02", "01/02/2020")))).Columns.Single().Type.ShouldNotBe(ColumnType.DateTime);
    }

    [Fact]
    public void Epoch_seconds_are_datetimes_only_when_the_name_says_time()
    {
        var rng = new Rng(5);
        string?[] seconds = [.. Enumerable.Range(0, 200).Select(_ => (1_400_000_000 + rng.NextInt(300_000_000)).ToString(CultureInfo.InvariantCulture))];

        foreach (string name in new[] { "created_at", "event_ts", "timestamp", "epoch", "time" })
        {
            ColumnMetadata column = Profiler.Detect(Raw((name, seconds))).Columns.Single();
            column.Type.ShouldBe(ColumnType.DateTime, name);
            column.DateTimeFormat.ShouldBe("unix-seconds", name);
        }
        Profiler.Detect(Raw(("amount", seconds))).Columns.Single().Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void Epoch_milliseconds_are_datetimes_only_when_the_name_says_time()
    {
        var rng = new Rng(6);
        string?[] millis = [.. Enumerable.Range(0, 200).Select(_ => (1_400_000_000_000L + rng.NextInt(1_000_000_000) * 300L).ToString(CultureInfo.InvariantCulture))];

        ColumnMetadata column = Profiler.Detect(Raw(("updated_at", millis))).Columns.Single();

        column.DateTimeFormat.ShouldBe("unix-milliseconds");
        Profiler.Detect(Raw(("bytes", millis))).Columns.Single().Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void Integers_outside_the_plausible_epoch_range_stay_numbers()
    {
        Profiler.Detect(Raw(("created_at", Repeat(50, "12", "3400", "999999")))).Columns.Single().Type.ShouldBe(ColumnType.Numerical);
    }

    [Fact]
    public void Compact_dates_need_a_date_name()
    {
        string?[] values = Repeat(80, "20200131", "20191201", "20210615");

        ColumnMetadata dated = Profiler.Detect(Raw(("order_date", values))).Columns.Single();
        dated.Type.ShouldBe(ColumnType.DateTime);
        dated.DateTimeFormat.ShouldBe("yyyyMMdd");
        Profiler.Detect(Raw(("order_count", values))).Columns.Single().Type.ShouldBe(ColumnType.Numerical);
    }
}
