using Doppel.Data;
using Doppel.Evaluation;

namespace Doppel.Tests.Evaluation.Reports;

/// <summary>
/// Small mixed tables and hand-made metric results for report tests (unit and browser tests share this file):
/// every column kind, missing values, a constant column and names full of markup.
/// </summary>
public static class ReportSamples
{
    /// <summary>A name that breaks markup unless escaped.</summary>
    public const string HostileName = "<b>\"income\" & 'tax'</b>";

    /// <summary>A category value that breaks markup unless escaped.</summary>
    public const string HostileCategory = "<script>alert('x')</script>";

    /// <summary>Real and synthetic tables of <paramref name="rows"/> rows (synthetic slightly shifted), with their metadata.</summary>
    public static EvaluationInputs MixedInputs(int rows = 200)
    {
        Metadata metadata = new([
            new ColumnMetadata("age", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer },
            new ColumnMetadata(HostileName, ColumnType.Numerical),
            new ColumnMetadata("constant", ColumnType.Numerical),
            new ColumnMetadata("joined", ColumnType.DateTime),
            new ColumnMetadata("city", ColumnType.Categorical),
            new ColumnMetadata("member", ColumnType.Boolean),
            new ColumnMetadata("id", ColumnType.Id),
        ], primaryKey: "id");
        return new EvaluationInputs(Build(rows, shift: 0), Build(rows, shift: 1), metadata) { Seed = 7, Target = "member" };
    }

    /// <summary>Metrics of every group, with breakdowns, a skipped metric and an overall quality metric.</summary>
    public static IReadOnlyList<MetricResult> Metrics() =>
    [
        new MetricResult("fidelity", "Overall Quality", 0.84, null, "Mean of column shapes and column pair trends."),
        new MetricResult("fidelity", "Column Shapes", 0.9, null, "How alike each column's distribution is.")
        {
            Breakdown =
            [
                new MetricPart("age", 0.95, 0.05, "KSComplement"),
                new MetricPart(HostileName, 0.62, 0.38, "KSComplement"),
                new MetricPart("city", 0.71, 0.29, "TVComplement"),
                new MetricPart("constant", double.NaN, double.PositiveInfinity, "undefined"),
            ],
        },
        new MetricResult("fidelity", "Column Pair Trends", 0.7, null, "How alike the relations between pairs of columns are."),
        new MetricResult("diagnostic", "Boundary Adherence", 1, null, "Share of synthetic values inside the real range."),
        new MetricResult("utility", "TSTR accuracy", 0.42, 0.61, "Accuracy of a model trained on synthetic rows, tested on real ones."),
        MetricResult.Skipped("utility", "TSTR F1", "no holdout table was given (pass --holdout)", "F1 of a model trained on synthetic rows."),
        new MetricResult("privacy", "DCR share", 0.93, 0.51, "Share of synthetic rows closer to training than to holdout rows, mapped to a score."),
        MetricResult.Skipped("privacy", "Singling out", "no quasi-identifiers were given", "How often a record can be singled out."),
    ];

    private static Table Build(int rows, int shift)
    {
        var age = new double[rows];
        var income = new double[rows];
        var constant = new double[rows];
        var joined = new long[rows];
        var city = new int[rows];
        var member = new int[rows];
        var id = new string?[rows];
        long start = new DateTime(2020, 1, 1).Ticks;
        for (int i = 0; i < rows; i++)
        {
            age[i] = i % 17 == 0 ? double.NaN : 18 + (i * 7 + shift) % 60;
            income[i] = 1000 + 37.5 * ((i * 13 + shift * 3) % 101) + age[i % 5];
            constant[i] = 42;
            joined[i] = i % 11 == 0 ? DateTimeColumn.Missing : start + (i * 3 + shift) % 400 * TimeSpan.TicksPerDay;
            city[i] = i % 23 == 0 ? CategoricalColumn.Missing : (i + shift) % 14 % 5;
            member[i] = (i + shift) % 3 == 0 ? 0 : 1;
            id[i] = "row-" + i;
        }
        return new Table([
            new NumericColumn("age", age),
            new NumericColumn(HostileName, income),
            new NumericColumn("constant", constant),
            new DateTimeColumn("joined", joined),
            new CategoricalColumn("city", city, ["Paris", "Zürich", HostileCategory, "a & b", "Ōsaka"]),
            new CategoricalColumn("member", member, ["false", "true"]),
            new TextColumn("id", id),
        ]);
    }
}
