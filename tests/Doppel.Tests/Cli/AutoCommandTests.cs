using Doppel.IO;

namespace Doppel.Tests.Cli;

public class AutoCommandTests
{
    private static string Csv(int rows)
    {
        var lines = new List<string> { "colour,size,weight" };
        for (int i = 0; i < rows; i++) lines.Add($"{(i % 3 == 0 ? "red" : "blue")},{10 + i % 7 * 3 + (i % 3 == 0 ? 40 : 0)},{i % 11 * 1.5}");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void Synth_with_auto_prints_every_candidate_and_info_shows_the_choice()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(300));
        var synth = CliRunner.Run("synth", input, "-n", "100", "-o", folder.File("out.csv"), "--synthesizer", "auto", "--target", "colour", "--seed", "2");
        synth.ExitCode.ShouldBe(0, synth.ToString());
        synth.Output.ShouldContain("gaussian-copula");
        synth.Output.ShouldContain("(chosen by auto)");
        CsvTableReader.Read(folder.File("out.csv")).RowCount.ShouldBe(100);

        var fit = CliRunner.Run("fit", input, "-o", folder.File("m.doppel"), "--synthesizer", "auto", "--candidates", "gaussian-copula", "--time-budget", "60");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        CliRunner.Run("info", folder.File("m.doppel")).Output.ShouldContain("chosen by auto: gaussian-copula");
    }

    [Theory]
    [InlineData("--target", "colour")]
    [InlineData("--time-budget", "5")]
    [InlineData("--candidates", "gaussian-copula")]
    public void Auto_options_without_auto_are_a_usage_error(string option, string value)
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(50));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("m.doppel"), option, value);
        fit.ExitCode.ShouldBe(2);
        fit.Error.ShouldContain("--synthesizer auto");
        File.Exists(folder.File("m.doppel")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--candidates", "gaussian-copula,teleport", "Unknown synthesizer 'teleport'")]
    [InlineData("--candidates", "auto", "cannot be one of them")]
    [InlineData("--target", "nope", "not a column")]
    [InlineData("--time-budget", "-1", "positive number of seconds")]
    [InlineData("--epochs", "3", "each candidate trains with its defaults")]
    public void Bad_auto_options_exit_2_with_the_reason(string option, string value, string message)
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(50));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("m.doppel"), "--synthesizer", "auto", option, value);
        fit.ExitCode.ShouldBe(2, fit.ToString());
        fit.Error.ShouldContain(message);
        File.Exists(folder.File("m.doppel")).ShouldBeFalse();
    }
}
