using System.Text.Json;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Diagnostic;
using Doppel.Evaluation.Fidelity;
using Doppel.Evaluation.Reports;
using Doppel.Synthesizers;
using static Doppel.Tests.Evaluation.EvaluationTables;

namespace Doppel.Tests.Evaluation;

public class EvaluatorTests
{
    private sealed class FixedGroup(string group, params double?[] scores) : IMetricGroup
    {
        public string Group => group;

        public IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken) =>
            [.. scores.Select((s, i) => s is null ? MetricResult.Skipped(group, $"m{i}", "not applicable", "test") : new MetricResult(group, $"m{i}", s, null, "test"))];
    }

    [Fact]
    public void Groups_run_in_order_and_each_gets_a_score_card()
    {
        Table real = Mixed(300, 1), synthetic = Mixed(300, 2);
        EvaluationReport report = new Evaluator([new FixedGroup("utility", 0.5, null, 1.0)]).Evaluate(Inputs(real, synthetic));
        report.Groups.Select(g => g.Group).ShouldBe(["fidelity", "diagnostic", "utility"]);
        GroupSummary fidelity = report.Groups[0];
        fidelity.Score.ShouldBe(report.QualityScore);
        fidelity.Basis.ShouldBe(FidelityMetrics.QualityScoreName);
        report.QualityScore!.Value.ShouldBe(
            (report.Find("fidelity", FidelityMetrics.ColumnShapesName)!.Score!.Value + report.Find("fidelity", FidelityMetrics.ColumnPairTrendsName)!.Score!.Value) / 2, 1e-12);
        report.Groups[1].Basis.ShouldBe(DiagnosticMetrics.DiagnosticScoreName);
        // A group without a summary metric scores the mean of its computed metrics: (0.5 + 1) / 2.
        GroupSummary utility = report.Groups[2];
        utility.Score.ShouldBe(0.75);
        utility.Basis.ShouldBe("mean of 2 metrics");
        utility.Skipped.ShouldBe(1);
        report.InGroup("utility").Count().ShouldBe(3);
    }

    [Fact]
    public void A_group_returning_results_under_another_name_is_a_bug_that_is_reported()
    {
        var evaluator = new Evaluator([new Mislabelled()]);
        Should.Throw<InvalidOperationException>(() => evaluator.Evaluate(Inputs(Mixed(50, 1), Mixed(50, 2)))).Message.ShouldContain("'privacy'");
    }

    private sealed class Mislabelled : IMetricGroup
    {
        public string Group => "privacy";

        public IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken) => [new MetricResult("utility", "x", 1, null, "")];
    }

    [Fact]
    public void Report_json_is_deterministic_complete_and_free_of_nan()
    {
        Table real = Mixed(300, 3), synthetic = Mixed(250, 4);
        var inputs = Inputs(real, synthetic) with { Seed = 42, Target = "c", Sensitive = ["y"] };
        string first = ReportJson.ToJson(new Evaluator().Evaluate(inputs));
        string second = ReportJson.ToJson(new Evaluator().Evaluate(inputs with { MaxThreads = 1 }));
        second.ShouldBe(first);
        first.ShouldNotContain("NaN");
        first.ShouldNotContain("Infinity");

        using JsonDocument document = JsonDocument.Parse(first);
        JsonElement root = document.RootElement;
        root.GetProperty("formatVersion").GetInt32().ShouldBe(1);
        root.GetProperty("summary").GetProperty("qualityScore").GetDouble().ShouldBeInRange(0, 1);
        JsonElement described = root.GetProperty("inputs");
        described.GetProperty("realRows").GetInt32().ShouldBe(300);
        described.GetProperty("syntheticRows").GetInt32().ShouldBe(250);
        described.GetProperty("holdoutRows").ValueKind.ShouldBe(JsonValueKind.Null);
        described.GetProperty("target").GetString().ShouldBe("c");
        described.GetProperty("seed").GetInt64().ShouldBe(42);
        described.GetProperty("columns").GetArrayLength().ShouldBe(4);
        JsonElement[] metrics = [.. root.GetProperty("metrics").EnumerateArray()];
        metrics.Length.ShouldBe(15);
        JsonElement shapes = metrics.Single(m => m.GetProperty("name").GetString() == FidelityMetrics.ColumnShapesName);
        shapes.GetProperty("group").GetString().ShouldBe("fidelity");
        shapes.GetProperty("status").GetString().ShouldBeOneOf("good", "warning", "poor");
        shapes.GetProperty("meaning").GetString()!.ShouldContain("KSComplement");
        shapes.GetProperty("breakdown").GetArrayLength().ShouldBe(4);
        JsonElement skipped = metrics.Single(m => m.GetProperty("name").GetString() == DiagnosticMetrics.KeyUniquenessName);
        skipped.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        skipped.GetProperty("status").GetString().ShouldBe("skipped");
        skipped.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
        root.TryGetProperty("timingsMs", out _).ShouldBeFalse("timings differ between runs, so they are opt-in");
        ReportJson.ToJson(new Evaluator().Evaluate(inputs), includeTimings: true).ShouldContain("\"timingsMs\"");
    }

    [Fact]
    public void Every_metric_and_part_has_a_score_in_range_or_a_reason()
    {
        // Mixed types, missing values, a constant column, a category only the synthetic side has, an all-missing column.
        Table real = Mixed(200, 5), synthetic = Mixed(150, 6);
        Table withOddities(Table t, string extra) => new([.. t.Columns, Numbers("k", [.. Enumerable.Repeat(1.0, t.RowCount)]),
            Categories("e", [.. Enumerable.Range(0, t.RowCount).Select(i => i % 3 == 0 ? extra : null)]), Numbers("n", [.. Enumerable.Repeat(double.NaN, t.RowCount)])]);
        EvaluationReport report = new Evaluator().Evaluate(Inputs(withOddities(real, "r"), withOddities(synthetic, "s")));
        foreach (MetricResult result in report.Results)
        {
            if (result.Score is { } score) score.ShouldBeInRange(0, 1, result.Name);
            else result.Reason.ShouldNotBeNullOrWhiteSpace(result.Name);
            foreach (MetricPart part in result.Breakdown)
            {
                if (part.Score is { } partScore) partScore.ShouldBeInRange(0, 1, $"{result.Name} {part.Item}");
                else part.Note.ShouldNotBeNullOrWhiteSpace($"{result.Name} {part.Item}");
                if (part.Raw is { } raw) double.IsFinite(raw).ShouldBeTrue($"{result.Name} {part.Item}");
            }
        }
        report.Groups.ShouldAllBe(g => g.Score != null);
    }

    [DatasetFact("adult/train.csv")]
    public void Adult_against_a_gaussian_copula_sample_scores_in_a_sane_range()
    {
        var loaded = Doppel.IO.TableLoader.Load(Datasets.Require("adult/train.csv"));
        var model = new Doppel.Synthesizers.GaussianCopula.GaussianCopulaSynthesizer().Fit(loaded.Table, loaded.Metadata, new FitOptions { Seed = 1 });
        Table synthetic = model.Sample(loaded.Table.RowCount, seed: 2);
        EvaluationReport report = new Evaluator().Evaluate(new EvaluationInputs(loaded.Table, synthetic, loaded.Metadata));

        MetricResult shapes = report.Find("fidelity", FidelityMetrics.ColumnShapesName)!;
        MetricResult trends = report.Find("fidelity", FidelityMetrics.ColumnPairTrendsName)!;
        shapes.Breakdown.Count.ShouldBe(15);
        trends.Breakdown.Count.ShouldBe(105, "every pair of the 15 learned columns");
        trends.Breakdown.ShouldAllBe(p => p.Score != null);
        // A Gaussian copula keeps the marginals closely and the pair trends reasonably; a broken metric would not land here.
        shapes.Score!.Value.ShouldBeInRange(0.95, 1.0);
        trends.Score!.Value.ShouldBeInRange(0.80, 0.995);
        report.QualityScore!.Value.ShouldBeInRange(0.85, 0.995);
        report.Find("diagnostic", DiagnosticMetrics.DiagnosticScoreName)!.Score!.Value.ShouldBeGreaterThan(0.99);
        ReportJson.ToJson(report).ShouldNotContain("NaN");
    }
}
