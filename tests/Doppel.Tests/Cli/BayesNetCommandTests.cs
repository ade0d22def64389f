using Doppel.IO;

namespace Doppel.Tests.Cli;

public class BayesNetCommandTests
{
    private static string Csv(int rows) => DeepSynthesizerCommandTests.Csv(rows);

    [Fact]
    public void Fit_with_epsilon_alone_reports_pure_dp_and_samples_with_a_condition()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(300));
        string model = folder.File("model.doppel");
        var fit = CliRunner.Run("fit", input, "-o", model, "--synthesizer", "bayesnet", "--epsilon", "1", "--seed", "1");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        fit.Output.ShouldContain("ε = 1 of 1 spent (δ = 0)");
        fit.Output.ShouldContain("bounds were detected from the data");
        fit.Output.ShouldContain("the categories of colour were read from the data");
        var sample = CliRunner.Run("sample", model, "-n", "60", "-o", folder.File("out.csv"), "--condition", "colour=red");
        sample.ExitCode.ShouldBe(0, sample.ToString());
        RawTable table = CsvTableReader.Read(folder.File("out.csv"));
        table.RowCount.ShouldBe(60);
        CliRunner.Run("info", model).Output.ShouldContain("bayesnet");
    }

    [Fact]
    public void Declared_categories_name_a_private_fits_states_and_silence_the_note()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(300));
        string metadata = folder.Write("metadata.json", """
            { "formatVersion": 1, "columns": [
              { "name": "colour", "type": "categorical", "categories": ["red", "blue", "green"] },
              { "name": "size", "type": "numerical", "subtype": "integer", "minimum": 0, "maximum": 100 } ] }
            """);
        string model = folder.File("model.doppel");
        var fit = CliRunner.Run("fit", input, "-o", model, "--metadata", metadata, "--synthesizer", "bayesnet", "--epsilon", "1", "--seed", "1");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        fit.Output.ShouldNotContain("were read from the data");
        CliRunner.Run("info", model).Output.ShouldContain("every category list is declared in the metadata");
        fit.Output.ShouldNotContain("outside its declared categories");
        var sample = CliRunner.Run("sample", model, "-n", "30", "-o", folder.File("out.csv"), "--condition", "colour=green");
        sample.ExitCode.ShouldBe(0, sample.ToString());
        CsvTableReader.Read(folder.File("out.csv")).RowCount.ShouldBe(30);

        // A list that misses a value of the data (here 'blue', two rows in three) is pointed out, with the count only.
        File.WriteAllText(metadata, File.ReadAllText(metadata).Replace("\"red\", \"blue\", \"green\"", "\"red\", \"Blue\", \"green\""));
        var misspelt = CliRunner.Run("fit", input, "-o", folder.File("m.doppel"), "--metadata", metadata, "--synthesizer", "bayesnet", "--epsilon", "1");
        misspelt.ExitCode.ShouldBe(0, misspelt.ToString());
        misspelt.Output.ShouldContain("200 of 300 rows of colour hold a value outside its declared categories");
    }

    [Fact]
    public void Delta_and_epochs_are_refused_for_bayesnet_with_the_reason()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(50));
        var delta = CliRunner.Run("fit", input, "-o", folder.File("a.doppel"), "--synthesizer", "bayesnet", "--epsilon", "1", "--delta", "1e-5");
        delta.ExitCode.ShouldBe(2, delta.ToString());
        delta.Error.ShouldContain("leave out --delta");
        var epochs = CliRunner.Run("fit", input, "-o", folder.File("b.doppel"), "--synthesizer", "bayesnet", "--epochs", "3");
        epochs.ExitCode.ShouldBe(2, epochs.ToString());
        epochs.Error.ShouldContain("--epochs");
        File.Exists(folder.File("a.doppel")).ShouldBeFalse();
    }
}
