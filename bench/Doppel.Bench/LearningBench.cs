using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Learning;
using Doppel.Tests;

namespace Doppel.Bench;

/// <summary>Gradient-boosted trees on Adult (income, ROC-AUC on the test file) and California housing (R² on every fifth row): train time and accuracy.</summary>
public static class LearningBench
{
    public static int Run(string resultsFolder)
    {
        string? adultTrain = Datasets.Find("adult/train.csv"), adultTest = Datasets.Find("adult/test.csv"), housing = Datasets.Find("california_housing/housing.csv");
        if (adultTrain is null || adultTest is null || housing is null)
        {
            Console.Error.WriteLine("The shared datasets are not here (set DOPPEL_DATASETS or place them at ../shared/datasets); nothing to measure.");
            return 1;
        }
        var lines = new List<string>();
        for (int run = 0; run < 2; run++) // the first run warms up the JIT
        {
            lines.Clear();
            LoadedTable train = TableLoader.Load(adultTrain), test = TableLoader.Load(adultTest);
            var clock = Stopwatch.StartNew();
            FeatureEncoder encoder = FeatureEncoder.Fit(train.Table, train.Metadata, ["income"]);
            var income = (CategoricalColumn)train.Table["income"];
            int[] labels = [.. Enumerable.Range(0, income.Length).Select(i => income[i] == ">50K" ? 1 : 0)];
            BoostedTrees model = GradientBoosting.FitClassifier(encoder, encoder.Encode(train.Table), labels, 2);
            double seconds = clock.Elapsed.TotalSeconds;
            var truthColumn = (CategoricalColumn)test.Table["income"];
            double auc = Scores.RocAuc(model.Predict(encoder.Encode(test.Table)), [.. Enumerable.Range(0, truthColumn.Length).Select(i => truthColumn[i]!.TrimEnd('.') == ">50K")]) ?? 0;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| Adult income (32,561 rows, classification) | {seconds:F2} | {model.Rounds} | ROC-AUC {auc:F4} |"));

            LoadedTable data = TableLoader.Load(housing);
            Table a = data.Table.SelectRows([.. Enumerable.Range(0, data.Table.RowCount).Where(i => i % 5 != 0)]);
            Table b = data.Table.SelectRows([.. Enumerable.Range(0, data.Table.RowCount).Where(i => i % 5 == 0)]);
            clock.Restart();
            FeatureEncoder housingEncoder = FeatureEncoder.Fit(a, data.Metadata, ["median_house_value"]);
            BoostedTrees regressor = GradientBoosting.FitRegressor(housingEncoder, housingEncoder.Encode(a), ((NumericColumn)a["median_house_value"]).Values);
            seconds = clock.Elapsed.TotalSeconds;
            double r2 = Scores.RSquared(regressor.Predict(housingEncoder.Encode(b)), ((NumericColumn)b["median_house_value"]).Values) ?? 0;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"| California house value (16,512 rows, regression) | {seconds:F2} | {regressor.Rounds} | R² {r2:F4} |"));
        }
        var md = new StringBuilder("# Gradient-boosted trees\n\n");
        md.AppendLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}. Defaults: 31 leaves, learning rate 0.1, up to 400 rounds, early stopping after 30 rounds on a 10 % validation split. Train time includes binning.\n");
        md.AppendLine("| task | train seconds | rounds kept | test score |");
        md.AppendLine("|---|---:|---:|---|");
        foreach (string line in lines) md.AppendLine(line);
        Directory.CreateDirectory(resultsFolder);
        File.WriteAllText(Path.Combine(resultsFolder, "learning.md"), md.ToString());
        Console.Write(md);
        return 0;
    }
}
