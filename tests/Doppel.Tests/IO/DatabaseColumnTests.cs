using Doppel.Data;
using Doppel.IO;

namespace Doppel.Tests.IO;

public class DatabaseColumnTests
{
    [Theory]
    [InlineData("yyyy-MM-dd", DatabaseValueKind.Date, TimeSpan.TicksPerDay)]
    [InlineData("dd/MM/yyyy", DatabaseValueKind.Date, TimeSpan.TicksPerDay)]
    [InlineData("yyyy-MM-dd HH:mm", DatabaseValueKind.Timestamp, TimeSpan.TicksPerMinute)]
    [InlineData("yyyy-MM-dd HH:mm:ss", DatabaseValueKind.Timestamp, TimeSpan.TicksPerSecond)]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fff", DatabaseValueKind.Timestamp, TimeSpan.TicksPerMillisecond)]
    [InlineData("yyyy-MM-ddTHH:mm:sszzz", DatabaseValueKind.TimestampUtc, TimeSpan.TicksPerSecond)]
    [InlineData("yyyy-MM-ddTHH:mm:ss'Z'", DatabaseValueKind.TimestampUtc, TimeSpan.TicksPerSecond)]
    [InlineData("unix-milliseconds", DatabaseValueKind.TimestampUtc, TimeSpan.TicksPerMillisecond)]
    [InlineData(null, DatabaseValueKind.Timestamp, 1L)]
    public void A_datetime_format_decides_the_kind_and_the_precision(string? format, DatabaseValueKind kind, long resolution)
    {
        DatabaseColumn column = DatabaseColumn.Map(new Metadata([new ColumnMetadata("t", ColumnType.DateTime) { DateTimeFormat = format }]))[0];
        column.Kind.ShouldBe(kind);
        column.Resolution.ShouldBe(resolution);
    }

    [Fact]
    public void Values_are_rounded_and_cut_exactly_as_the_csv_writer_writes_them()
    {
        var metadata = new Metadata(
        [
            new ColumnMetadata("n", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2 },
            new ColumnMetadata("b", ColumnType.Boolean),
            new ColumnMetadata("t", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd HH:mm" },
        ]);
        long noon = new DateTime(2024, 5, 6, 12, 34, 56).Ticks;
        var table = new Table(
        [
            new NumericColumn("n", [2.5, -2.5, double.NaN]),
            new NumericColumn("x", [1.005, -0.001, 3.14159]),
            new CategoricalColumn("b", [0, 1, -1], ["Yes", "No"]),
            new DateTimeColumn("t", [noon, DateTimeColumn.Missing, noon + 1]),
        ]);
        DatabaseBlock block = DatabaseBlock.From(table, DatabaseColumn.Map(metadata));
        block.IntegerColumns[0].ShouldBe([3L, -3L, DatabaseBlock.MissingInteger]);
        block.RealColumns[1].ShouldBe([Math.Round(1.005, 2, MidpointRounding.AwayFromZero), 0.0, 3.14]);
        block.IntegerColumns[2].ShouldBe([1L, 0L, DatabaseBlock.MissingInteger]);
        long minute = new DateTime(2024, 5, 6, 12, 34, 0).Ticks;
        block.IntegerColumns[3].ShouldBe([minute, DateTimeColumn.Missing, minute]);

        DatabaseBlock basic = DatabaseBlock.From(table, DatabaseColumn.MapToBasicTypes(metadata));
        basic.TextColumns[2].ShouldBe(["Yes", "No", null]);
        basic.TextColumns[3].ShouldBe(["2024-05-06T12:34:00", null, "2024-05-06T12:34:00"]);
    }

    [Fact]
    public void A_boolean_column_with_other_labels_is_a_clear_error()
    {
        var metadata = new Metadata([new ColumnMetadata("b", ColumnType.Boolean)]);
        var table = new Table([new CategoricalColumn("b", [0, 1], ["M", "F"])]);
        var error = Should.Throw<DataFormatException>(() => DatabaseBlock.From(table, DatabaseColumn.Map(metadata)));
        error.Message.ShouldContain("Column 'b' is boolean but holds \"M\"");
        error.Message.ShouldContain("categorical");
    }
}
