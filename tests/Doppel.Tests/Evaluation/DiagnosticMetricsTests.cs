using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Diagnostic;
using Doppel.IO;
using static Doppel.Tests.Evaluation.EvaluationTables;

namespace Doppel.Tests.Evaluation;

public class DiagnosticMetricsTests
{
    [Fact]
    public void Hand_computed_validity_scores()
    {
        Table real = Table(Texts("id", "1", "2", "3", "4"), Numbers("x", 1, 2, 3, 4), Categories("c", "a", "b", null, "a"), Days("d", 0, 1, 2, 3));
        Table synthetic = Table(Texts("id", "7", "8", "8", null), Numbers("x", 0, 2, 3, 5), Categories("c", "a", "zzz", null, "b"), Days("d", 1, 2, 3, 9));
        var results = DiagnosticMetrics.Compute(Inputs(real, synthetic), null);

        // Boundary x: 0 and 5 lie outside [1, 4] → 2 of 4 → 0.5. d: day 9 outside days [0, 3] → 0.75.
        MetricResult boundary = results.Metric(DiagnosticMetrics.BoundaryAdherenceName);
        boundary.Part("x").Score!.Value.ShouldBe(0.5, 1e-12);
        boundary.Part("x").Note!.ShouldContain("1 below the real minimum, 1 above");
        boundary.Part("d").Score!.Value.ShouldBe(0.75, 1e-12);
        // Category c: 'zzz' is unknown; the missing value is valid because the real column has one → 3 of 4.
        MetricPart category = results.Metric(DiagnosticMetrics.CategoryAdherenceName).Part("c");
        category.Score!.Value.ShouldBe(0.75, 1e-12);
        category.Note!.ShouldContain("'zzz'");
        // Key id: the second '8' repeats and the last is missing → 2 of 4 bad → 0.5.
        results.Metric(DiagnosticMetrics.KeyUniquenessName).Part("id").Score!.Value.ShouldBe(0.5, 1e-12);
        // Data Validity = mean over the column parts (x 0.5, d 0.75, c 0.75, id 0.5) = 0.625; structure is 1.
        results.Metric(DiagnosticMetrics.DataValidityName).Score!.Value.ShouldBe(0.625, 1e-12);
        results.Metric(DiagnosticMetrics.TableStructureName).Score.ShouldBe(1);
        results.Metric(DiagnosticMetrics.DiagnosticScoreName).Score!.Value.ShouldBe((0.625 + 1) / 2, 1e-12);
        results.Metric(DiagnosticMetrics.DatetimeFormatName).Status.ShouldBe(MetricStatus.Skipped);
    }

    [Fact]
    public void A_missing_value_is_invalid_where_the_real_column_has_none()
    {
        Table real = Table(Categories("c", "a", "b"));
        Table synthetic = Table(Categories("c", "a", null, "b", "b"));
        DiagnosticMetrics.Compute(Inputs(real, synthetic), null).Metric(DiagnosticMetrics.CategoryAdherenceName).Score!.Value.ShouldBe(0.75, 1e-12);
    }

    [Fact]
    public void Table_structure_counts_columns_with_the_same_name_and_kind_over_all_names()
    {
        // x changes kind, c matches, z exists only in the synthetic table: 1 of 3.
        Table real = Table(Numbers("x", 1, 2), Categories("c", "a", "b"));
        Table synthetic = Table(Categories("x", "1", "2"), Categories("c", "a", "b"), Numbers("z", 1, 2));
        MetricResult structure = DiagnosticMetrics.Compute(Inputs(real, synthetic), null).Metric(DiagnosticMetrics.TableStructureName);
        structure.Score!.Value.ShouldBe(1.0 / 3, 1e-12);
        structure.Part("z").Note.ShouldBe("only in the synthetic table");
        structure.Part("x").Note!.ShouldContain("numeric in the real table, categorical in the synthetic one");
    }

    [Fact]
    public void Datetime_format_adherence_reads_the_synthetic_strings()
    {
        Table real = Table(Days("d", 0, 1));
        Table synthetic = Table(Days("d", 0, 1, 2));
        // "2020-1-2" is not written as yyyy-MM-dd: 1 of 2 present strings adheres.
        var raw = new RawTable("synthetic.csv", ["d"], [["2020-01-01", "2020-1-2", null]], [2, 3, 4]);
        MetricResult format = DiagnosticMetrics.Compute(Inputs(real, synthetic), raw).Metric(DiagnosticMetrics.DatetimeFormatName);
        format.Score!.Value.ShouldBe(0.5, 1e-12);
        format.Part("d").Note!.ShouldContain("\"2020-1-2\"");
    }

    [Fact]
    public void Valid_synthetic_data_scores_one()
    {
        Table real = Mixed(300, 7);
        var results = DiagnosticMetrics.Compute(Inputs(real, real.SelectRows([.. Enumerable.Range(0, 100)])), null);
        results.Metric(DiagnosticMetrics.DiagnosticScoreName).Score.ShouldBe(1);
        results.Metric(DiagnosticMetrics.KeyUniquenessName).Status.ShouldBe(MetricStatus.Skipped);
        results.Metric(DiagnosticMetrics.KeyUniquenessName).Reason!.ShouldContain("no primary key");
    }
}
