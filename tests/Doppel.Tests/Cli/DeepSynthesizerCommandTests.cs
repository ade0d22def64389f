using Doppel.IO;
using Doppel.Synthesizers;

namespace Doppel.Tests.Cli;

public class DeepSynthesizerCommandTests
{
    internal static string Csv(int rows)
    {
        var lines = new List<string> { "colour,size" };
        for (int i = 0; i < rows; i++) lines.Add($"{(i % 3 == 0 ? "red" : "blue")},{10 + i % 7 * 3 + (i % 3 == 0 ? 40 : 0)}");
        return string.Join("\n", lines) + "\n";
    }

    [Theory]
    [InlineData("tvae")]
    [InlineData("ctgan")]
    public void Fit_with_epochs_then_sample_with_a_condition(string synthesizer)
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(200));
        string model = folder.File("model.doppel");
        var fit = CliRunner.Run("fit", input, "-o", model, "--synthesizer", synthesizer, "--epochs", "2", "--seed", "1");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        var sample = CliRunner.Run("sample", model, "-n", "50", "-o", folder.File("out.csv"), "--condition", "colour=red");
        sample.ExitCode.ShouldBe(0, sample.ToString());
        RawTable table = CsvTableReader.Read(folder.File("out.csv"));
        table.RowCount.ShouldBe(50);
        CliRunner.Run("info", model).Output.ShouldContain(synthesizer);
        // SDV's get_loss_values: the mean losses of both epochs as CSV.
        var losses = CliRunner.Run("info", model, "--losses");
        losses.ExitCode.ShouldBe(0, losses.ToString());
        string[] lines = losses.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe(synthesizer == "ctgan" ? "epoch,generator_loss,critic_loss" : "epoch,loss");
        lines.Length.ShouldBe(3);
        lines[2].ShouldStartWith("2,");
        var copula = CliRunner.Run("fit", input, "-o", folder.File("copula.doppel"));
        copula.ExitCode.ShouldBe(0);
        var refused = CliRunner.Run("info", folder.File("copula.doppel"), "--losses");
        refused.ExitCode.ShouldBe(2);
        refused.Error.ShouldContain("does not train in epochs");
    }

    [Fact]
    public void A_private_fit_reports_the_budget_it_spent()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(200));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("dp.doppel"), "--synthesizer", "tvae", "--epochs", "2", "--epsilon", "8", "--delta", "1e-3");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        fit.Output.ShouldContain("Differential privacy: ε =");
        fit.Output.ShouldContain("of 8 spent");
    }

    [Fact]
    public void A_private_fit_on_detected_bounds_says_they_reveal_the_extremes()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(200));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("dp.doppel"), "--synthesizer", "ctgan", "--epochs", "1", "--epsilon", "8", "--delta", "1e-3");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        fit.Output.ShouldContain("bins of a private ctgan");
        fit.Output.ShouldNotContain("no category of");
        // Of 60 rows at ε = 1 neither colour (40 and 20 rows) clears a threshold of over a hundred noisy rows: the fit
        // says the column will come out empty.
        string few = folder.Write("few.csv", Csv(60));
        var small = CliRunner.Run("fit", few, "-o", folder.File("dp1.doppel"), "--synthesizer", "tvae", "--epochs", "1", "--epsilon", "1", "--delta", "1e-3");
        small.ExitCode.ShouldBe(0, small.ToString());
        small.Output.ShouldContain("no category of colour");
        // The manifest in people's words, and its JSON with readable characters (σ, not \u03C3).
        string info = CliRunner.Run("info", folder.File("dp.doppel")).Output;
        info.ShouldContain("differential privacy");
        info.ShouldContain("of 8 spent, δ = 0.001");
        info.ShouldContain("column encoders");
        info.ShouldContain("pac=10");
        string json = CliRunner.Run("info", folder.File("dp.doppel"), "--json").Output;
        json.ShouldContain("noise of σ =");
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("privacy").GetProperty("differentialPrivacy").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void A_private_fit_names_the_columns_left_without_categories_and_notes_detected_bounds_only_for_numbers()
    {
        using var folder = new TempFolder();
        // 150 kinds of two rows each: at ε = 1 none clears the privacy threshold; the colours (150 rows each) may.
        string input = folder.Write("kinds.csv", "kind,colour\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"k{i % 150},{(i % 2 == 0 ? "red" : "blue")}\n")));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("k.doppel"), "--synthesizer", "tvae", "--epochs", "1", "--epsilon", "1", "--delta", "1e-3");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        fit.Output.ShouldContain("no category of kind");
        fit.Output.ShouldContain("was frequent enough to pass the privacy threshold");
        // No numbers, so no bins and nothing to say about their bounds.
        fit.Output.ShouldNotContain("bounds were detected");
        var numbers = CliRunner.Run("fit", folder.Write("n.csv", Csv(200)), "-o", folder.File("n.doppel"), "--synthesizer", "tvae", "--epochs", "1", "--epsilon", "1", "--delta", "1e-3");
        numbers.ExitCode.ShouldBe(0, numbers.ToString());
        numbers.Output.ShouldContain("bounds were detected from the data");
    }

    [Doppel.Tests.Neural.Bf16Fact]
    public void Bfloat16_training_is_chosen_by_a_setting_and_shown_in_the_manifest()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(200));
        foreach (string synthesizer in new[] { "ctgan", "tvae" })
        {
            var fit = CliRunner.Run("fit", input, "-o", folder.File($"{synthesizer}.doppel"), "--synthesizer", synthesizer, "--epochs", "1", "--set", "precision=bfloat16");
            fit.ExitCode.ShouldBe(0, fit.ToString());
            CliRunner.Run("info", folder.File($"{synthesizer}.doppel"), "--json").Output.ShouldContain("\"precision\": \"bfloat16\"");
            CliRunner.Run("sample", folder.File($"{synthesizer}.doppel"), "-n", "20", "-o", folder.File($"{synthesizer}.csv")).ExitCode.ShouldBe(0);
            // DP-SGD's per-example passes run on the same kernels.
            var dp = CliRunner.Run("fit", input, "-o", folder.File($"dp-{synthesizer}.doppel"), "--synthesizer", synthesizer, "--epochs", "1", "--epsilon", "4", "--delta", "1e-3", "--set", "precision=bfloat16");
            dp.ExitCode.ShouldBe(0, dp.ToString());
            CliRunner.Run("info", folder.File($"dp-{synthesizer}.doppel"), "--json").Output.ShouldContain("\"precision\": \"bfloat16\"");
        }
    }

    [Fact]
    public void Settings_by_their_manifest_names_reach_the_model_and_bad_ones_are_refused_by_name()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(200));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("s.doppel"), "--synthesizer", "ctgan", "--epochs", "1",
            "--set", "batchSize=100", "--set", "generatorDimensions=64,32", "--set", "learningRate=1e-3", "--set", "pac=5",
            "--set", "logFrequency=false", "--set", "discriminatorLearningRate=2e-3");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        string info = CliRunner.Run("info", folder.File("s.doppel"), "--json").Output;
        info.ShouldContain("\"batchSize\": 100");
        info.ShouldContain("\"pac\": 5");
        info.ShouldContain("\"learningRate\": 0.001");
        info.ShouldContain("\"logFrequency\": false");
        info.ShouldContain("\"discriminatorLearningRate\": 0.002");
        info.ShouldContain("\"precision\": \"float32\"");
        info.ShouldMatch(@"""generatorDimensions"": \[\s*64,\s*32\s*\]");
        fit.Output.ShouldNotContain("not a multiple of pac");
        // A batch that is not whole packs is used rounded down, and the user is told so.
        var rounded = CliRunner.Run("fit", input, "-o", folder.File("r.doppel"), "--synthesizer", "ctgan", "--epochs", "1", "--set", "batchSize=27", "--set", "pac=5");
        rounded.ExitCode.ShouldBe(0, rounded.ToString());
        rounded.Output.ShouldContain("batchSize 27 is not a multiple of pac 5 (the critic judges whole packs), so each step uses 25 rows");
        var tvae = CliRunner.Run("fit", input, "-o", folder.File("t.doppel"), "--synthesizer", "tvae", "--epochs", "1", "--set", "compressDimensions=16", "--set", "lossFactor=3");
        tvae.ExitCode.ShouldBe(0, tvae.ToString());
        CliRunner.Run("info", folder.File("t.doppel"), "--json").Output.ShouldContain("\"lossFactor\": 3");
        var share = CliRunner.Run("fit", input, "-o", folder.File("p.doppel"), "--synthesizer", "tvae", "--epochs", "1", "--epsilon", "4", "--delta", "1e-3", "--set", "encoderShare=0.3");
        share.ExitCode.ShouldBe(0, share.ToString());
        string shared = CliRunner.Run("info", folder.File("p.doppel"), "--json").Output;
        shared.ShouldContain("\"encoderShare\": 0.3");
        shared.ShouldContain("30 % of ε");

        (string[] Arguments, string Message)[] refused =
        [
            (["--synthesizer", "ctgan", "--set", "compressDimensions=16"], "ctgan has no setting of that name"),
            (["--synthesizer", "ctgan", "--set", "epochs=3"], "--epochs"),
            (["--synthesizer", "ctgan", "--set", "pac=0"], "--set pac=0: must be positive"),
            (["--synthesizer", "ctgan", "--set", "pac=ten"], "pac takes a whole number"),
            (["--synthesizer", "ctgan", "--set", "logFrequency=maybe"], "logFrequency takes true or false"),
            (["--synthesizer", "ctgan", "--set", "generatorLearningRate=0"], "--set generatorLearningRate=0: must be positive"),
            (["--synthesizer", "tvae", "--set", "compressDimensions=16,x"], "layer sizes separated by commas"),
            (["--synthesizer", "tvae", "--set", "lossFactor"], "must be name=value"),
            (["--synthesizer", "tvae", "--set", "precision=half"], "precision takes float32 or bfloat16"),
            (["--synthesizer", "tvae", "--set", "batchSize=10", "--set", "batchSize=20"], "given twice"),
            (["--synthesizer", "tvae", "--set", "encoderShare=0.3"], "needs --epsilon and --delta"),
            (["--synthesizer", "ctgan", "--epsilon", "1", "--delta", "1e-3", "--set", "encoderShare=1.5"], "--set encoderShare=1.5: must lie strictly between 0 and 1"),
            (["--set", "batchSize=10"], "do not apply to gaussian-copula"),
        ];
        foreach ((string[] arguments, string message) in refused)
        {
            var result = CliRunner.Run(["fit", input, "-o", folder.File("bad.doppel"), .. arguments]);
            result.ExitCode.ShouldBe(2, result.ToString());
            result.Error.ShouldContain(message);
            File.Exists(folder.File("bad.doppel")).ShouldBeFalse();
        }
    }

    [Fact]
    public void Differential_privacy_needs_both_epsilon_and_delta_and_refuses_the_copula()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(50));
        var noDelta = CliRunner.Run("fit", input, "-o", folder.File("a.doppel"), "--synthesizer", "tvae", "--epsilon", "1");
        noDelta.ExitCode.ShouldBe(2, noDelta.ToString());
        noDelta.Error.ShouldContain("--delta");
        var noEpsilon = CliRunner.Run("fit", input, "-o", folder.File("b.doppel"), "--synthesizer", "tvae", "--delta", "1e-5");
        noEpsilon.ExitCode.ShouldBe(2, noEpsilon.ToString());
        noEpsilon.Error.ShouldContain("--epsilon");
        var copula = CliRunner.Run("fit", input, "-o", folder.File("c.doppel"), "--epochs", "3");
        copula.ExitCode.ShouldBe(2, copula.ToString());
        File.Exists(folder.File("a.doppel")).ShouldBeFalse();
    }

    [Fact]
    public void Patience_stops_training_early_and_is_saved_with_the_options()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(200));
        var fit = CliRunner.Run("fit", input, "-o", folder.File("p.doppel"), "--synthesizer", "tvae", "--epochs", "400", "--patience", "1");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        CliRunner.Run("info", folder.File("p.doppel"), "--json").Output.ShouldContain("\"earlyStoppingPatience\": 1");

        var reports = new List<string>();
        var (table, metadata) = Doppel.Tests.Synthesizers.TestTables.Mixed(300);
        new Doppel.Synthesizers.Tvae.TvaeSynthesizer(new Doppel.Synthesizers.Tvae.TvaeOptions { Epochs = 400, EarlyStoppingPatience = 1 })
            .Fit(table, metadata, null, new Collect(reports));
        reports.ShouldContain(r => r.Contains("stopped after"));
        reports.Count(r => r.StartsWith("epoch", StringComparison.Ordinal)).ShouldBeLessThan(400);

        CliRunner.Run("fit", input, "-o", folder.File("q.doppel"), "--synthesizer", "tvae", "--patience", "0").ExitCode.ShouldBe(2);
        var copula = CliRunner.Run("fit", input, "-o", folder.File("r.doppel"), "--patience", "3");
        copula.ExitCode.ShouldBe(2);
        copula.Error.ShouldContain("--patience");
    }

    private sealed class Collect(List<string> into) : IProgress<Doppel.Synthesizers.FitProgress>
    {
        public void Report(Doppel.Synthesizers.FitProgress value) => into.Add(value.Stage);
    }
}
