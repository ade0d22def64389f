using Doppel.IO;

namespace Doppel.Tests.Cli;

public class DonorSynthesizerCommandTests
{
    [Theory]
    [InlineData("cart")]
    [InlineData("independent")]
    [InlineData("uniform")]
    public void Fit_sample_with_a_condition_and_info_name_the_synthesizer(string synthesizer)
    {
        using var folder = new TempFolder();
        var lines = new List<string> { "colour,size" };
        for (int i = 0; i < 300; i++) lines.Add($"{(i % 3 == 0 ? "red" : "blue")},{(i % 3 == 0 ? 40 + i % 5 : 10 + i % 7)}");
        string input = folder.Write("in.csv", string.Join("\n", lines) + "\n");
        string model = folder.File("model.doppel");
        var fit = CliRunner.Run("fit", input, "-o", model, "--synthesizer", synthesizer, "--seed", "1");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        var sample = CliRunner.Run("sample", model, "-n", "60", "-o", folder.File("out.csv"), "--condition", "colour=red");
        sample.ExitCode.ShouldBe(0, sample.ToString());
        RawTable table = CsvTableReader.Read(folder.File("out.csv"));
        table.RowCount.ShouldBe(60);
        table.Columns[0].ShouldAllBe(v => v == "red");
        CliRunner.Run("info", model).Output.ShouldContain(synthesizer);
        CliRunner.Run("fit", input, "-o", folder.File("e.doppel"), "--synthesizer", synthesizer, "--epochs", "3").ExitCode.ShouldBe(2);
    }
}
