using Doppel.Data;
using Doppel.Learning.Neighbors;

namespace Doppel.Tests.Learning.Neighbors;

public class GowerSpaceTests
{
    private static readonly long Day = TimeSpan.TicksPerDay;
    private static readonly long Jan1 = new DateTime(2020, 1, 1).Ticks;

    // Reference: age 20, 30, 60 (range 40); colour red, blue, missing; date Jan 1, Jan 11, missing (range 10 days).
    private static Table Reference() => new(
    [
        new NumericColumn("age", [20, 30, 60]),
        CategoricalColumn.FromValues("colour", ["red", "blue", null]),
        new DateTimeColumn("date", [Jan1, Jan1 + 10 * Day, DateTimeColumn.Missing]),
    ]);

    private static readonly string[] Columns = ["age", "colour", "date"];

    [Fact]
    public void Distance_matches_hand_computed_values()
    {
        Table reference = Reference();
        // Categories listed in another order, plus one the reference never saw.
        var other = new Table(
        [
            new NumericColumn("age", [100, 60, 30]),
            new CategoricalColumn("colour", [1, -1, 2], ["violet", "red", "blue"]),
            new DateTimeColumn("date", [Jan1 + 5 * Day, DateTimeColumn.Missing, Jan1 + 10 * Day]),
        ]);
        GowerSpace space = GowerSpace.Fit(reference, Columns);
        EncodedRows r = space.Encode(reference), o = space.Encode(other);

        // row 0 vs row 1: age |20 − 30| / 40 = 0.25; colour red ≠ blue = 1; date 10 / 10 days = 1 → (0.25 + 1 + 1) / 3 = 0.75
        GowerSpace.Distance(r, 0, r, 1).ShouldBe(0.75, 1e-6);
        // row 0 vs row 2: age 40 / 40 = 1; colour one missing = 1; date one missing = 1 → 1
        GowerSpace.Distance(r, 0, r, 2).ShouldBe(1.0, 1e-6);
        // row 0 vs other 0 (100, red, Jan 6): age 80 / 40 = 2, capped at 1; colour equal = 0; date 5 / 10 = 0.5 → 1.5 / 3 = 0.5
        GowerSpace.Distance(r, 0, o, 0).ShouldBe(0.5, 1e-6);
        // row 2 vs other 1 (60, missing, missing): all equal, both missing counts 0 → 0
        GowerSpace.Distance(r, 2, o, 1).ShouldBe(0.0);
        // row 1 vs other 2 (30, blue, Jan 11): identical although "blue" has another code in each table → 0
        GowerSpace.Distance(r, 1, o, 2).ShouldBe(0.0);
    }

    [Fact]
    public void A_category_unseen_in_the_reference_matches_itself_across_tables()
    {
        GowerSpace space = GowerSpace.Fit(Reference(), ["colour"]);
        EncodedRows first = space.Encode(new Table([CategoricalColumn.FromValues("colour", ["violet", "red"])]));
        EncodedRows second = space.Encode(new Table([CategoricalColumn.FromValues("colour", ["pink", "violet"])]));
        GowerSpace.Distance(first, 0, second, 1).ShouldBe(0.0);
        GowerSpace.Distance(first, 0, second, 0).ShouldBe(1.0);
        GowerSpace.Distance(first, 1, second, 0).ShouldBe(1.0);
    }

    [Fact]
    public void A_constant_column_uses_a_range_of_one_unit()
    {
        var reference = new Table([new NumericColumn("x", [5, 5, 5])]);
        GowerSpace space = GowerSpace.Fit(reference, ["x"]);
        EncodedRows other = space.Encode(new Table([new NumericColumn("x", [5.25, 9])]));
        EncodedRows encoded = space.Encode(reference);
        GowerSpace.Distance(encoded, 0, other, 0).ShouldBe(0.25, 1e-6);
        GowerSpace.Distance(encoded, 0, other, 1).ShouldBe(1.0);
    }

    [Fact]
    public void Encoded_distances_agree_with_the_raw_value_definition_on_random_tables()
    {
        Table reference = MixedTables.Random(40, seed: 3, grid: false);
        Table other = MixedTables.Random(30, seed: 4, grid: false, categories: ["blue", "red", "black", "grey"]);
        GowerSpace space = GowerSpace.Fit(reference, MixedTables.Columns);
        EncodedRows r = space.Encode(reference), o = space.Encode(other);
        for (int i = 0; i < other.RowCount; i++)
            for (int j = 0; j < reference.RowCount; j++)
                GowerSpace.Distance(o, i, r, j).ShouldBe(MixedTables.Gower(reference, other, i, reference, j), 1e-6);
    }

    [Fact]
    public void Missing_or_mistyped_columns_are_reported_by_name()
    {
        GowerSpace space = GowerSpace.Fit(Reference(), Columns);
        Should.Throw<DataFormatException>(() => space.Encode(new Table([new NumericColumn("age", [1])])))
            .Message.ShouldContain("no column 'colour'");
        var mistyped = new Table(
        [
            CategoricalColumn.FromValues("age", ["old"]),
            CategoricalColumn.FromValues("colour", ["red"]),
            new DateTimeColumn("date", [Jan1]),
        ]);
        Should.Throw<DataFormatException>(() => space.Encode(mistyped)).Message.ShouldContain("'age' is numerical in the reference table but categorical here");
        Should.Throw<DataFormatException>(() => GowerSpace.Fit(new Table([new TextColumn("note", ["a"])]), ["note"]))
            .Message.ShouldContain("free text");
    }
}
