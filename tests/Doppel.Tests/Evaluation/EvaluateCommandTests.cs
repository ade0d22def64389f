using System.Text.Json;
using Doppel.Tests.Cli;

namespace Doppel.Tests.Evaluation;

public class EvaluateCommandTests
{
    private const string Real = "id,age,plan,joined\n1,31,gold,2021-03-04\n2,45,basic,2020-11-30\n3,28,gold,2022-01-15\n4,52,basic,2019-07-01\n5,39,gold,2021-08-20\n6,61,basic,2018-02-11\n";
    private const string Synthetic = "id,age,plan,joined\n10,33,gold,2021-01-04\n11,47,basic,2020-10-30\n12,30,basic,2022-02-15\n13,58,gold,2019-05-01\n";

    [Fact]
    public void Evaluate_prints_scores_and_writes_a_report_without_nan()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real), synthetic = folder.Write("synth.csv", Synthetic);
        string output = folder.File("report");
        var result = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--target", "plan", "--sensitive", "age", "-o", output);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Quality Score");
        result.Output.ShouldContain("Worst columns");
        result.Output.ShouldContain("Datetime Format Adherence");
        string json = File.ReadAllText(Path.Combine(output, "report.json"));
        json.ShouldNotContain("NaN");
        using JsonDocument document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("inputs").GetProperty("target").GetString().ShouldBe("plan");
        document.RootElement.GetProperty("inputs").GetProperty("sensitive")[0].GetString().ShouldBe("age");
        document.RootElement.GetProperty("summary").GetProperty("qualityScore").GetDouble().ShouldBeInRange(0, 1);
        Directory.GetFiles(output).Select(Path.GetFileName).Order().ToArray().ShouldBe(["report.html", "report.json"], customMessage: "no temporary file is left");
        string html = File.ReadAllText(Path.Combine(output, "report.html"));
        html.ShouldContain("<svg");
        html.ShouldNotContain("NaN");
    }

    [Fact]
    public void With_the_model_the_report_states_its_synthesizer_and_the_privacy_budget_it_spent()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", DeepSynthesizerCommandTests.Csv(200));
        string model = folder.File("dp.doppel"), synthetic = folder.File("synth.csv"), output = folder.File("report");
        CliRunner.Run("fit", real, "-o", model, "--synthesizer", "tvae", "--epochs", "2", "--epsilon", "4", "--delta", "1e-3").ExitCode.ShouldBe(0);
        CliRunner.Run("sample", model, "-n", "100", "-o", synthetic).ExitCode.ShouldBe(0);
        var result = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--model", model, "-o", output);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("differentially private");
        result.Output.ShouldNotContain("was fitted on");
        using JsonDocument manifest = JsonDocument.Parse(CliRunner.Run("info", model, "--json").Output);
        double spent = manifest.RootElement.GetProperty("privacy").GetProperty("spent").GetProperty("epsilon").GetDouble();
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        JsonElement source = report.RootElement.GetProperty("inputs").GetProperty("model");
        source.GetProperty("synthesizer").GetString().ShouldBe("tvae");
        source.GetProperty("differentialPrivacy").GetBoolean().ShouldBeTrue();
        source.GetProperty("privacy").GetProperty("epsilon").GetDouble().ShouldBe(spent);
        source.GetProperty("privacy").GetProperty("epsilonBudget").GetDouble().ShouldBe(4);
        source.GetProperty("privacy").GetProperty("scope").GetString()!.ShouldContain("column encoders");
        File.ReadAllText(Path.Combine(output, "report.html")).ShouldContain("tvae, differentially private: ε =");

        // A model without a guarantee says so; a model fitted on other rows is noted; without --model there is no model.
        string plain = folder.File("plain.doppel");
        CliRunner.Run("fit", real, "-o", plain).ExitCode.ShouldBe(0);
        string other = folder.Write("other.csv", Real);
        var noted = CliRunner.Run("evaluate", "--real", other, "--synthetic", folder.Write("s2.csv", Synthetic), "--model", plain, "-o", folder.File("r2"));
        noted.ExitCode.ShouldBe(0, noted.ToString());
        noted.Output.ShouldContain("no differential-privacy guarantee");
        noted.Output.ShouldContain("was fitted on real.csv");
        using (JsonDocument second = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("r2"), "report.json"))))
            second.RootElement.GetProperty("inputs").GetProperty("model").GetProperty("privacy").ValueKind.ShouldBe(JsonValueKind.Null);
        var none = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "-o", folder.File("r3"));
        using (JsonDocument third = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File("r3"), "report.json"))))
            third.RootElement.GetProperty("inputs").GetProperty("model").ValueKind.ShouldBe(JsonValueKind.Null);

        // A model that is not there, or not a model, is refused before anything is written.
        foreach (string bad in new[] { folder.File("missing.doppel"), real })
        {
            var refused = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--model", bad, "-o", folder.File("r4"));
            refused.ExitCode.ShouldNotBe(0);
            refused.Error.ShouldContain(Path.GetFileName(bad));
            Directory.Exists(folder.File("r4")).ShouldBeFalse();
        }
    }

    [Fact]
    public void An_existing_report_is_kept_without_force()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real), synthetic = folder.Write("synth.csv", Synthetic);
        string output = folder.File("report");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "report.json"), "old");
        var refused = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "-o", output);
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("--force");
        File.ReadAllText(Path.Combine(output, "report.json")).ShouldBe("old");
        CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "-o", output, "--force").ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(output, "report.json")).ShouldStartWith("{");
    }

    [Fact]
    public void A_synthetic_file_missing_a_column_is_bad_input_and_writes_nothing()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real);
        string synthetic = folder.Write("synth.csv", "id,age,joined\n10,33,2021-01-04\n");
        var result = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "-o", folder.File("report"));
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("'plan'");
        Directory.Exists(folder.File("report")).ShouldBeFalse();
    }

    [Fact]
    public void Unparseable_synthetic_values_are_bad_input()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real);
        string synthetic = folder.Write("synth.csv", "id,age,plan,joined\n10,old,gold,2021-01-04\n11,40,gold,someday\n");
        var result = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "-o", folder.File("report"));
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("\"old\"");
        result.Error.ShouldContain("\"someday\"");
        Directory.Exists(folder.File("report")).ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_column_option_is_a_usage_error_listing_the_columns()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real), synthetic = folder.Write("synth.csv", Synthetic);
        var target = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--target", "income", "-o", folder.File("report"));
        target.ExitCode.ShouldBe(2, target.ToString());
        target.Error.ShouldContain("--target 'income'");
        target.Error.ShouldContain("Columns: id, age, plan, joined");
        var quasi = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--quasi-identifiers", "age, zip");
        quasi.ExitCode.ShouldBe(2, quasi.ToString());
        quasi.Error.ShouldContain("--quasi-identifiers 'zip'");
        quasi.Error.ShouldNotContain("'age'");
        Directory.Exists(folder.File("report")).ShouldBeFalse();
    }

    [Fact]
    public void A_missing_input_file_fails_before_any_work()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real);
        var result = CliRunner.Run("evaluate", "--real", real, "--synthetic", folder.File("nope.csv"), "-o", folder.File("report"));
        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("nope.csv");
        result.Output.ShouldBeEmpty();
        CliRunner.Run("evaluate", "--real", real).ExitCode.ShouldBe(2, "--synthetic is required");
    }

    [Fact]
    public void The_holdout_is_read_with_the_real_metadata()
    {
        using var folder = new TempFolder();
        string real = folder.Write("real.csv", Real), synthetic = folder.Write("synth.csv", Synthetic);
        string holdout = folder.Write("holdout.csv", "id,age,plan,joined\n20,44,gold,2020-01-01\n21,x,gold,2020-01-02\n");
        var bad = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--holdout", holdout);
        bad.ExitCode.ShouldBe(3, bad.ToString());
        bad.Error.ShouldContain("holdout.csv");
        File.WriteAllText(holdout, "id,age,plan,joined\n20,44,gold,2020-01-01\n");
        var good = CliRunner.Run("evaluate", "--real", real, "--synthetic", synthetic, "--holdout", holdout, "-o", folder.File("report"));
        good.ExitCode.ShouldBe(0, good.ToString());
        File.ReadAllText(folder.File("report/report.json")).ShouldContain("\"holdoutRows\": 1");
    }
}
