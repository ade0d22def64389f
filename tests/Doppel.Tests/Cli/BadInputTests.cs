using System.Text;

namespace Doppel.Tests.Cli;

/// <summary>Every bad input a new user may give: a specific message, the documented exit code, and no output file left behind.</summary>
public class BadInputTests
{
    private const string Good = "age,city,income\n31,Berlin,52000.5\n45,Paris,61000\n28,Berlin,39000.25\n52,Rome,72000\n39,Paris,58000\n";

    private static void ShouldFailCleanly(TempFolder folder, CliRunner.Result result, int exitCode, string messagePart)
    {
        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.Error.ShouldContain(messagePart, Case.Insensitive, result.ToString());
        result.Error.ShouldNotContain("   at ", customMessage: "no stack trace for a user mistake");
        folder.Files().ShouldNotContain(f => f.StartsWith("out") || f.EndsWith(".tmp"), result.ToString());
    }

    private static CliRunner.Result Synth(TempFolder folder, string input, params string[] extra) =>
        CliRunner.Run(["synth", input, "-n", "50", "-o", folder.File("out.csv"), .. extra]);

    [Fact]
    public void Missing_file()
    {
        using var folder = new TempFolder();
        ShouldFailCleanly(folder, Synth(folder, folder.File("nope.csv")), 3, "does not exist");
    }

    [Fact]
    public void Empty_file()
    {
        using var folder = new TempFolder();
        ShouldFailCleanly(folder, Synth(folder, folder.Write("in.csv", "")), 3, "empty");
    }

    [Fact]
    public void Header_only()
    {
        using var folder = new TempFolder();
        ShouldFailCleanly(folder, Synth(folder, folder.Write("in.csv", "age,city\n")), 3, "no data rows");
    }

