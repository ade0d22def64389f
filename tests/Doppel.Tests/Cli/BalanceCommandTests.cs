using Doppel.IO;

namespace Doppel.Tests.Cli;

public class BalanceCommandTests
{
    private static string Csv()
    {
        var rng = new Doppel.Randomness.Rng(3);
        var lines = new List<string> { "id,amount,channel,fraud" };
        for (int i = 0; i < 300; i++)
        {
            bool fraud = i % 15 == 0;
            double amount = Math.Round((fraud ? 900 : 100) + 50 * rng.NextGaussian(), 2);
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{1000 + i},{amount},{(rng.NextDouble() < 0.5 ? "web" : "shop")},{(fraud ? "yes" : "no")}"));
        }
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void Balance_writes_the_original_rows_then_new_minority_rows_with_fresh_ids_and_a_flag()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv());
        var result = CliRunner.Run("balance", input, "--target", "fraud", "--method", "adasyn", "--flag-column", "synthetic", "-o", folder.File("out.csv"));
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("260 new rows");
        RawTable raw = CsvTableReader.Read(folder.File("out.csv"));
        raw.RowCount.ShouldBe(560);
        raw.Columns[raw.IndexOf("fraud")].Count(v => v == "yes").ShouldBe(280);
        raw.Columns[raw.IndexOf("synthetic")].Skip(300).ShouldAllBe(v => v == "true");
        raw.Columns[raw.IndexOf("id")].Distinct().Count().ShouldBe(560);
    }

    [Fact]
    public void Balance_refuses_an_unknown_method_or_target_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv());
        CliRunner.Run("balance", input, "--target", "fraud", "--method", "magic", "-o", folder.File("out.csv")).ExitCode.ShouldBe(2);
        var result = CliRunner.Run("balance", input, "--target", "amount", "-o", folder.File("out.csv"));
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("categorical or boolean target");
        folder.Files().ShouldBe(["in.csv"]);
    }
}
