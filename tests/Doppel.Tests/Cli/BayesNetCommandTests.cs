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
        var sample = CliRunner.Run("sample", model, "-n", "30", "-o", folder.File("out.csv"), "--condition", "colour=green");
        sample.ExitCode.ShouldBe(0, sample.ToString());
        CsvTableReader.Read(folder.File("out.csv")).RowCount.ShouldBe(30);
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
