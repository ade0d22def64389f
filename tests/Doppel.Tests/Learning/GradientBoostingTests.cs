using System.Diagnostics;
using Doppel.Data;
using Doppel.IO;
using Doppel.Learning;

namespace Doppel.Tests.Learning;

public class GradientBoostingTests
{
    [DatasetFact("adult/train.csv", "adult/test.csv")]
    public void Adult_income_reaches_the_reference_roc_auc()
    {
        LoadedTable train = TableLoader.Load(Datasets.Require("adult/train.csv"));
        LoadedTable test = TableLoader.Load(Datasets.Require("adult/test.csv"), null);
        var clock = Stopwatch.StartNew();
        FeatureEncoder encoder = FeatureEncoder.Fit(train.Table, train.Metadata, ["income"]);
        int[] labels = [.. ((CategoricalColumn)train.Table["income"]).Codes.Select(c => ((CategoricalColumn)train.Table["income"]).Categories[c] == ">50K" ? 1 : 0)];
        BoostedTrees model = GradientBoosting.FitClassifier(encoder, encoder.Encode(train.Table), labels, 2);
        double[] p = model.Predict(encoder.Encode(test.Table));
        var income = (CategoricalColumn)test.Table["income"];
        bool[] truth = [.. Enumerable.Range(0, test.Table.RowCount).Select(i => income[i]!.TrimEnd('.') == ">50K")];
        double auc = Scores.RocAuc(p, truth)!.Value;
        Console.WriteLine($"ADULT auc {auc:F4} rounds {model.Rounds} seconds {clock.Elapsed.TotalSeconds:F2}");
        auc.ShouldBeGreaterThan(0.92);
    }
}
