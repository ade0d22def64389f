using System.Globalization;
using System.Text;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.IO;
using Doppel.Randomness;
using Doppel.Tests.Cli;

namespace Doppel.Tests.Constraints;

public class ConstraintSuggesterTests
{
    /// <summary>
    /// Planted rules: low &lt; high with overlapping ranges, total = low + extra, country decides city,
    /// one-hot card/cash; and near-rules broken in exactly one row (x ≤ y, total2 = low + x, region/size combos).
    /// </summary>
    private static string Csv(int rows = 240)
    {
        var rng = new Rng(11);
        var text = new StringBuilder("low,high,extra,total,x,y,total2,country,city,card,cash\n");
        (string, string)[] places = [("DE", "Berlin"), ("DE", "Munich"), ("FR", "Paris"), ("FR", "Lyon"), ("US", "Boston")];
        for (int i = 0; i < rows; i++)
        {
            double low = Math.Round(10 + 80 * rng.NextDouble(), 2), high = Math.Round(low + 0.5 + 20 * rng.NextDouble(), 2);
            double extra = Math.Round(5 * rng.NextDouble(), 2), x = Math.Round(50 * rng.NextDouble(), 2), y = Math.Round(x + 30 * rng.NextDouble(), 2);
            if (i == 117) y = x - 1; // breaks x <= y in one row
            double total2 = Math.Round(low + x + (i == 63 ? 0.5 : 0), 2); // breaks total2 = low + x in one row
            (string country, string city) = places[rng.NextInt(places.Length)];
            bool card = rng.NextDouble() < 0.5;
            text.Append(CultureInfo.InvariantCulture, $"{low},{high},{extra},{Math.Round(low + extra, 2)},{x},{y},{total2},{country},{city},{(card ? 1 : 0)},{(card ? 0 : 1)}\n");
        }
        return text.ToString();
    }

    private static (Table Table, Metadata Metadata) Load(TempFolder folder)
    {
        RawTable raw = Doppel.IO.CsvTableReader.Read(folder.Write("in.csv", Csv()));
        Metadata metadata = Profiler.Detect(raw);
        return (TableBuilder.Build(raw, metadata), metadata);
    }

    [Fact]
    public void Planted_rules_are_found_and_rules_broken_in_one_row_are_not()
    {
        using var folder = new TempFolder();
        var (table, metadata) = Load(folder);
        IReadOnlyList<Constraint> found = ConstraintSuggester.Suggest(table, metadata);
        string[] described = [.. found.Select(c => c.Describe())];
        described.ShouldContain("total = low + extra", string.Join(" | ", described));
        described.ShouldContain("low < high");
        described.ShouldContain("only observed combinations of country, city");
        described.ShouldContain("exactly one of card, cash is 1");
        described.ShouldContain("low > 0");
        described.ShouldNotContain(d => d.Contains("total2 ="), string.Join(" | ", described));
        found.OfType<Inequality>().ShouldNotContain(i => i.Low == "x" && i.High == "y");
        // Together they are a valid declaration that the data meets, and the same table gives the same list.
        ConstraintSet.For(metadata with { Constraints = found }).Violations(table).ShouldBeEmpty();
        ConstraintSuggester.Suggest(table, metadata).ShouldBe(found);
    }

    [Fact]
    public void Ranges_alone_do_not_make_an_inequality()
    {
        // Every a (1..3) is below every b (100..200): true in every row, but it says nothing about the rows.
        var rng = new Rng(2);
        var table = new Table([new NumericColumn("a", [.. Enumerable.Range(0, 100).Select(_ => 1 + 2 * rng.NextDouble())]),
            new NumericColumn("b", [.. Enumerable.Range(0, 100).Select(_ => 100 + 100 * rng.NextDouble())])]);
        var metadata = new Metadata([new ColumnMetadata("a", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }, new ColumnMetadata("b", ColumnType.Numerical) { Subtype = NumericalSubtype.Float }]);
        ConstraintSuggester.Suggest(table, metadata).OfType<Inequality>().ShouldBeEmpty();
    }

    [Fact]
    public void The_cli_prints_the_suggestions_and_saves_them_apart_from_the_enforced_constraints()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv());
        var result = CliRunner.Run("profile", input, "-o", folder.File("metadata.json"), "--suggest-constraints");
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("suggested constraints (each holds in all 240 rows)");
        result.Output.ShouldContain("total = low + extra");
        result.Output.ShouldContain("move the ones you accept into \"constraints\"");
        string json = File.ReadAllText(folder.File("metadata.json"));
        json.ShouldContain("\"suggestedConstraints\": [");
        json.ShouldContain("\"expression\": \"low + extra\"");
        json.ShouldNotContain("\"constraints\"");
        // The file loads as it is (suggestions are not enforced), and accepting them is moving them.
        MetadataJson.Load(folder.File("metadata.json")).Constraints.ShouldBeEmpty();
        string accepted = folder.Write("accepted.json", json.Replace("\"suggestedConstraints\"", "\"constraints\""));
        MetadataJson.Load(accepted).Constraints.ShouldContain(new ColumnFormula("total", "low + extra"));
        var synth = CliRunner.Run("synth", input, "-n", "500", "--metadata", accepted, "-o", folder.File("out.csv"));
        synth.ExitCode.ShouldBe(0, synth.ToString());
        RawTable output = Doppel.IO.CsvTableReader.Read(folder.File("out.csv"));
        Table sample = TableBuilder.Build(output, MetadataJson.Load(accepted));
        foreach (Constraint rule in MetadataJson.Load(accepted).Constraints.Where(c => c is not FixedCombinations))
            rule.Check(sample).ShouldAllBe(ok => ok, rule.Describe());
    }
}
