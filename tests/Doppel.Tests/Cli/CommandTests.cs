using Bogus;
using Doppel.IO;

namespace Doppel.Tests.Cli;

public class CommandTests
{
    [Fact]
    public void Profile_prints_a_summary_and_writes_editable_metadata()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", "id,age,city,joined\n1,31,Berlin,2021-03-04\n2,45,Paris,2020-11-30\n3,28,Berlin,2022-01-15\n4,52,Rome,2019-07-01\n");
        var result = CliRunner.Run("profile", input, "-o", folder.File("metadata.json"));
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("4 rows × 4 columns");
        result.Output.ShouldContain("joined");
        string json = File.ReadAllText(folder.File("metadata.json"));
        json.ShouldContain("\"formatVersion\": 1");
        json.ShouldContain("yyyy-MM-dd");
    }

    [Fact]
    public void Fit_then_sample_then_info()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(300));
        string model = folder.File("model.doppel");
        var fit = CliRunner.Run("fit", input, "-o", model, "--seed", "3");
        fit.ExitCode.ShouldBe(0, fit.ToString());
        var sample = CliRunner.Run("sample", model, "-n", "1000", "-o", folder.File("out.csv"), "--seed", "1");
        sample.ExitCode.ShouldBe(0, sample.ToString());
        sample.Output.ShouldContain("Wrote 1,000 rows");
        CsvTableReader.Read(folder.File("out.csv")).RowCount.ShouldBe(1000);
        var info = CliRunner.Run("info", model);
        info.ExitCode.ShouldBe(0, info.ToString());
        info.Output.ShouldContain("gaussian-copula");
        info.Output.ShouldContain("in.csv");
        CliRunner.Run("info", model, "--json").Output.ShouldContain("\"sourceSha256\"");
    }

    [Fact]
    public void Synth_with_a_condition_writes_exactly_n_matching_rows()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(400));
        var result = CliRunner.Run("synth", input, "-n", "777", "-o", folder.File("out.csv"), "--condition", "plan='gold'");
        result.ExitCode.ShouldBe(0, result.ToString());
        var raw = CsvTableReader.Read(folder.File("out.csv"));
        raw.RowCount.ShouldBe(777);
        raw.Columns[raw.IndexOf("plan")].ShouldAllBe(v => v == "gold");
        result.Output.ShouldContain("Column Shapes");
        result.Output.ShouldContain("Worst columns");
    }

    [Fact]
    public void Synth_with_a_range_condition_and_with_a_conditions_file()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(400));
        var ranged = CliRunner.Run("synth", input, "-n", "300", "-o", folder.File("old.csv"), "--condition", "age>=60", "--condition", "plan=basic");
        ranged.ExitCode.ShouldBe(0, ranged.ToString());
        var raw = CsvTableReader.Read(folder.File("old.csv"));
        raw.RowCount.ShouldBe(300);
        raw.Columns[raw.IndexOf("age")].ShouldAllBe(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture) >= 60);

        string conditions = folder.Write("conditions.csv", "plan,age,count\ngold,,20\nbasic,<30,15\n");
        var grouped = CliRunner.Run("synth", input, "--conditions", conditions, "-o", folder.File("grouped.csv"));
        grouped.ExitCode.ShouldBe(0, grouped.ToString());
        raw = CsvTableReader.Read(folder.File("grouped.csv"));
        raw.RowCount.ShouldBe(35);
        raw.Columns[raw.IndexOf("plan")].ShouldBe([.. Enumerable.Repeat("gold", 20), .. Enumerable.Repeat("basic", 15)]);
        raw.Columns[raw.IndexOf("age")].Skip(20).ShouldAllBe(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture) < 30);
    }

    [Fact]
    public void Sample_shards_with_the_cli_add_up_to_the_single_run()
    {
        using var folder = new TempFolder();
        string input = folder.Write("in.csv", Csv(300));
        string model = folder.File("model.doppel");
        CliRunner.Run("fit", input, "-o", model).ExitCode.ShouldBe(0);
        CliRunner.Run("sample", model, "-n", "20000", "-o", folder.File("whole.csv")).ExitCode.ShouldBe(0);
        var parts = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            var result = CliRunner.Run("sample", model, "-n", "20000", "-o", folder.File($"part{i}.csv"), "--shard", $"{i}/2", "--threads", "1");
            result.ExitCode.ShouldBe(0, result.ToString());
            parts.AddRange(File.ReadAllLines(folder.File($"part{i}.csv")).Skip(1));
        }
        parts.ShouldBe(File.ReadAllLines(folder.File("whole.csv")).Skip(1).ToList());
    }

    [Fact]
    public void Demo_runs_the_whole_flow_and_copies_no_personal_data()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("demo", "-o", folder.Path, "-n", "1500");
        result.ExitCode.ShouldBe(0, result.ToString());
        folder.Files().ShouldBe(["customers.csv", "metadata.json", "model.doppel", "synthetic.csv"]);
        result.Output.ShouldContain("none copied");
        var real = CsvTableReader.Read(folder.File("customers.csv"));
        var synthetic = CsvTableReader.Read(folder.File("synthetic.csv"));
        synthetic.RowCount.ShouldBe(1500);
        foreach (string column in new[] { "name", "email" })
        {
            var realValues = real.Columns[real.IndexOf(column)].ToHashSet();
            synthetic.Columns[synthetic.IndexOf(column)].Count(realValues.Contains).ShouldBe(0, column);
        }
        // Runs again over its own folder.
        CliRunner.Run("demo", "-o", folder.Path, "-n", "200").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Pii_detected_by_content_is_never_copied_into_the_output()
    {
        using var folder = new TempFolder();
        var faker = new Faker("en") { Random = new Randomizer(17) };
        var lines = new List<string> { "c1,c2,c3,c4,c5,c6" };
        for (int i = 0; i < 400; i++)
            lines.Add(string.Join(',', faker.Internet.Email(), faker.Name.FullName(), faker.Phone.PhoneNumber("(###) ###-####"),
                faker.Finance.Iban(), faker.Finance.CreditCardNumber(Bogus.DataSets.CardType.Visa).Replace("-", ""), faker.Random.Int(18, 90)));
        string input = folder.Write("people.csv", string.Join('\n', lines) + "\n");
        var result = CliRunner.Run("synth", input, "-n", "2000", "-o", folder.File("out.csv"));
        result.ExitCode.ShouldBe(0, result.ToString());
        var real = CsvTableReader.Read(input);
        var synthetic = CsvTableReader.Read(folder.File("out.csv"));
        for (int c = 0; c < 5; c++)
        {
            var realValues = real.Columns[c].ToHashSet();
            synthetic.Columns[c].Count(realValues.Contains).ShouldBe(0, real.Names[c]);
        }
    }

    private static string Csv(int rows)
    {
        var rng = new Doppel.Randomness.Rng(1);
        var lines = new List<string> { "age,plan,spend,joined" };
        string[] plans = ["basic", "silver", "gold"];
        for (int i = 0; i < rows; i++)
        {
            int plan = rng.NextInt(3);
            int age = 20 + rng.NextInt(50);
            double spend = Math.Round(10 + 20 * plan + 0.3 * age + 5 * rng.NextGaussian(), 2);
            lines.Add($"{age},{plans[plan]},{spend.ToString(System.Globalization.CultureInfo.InvariantCulture)},2023-{1 + rng.NextInt(12):D2}-{1 + rng.NextInt(28):D2}");
        }
        return string.Join('\n', lines) + "\n";
    }
}