    [Fact]
    public void Ragged_rows_report_their_line_numbers()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n");
        var result = Synth(folder, input);
        ShouldFailCleanly(folder, result, 3, "line 3");
        result.Error.ShouldContain("5");
    }

    [Fact]
    public void Wrong_delimiter_names_the_one_the_file_uses()
    {
        using var folder = new TempFolder();
        var result = Synth(folder, folder.Write("in.csv", Good), "--delimiter", ";");
        ShouldFailCleanly(folder, result, 3, "','");
    }

    [Fact]
    public void Non_utf8_bytes_report_the_line()
    {
        using var folder = new TempFolder();
        string path = folder.File("in.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("name,age\nAnna,31\n"), .. new byte[] { 0x4A, 0xFC, 0x72, 0x67, 0x2C, 0x34, 0x30, 0x0A }]);
        ShouldFailCleanly(folder, Synth(folder, path), 3, "line 3");
    }

    [Fact]
    public void Duplicate_column_names()
    {
        using var folder = new TempFolder();
        ShouldFailCleanly(folder, Synth(folder, folder.Write("in.csv", "a,b,a\n1,2,3\n4,5,6\n")), 3, "'a'");
    }

    [Fact]
    public void One_row()
    {
        using var folder = new TempFolder();
        ShouldFailCleanly(folder, Synth(folder, folder.Write("in.csv", "age,city\n31,Berlin\n")), 3, "1 row");
    }

    [Fact]
    public void A_column_entirely_missing_is_kept_empty_with_a_warning_in_the_profile()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", "age,notes\n31,\n45,\n28,\n52,\n");
        CliRunner.Run("profile", input).Output.ShouldContain("all values missing");
        var result = Synth(folder, input);
        result.ExitCode.ShouldBe(0, result.ToString());
        File.ReadAllLines(folder.File("out.csv")).Skip(1).ShouldAllBe(line => line.EndsWith(','));
    }

    [Fact]
    public void A_constant_column_stays_constant()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", "age,country\n31,DE\n45,DE\n28,DE\n52,DE\n");
        CliRunner.Run("profile", input).Output.ShouldContain("constant");
        var result = Synth(folder, input);
        result.ExitCode.ShouldBe(0, result.ToString());
        File.ReadAllLines(folder.File("out.csv")).Skip(1).ShouldAllBe(line => line.EndsWith(",DE"));
    }

    [Fact]
    public void A_categorical_column_with_100k_distinct_values()
    {
        using var folder = new TempFolder();
        var csv = new StringBuilder("code,value\n");
        for (int i = 0; i < 100_000; i++) csv.Append("K").Append(i * 7919 % 1_000_003).Append(',').Append(i % 10).Append('\n');
        string input = folder.Write("in.csv", csv.ToString());
        string metadata = folder.Write("metadata.json",
            """{ "formatVersion": 1, "columns": [ { "name": "code", "type": "categorical" }, { "name": "value", "type": "numerical", "subtype": "integer" } ] }""");
        ShouldFailCleanly(folder, Synth(folder, input, "--metadata", metadata), 3, "distinct");
        // Detected automatically it is not categorical, so it is regenerated rather than copied.
        CliRunner.Run("profile", input).Output.ShouldNotContain("│ categorical");
    }

    [Fact]
    public void Metadata_naming_a_missing_column_or_an_unknown_type_lists_every_problem()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Good);
        string metadata = folder.Write("metadata.json",
            """{ "formatVersion": 1, "columns": [ { "name": "age", "type": "numeric" }, { "name": "cty", "type": "categorical" }, { "name": "income", "type": "numerical" } ] }""");
        var result = Synth(folder, input, "--metadata", metadata);
        ShouldFailCleanly(folder, result, 3, "age");
        result.Error.ShouldContain("numerical"); // lists allowed types
    }

    [Fact]
    public void A_model_file_that_is_not_a_model_or_is_truncated()
    {
        using var folder = new TempFolder();
        string notModel = folder.Write("fake.doppel", Good);
        ShouldFailCleanly(folder, CliRunner.Run("sample", notModel, "-n", "10", "-o", folder.File("out.csv")), 3, "not a Doppel model");

        string input = folder.Write("in.csv", Good);
        string model = folder.File("model.doppel");
        CliRunner.Run("fit", input, "-o", model).ExitCode.ShouldBe(0);
        byte[] bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length - 40)]);
        ShouldFailCleanly(folder, CliRunner.Run("sample", model, "-n", "10", "-o", folder.File("out.csv")), 3, "truncated");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Zero_or_negative_rows(string rows)
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Good);
        var result = CliRunner.Run("synth", input, "-n", rows, "-o", folder.File("out.csv"));
        ShouldFailCleanly(folder, result, 2, "at least 1");
    }

    [Fact]
    public void A_condition_on_a_value_never_seen()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Good);
        var result = Synth(folder, input, "--condition", "city=Madrid");
        ShouldFailCleanly(folder, result, 4, "'Madrid' never occurs");
        result.Error.ShouldContain("'Berlin'");
    }

    [Fact]
    public void Rows_and_a_conditions_file_together_or_neither_or_a_file_without_counts()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Good);
        string noCounts = folder.Write("conditions.csv", "city\nBerlin\n");
        ShouldFailCleanly(folder, Synth(folder, input, "--conditions", noCounts), 2, "leave out -n");
        ShouldFailCleanly(folder, CliRunner.Run("synth", input, "-o", folder.File("out.csv")), 2, "number of rows with -n");
        ShouldFailCleanly(folder, CliRunner.Run("synth", input, "--conditions", noCounts, "-o", folder.File("out.csv")), 3, "needs a column named num_rows, rows or count");
    }

    [Fact]
    public void An_output_path_in_a_folder_that_does_not_exist()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Good);
        var result = CliRunner.Run("synth", input, "-n", "10", "-o", Path.Combine(folder.Path, "no-such-folder", "out.csv"));
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("does not exist");
        Directory.Exists(Path.Combine(folder.Path, "no-such-folder")).ShouldBeFalse();
    }

    [Fact]
    public void An_existing_output_is_not_overwritten_without_force()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Good);
        string output = folder.Write("existing.csv", "keep me");
        var result = CliRunner.Run("synth", input, "-n", "10", "-o", output);
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--force");
        File.ReadAllText(output).ShouldBe("keep me");
        CliRunner.Run("synth", input, "-n", "10", "-o", output, "--force").ExitCode.ShouldBe(0);
        File.ReadAllText(output).ShouldStartWith("age,city,income");
    }

    [Fact]
    public void An_unknown_option_or_command_is_a_usage_error()
    {
        CliRunner.Run("synthesize").ExitCode.ShouldBe(2);
        CliRunner.Run("sample", "m.doppel", "-n", "10", "-o", "x.csv", "--bogus").ExitCode.ShouldBe(2);
        CliRunner.Run("fit", "x.csv", "-o", "m.doppel", "--synthesizer", "gan").ExitCode.ShouldBe(2);
    }
}
