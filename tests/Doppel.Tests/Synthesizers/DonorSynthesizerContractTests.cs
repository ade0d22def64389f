using Doppel.Data;
using Doppel.Models;
using Doppel.Synthesizers;

namespace Doppel.Tests.Synthesizers;

/// <summary>The checks every CART-family and baseline synthesizer passes: mixed types with missing values, the model file, seeds, PII.</summary>
public class DonorSynthesizerContractTests
{
    private static readonly Dictionary<string, Lazy<(Table Table, Metadata Metadata, SynthesizerModel Model)>> Fitted =
        new[] { "cart", "independent", "uniform" }.ToDictionary(name => name, name => new Lazy<(Table, Metadata, SynthesizerModel)>(() =>
        {
            var (table, metadata) = TestTables.Mixed(2000);
            return (table, metadata, SynthesizerRegistry.Create(SynthesizerRegistry.Parse(name)).Fit(table, metadata, new FitOptions { Seed = 5 }));
        }));

    public static TheoryData<string> Kinds() => ["cart", "independent", "uniform"];

    private static IEnumerable<string?> Formatted(Table table, Metadata metadata, string column) => ValueFormatter.FormatColumn(table[column], metadata[column]);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Mixed_types_with_missing_values_come_back_with_their_types_and_missing_rates(string name)
    {
        var (table, _, model) = Fitted[name].Value;
        Table synthetic = model.Sample(4000, seed: 1);
        synthetic.RowCount.ShouldBe(4000);
        synthetic.ColumnNames.ShouldBe(table.ColumnNames);
        synthetic["x"].ShouldBeOfType<NumericColumn>();
        synthetic["when"].ShouldBeOfType<DateTimeColumn>();
        ((CategoricalColumn)synthetic["flag"]).Codes.Distinct().Count().ShouldBe(2, name);
        foreach (string column in new[] { "y", "group" })
        {
            double real = (double)table[column].MissingCount() / table.RowCount;
            double sampled = (double)synthetic[column].MissingCount() / synthetic.RowCount;
            sampled.ShouldBe(real, 0.03, $"{name}: missing rate of {column}");
        }
        ((NumericColumn)synthetic["count"]).Values.ShouldAllBe(v => v == Math.Floor(v), name);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_and_load_give_identical_samples_with_and_without_a_condition(string name)
    {
        var (_, metadata, model) = Fitted[name].Value;
        using var folder = new TempFolder();
        string path = folder.File("model.doppel");
        ModelFile.Save(model, path);
        SynthesizerModel loaded = ModelFile.Load(path);
        loaded.Kind.ShouldBe(model.Kind);
        foreach (ConditionSet conditions in new[] { ConditionSet.None, new ConditionSet([new Condition("flag", "yes")]) })
        {
            Table before = model.Sample(3000, seed: 8, conditions);
            Table after = loaded.Sample(3000, seed: 8, conditions);
            foreach (string column in before.ColumnNames)
                Formatted(after, metadata, column).ShouldBe(Formatted(before, metadata, column), $"{name}: {column} given {conditions}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_seed_same_rows_and_another_seed_other_rows(string name)
    {
        var (_, metadata, model) = Fitted[name].Value;
        Table first = model.Sample(1000, seed: 10);
        model.Sample(9000, seed: 99);
        Table again = model.Sample(1000, seed: 10);
        Table other = model.Sample(1000, seed: 11);
        foreach (string column in first.ColumnNames)
            Formatted(again, metadata, column).ShouldBe(Formatted(first, metadata, column), $"{name}: {column}");
        Formatted(other, metadata, "x").ShouldNotBe(Formatted(first, metadata, "x"), name);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Pii_is_regenerated_never_copied(string name)
    {
        var (table, _, model) = Fitted[name].Value;
        Table synthetic = model.Sample(5000, seed: 7);
        var realEmails = ((TextColumn)table["email"]).Values.ToHashSet();
        string?[] emails = ((TextColumn)synthetic["email"]).Values;
        emails.ShouldAllBe(e => e != null && e.Contains('@'));
        emails.Count(realEmails.Contains).ShouldBe(0, name);
        using var folder = new TempFolder();
        ModelFile.Save(model, folder.File("m.doppel"));
        byte[] file = File.ReadAllBytes(folder.File("m.doppel"));
        // The model file is a zip; its parts are read back to be sure no real e-mail is stored in them.
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(file));
        string everything = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        realEmails.Take(200).ShouldAllBe(e => !everything.Contains(e!), name);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Equality_on_a_category_holds_in_every_row_and_a_bound_is_met_by_rejection(string name)
    {
        var (_, _, model) = Fitted[name].Value;
        Table rows = model.Sample(1500, seed: 3, new ConditionSet([new Condition("group", "high"), Condition.Parse("x>=0.5")]));
        rows.RowCount.ShouldBe(1500);
        Enumerable.Range(0, 1500).ShouldAllBe(i => ((CategoricalColumn)rows["group"])[i] == "high");
        ((NumericColumn)rows["x"]).Values.ShouldAllBe(v => v >= 0.5);
        Should.Throw<InfeasibleRequestException>(() => model.Sample(10, seed: 1, new ConditionSet([new Condition("group", "nowhere")])))
            .Message.ShouldContain("Values seen");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Constant_entirely_missing_and_datetime_only_columns_survive_the_model_file(string name)
    {
        const int Rows = 200;
        long start = new DateTime(2024, 1, 1).Ticks;
        var table = new Table(
        [
            new NumericColumn("constant", Enumerable.Repeat(5.0, Rows).ToArray()),
            new NumericColumn("empty", Enumerable.Repeat(double.NaN, Rows).ToArray()),
            new DateTimeColumn("day", [.. Enumerable.Range(0, Rows).Select(i => i % 10 == 0 ? DateTimeColumn.Missing : start + i * TimeSpan.TicksPerDay)]),
            new CategoricalColumn("none", Enumerable.Repeat(-1, Rows).ToArray(), []),
        ]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("constant", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("empty", ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
            new ColumnMetadata("day", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("none", ColumnType.Categorical),
        ]);
        SynthesizerModel model = SynthesizerRegistry.Create(SynthesizerRegistry.Parse(name)).Fit(table, metadata);
        using var folder = new TempFolder();
        ModelFile.Save(model, folder.File("m.doppel"));
        Table synthetic = ModelFile.Load(folder.File("m.doppel")).Sample(300, seed: 1);
        ((NumericColumn)synthetic["constant"]).Values.ShouldAllBe(v => v == 5.0, name);
        ((NumericColumn)synthetic["empty"]).Values.ShouldAllBe(v => double.IsNaN(v), name);
        ((CategoricalColumn)synthetic["none"]).Codes.ShouldAllBe(c => c == -1, name);
        long[] days = ((DateTimeColumn)synthetic["day"]).Ticks;
        days.Where(t => t != DateTimeColumn.Missing).ShouldAllBe(t => t >= start && t < start + Rows * TimeSpan.TicksPerDay, name);
        ((double)days.Count(t => t == DateTimeColumn.Missing) / days.Length).ShouldBe(0.1, 0.06, name);
    }
}
