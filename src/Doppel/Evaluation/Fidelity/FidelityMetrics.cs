using Doppel.Data;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// The fidelity group: how closely the synthetic table follows the real one. Column Shapes, Column Pair Trends and their
/// mean, the Quality Score, follow SDMetrics' QualityReport definitions so the numbers compare with it; missing-value
/// similarity, range and category coverage, Wasserstein and Jensen–Shannon distances add detail per column.
/// Learned columns only (numerical, datetime, categorical, boolean); ids, PII and text are regenerated, not learned.
/// </summary>
public sealed class FidelityMetrics : ISummarizedMetricGroup
{
    /// <summary>The group name of every result.</summary>
    public const string GroupName = "fidelity";

    public const string ColumnShapesName = "Column Shapes";
    public const string ColumnPairTrendsName = "Column Pair Trends";
    public const string QualityScoreName = "Quality Score";
    public const string MissingValuesName = "Missing Value Similarity";
    public const string RangeCoverageName = "Range Coverage";
    public const string CategoryCoverageName = "Category Coverage";
    public const string WassersteinName = "Wasserstein Distance";
    public const string JensenShannonName = "Jensen-Shannon Distance";

    public string Group => GroupName;
    public string SummaryMetric => QualityScoreName;

    IReadOnlyList<MetricResult> IMetricGroup.Compute(EvaluationInputs inputs, CancellationToken cancellationToken) => Compute(inputs, cancellationToken);

    /// <summary>
    /// Every fidelity metric, in this order: Quality Score, Column Shapes, Column Pair Trends, Missing Value Similarity,
    /// Range Coverage, Category Coverage, Wasserstein Distance, Jensen–Shannon Distance.
    /// </summary>
    public static IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, inputs.MaxThreads), CancellationToken = cancellationToken };
        var (columns, unusable) = Prepare(inputs, options);

        var shapes = new MetricPart[columns.Length];
        var js = new MetricPart[columns.Length];
        Parallel.For(0, columns.Length, options, i =>
        {
            shapes[i] = ColumnFidelity.Shape(columns[i]);
            js[i] = ColumnFidelity.JensenShannon(columns[i]);
        });
        FidelityColumn[] continuous = [.. columns.Where(c => c.IsContinuous)];
        FidelityColumn[] discrete = [.. columns.Where(c => !c.IsContinuous)];
        var wasserstein = new MetricPart[continuous.Length];
        Parallel.For(0, continuous.Length, options, i => wasserstein[i] = ColumnFidelity.Wasserstein(continuous[i]));

        var pairs = new List<(FidelityColumn, FidelityColumn)>();
        for (int i = 0; i < columns.Length; i++)
            for (int j = i + 1; j < columns.Length; j++) pairs.Add((columns[i], columns[j]));
        var trends = new MetricPart[pairs.Count];
        Parallel.For(0, pairs.Count, options, k => trends[k] = PairFidelity.Compute(pairs[k].Item1, pairs[k].Item2));

        MetricResult shapeResult = MetricParts.Average(GroupName, ColumnShapesName, Meanings.ColumnShapes, [.. shapes, .. unusable], "there is no learned column (numerical, datetime, categorical, boolean) in both tables.");
        MetricResult trendResult = MetricParts.Average(GroupName, ColumnPairTrendsName, Meanings.ColumnPairTrends, trends, "there are fewer than two learned columns, so there is no pair to compare.");
        return
        [
            Quality(shapeResult, trendResult),
            shapeResult,
            trendResult,
            MetricParts.Average(GroupName, MissingValuesName, Meanings.MissingValues, MissingParts(inputs), "no column is in both tables."),
            MetricParts.Average(GroupName, RangeCoverageName, Meanings.RangeCoverage, [.. continuous.Select(ColumnFidelity.Range)], "there is no numerical or datetime column."),
            MetricParts.Average(GroupName, CategoryCoverageName, Meanings.CategoryCoverage, [.. discrete.Select(ColumnFidelity.Categories)], "there is no categorical or boolean column."),
            MetricParts.Average(GroupName, WassersteinName, Meanings.Wasserstein, wasserstein, "there is no numerical or datetime column."),
            MetricParts.Average(GroupName, JensenShannonName, Meanings.JensenShannon, js, "there is no learned column in both tables."),
        ];
    }

    /// <summary>SDMetrics' overall score: the mean of the two property scores (of the one computed, when the other is skipped).</summary>
    private static MetricResult Quality(MetricResult shapes, MetricResult trends)
    {
        MetricPart[] parts = [new(ColumnShapesName, shapes.Score, null, shapes.Reason), new(ColumnPairTrendsName, trends.Score, null, trends.Reason)];
        MetricResult quality = MetricParts.Average(GroupName, QualityScoreName, Meanings.Quality, parts, "");
        return quality with { Reason = quality.Score is null ? "neither Column Shapes nor Column Pair Trends could be computed." : quality.Reason };
    }

    private static (FidelityColumn[] Columns, MetricPart[] Unusable) Prepare(EvaluationInputs inputs, ParallelOptions options)
    {
        ColumnMetadata[] learned = [.. inputs.Metadata.Columns.Where(c => c.IsLearned)];
        var prepared = new FidelityColumn?[learned.Length];
        var problems = new MetricPart?[learned.Length];
        Parallel.For(0, learned.Length, options, i =>
        {
            ColumnMetadata column = learned[i];
            if (!inputs.Real.TryGetColumn(column.Name, out Column? real) || !inputs.Synthetic.TryGetColumn(column.Name, out Column? synthetic))
            {
                problems[i] = MetricParts.Skipped(column.Name, $"the column is missing from the {(inputs.Real.TryGetColumn(column.Name, out _) ? "synthetic" : "real")} table");
                return;
            }
            prepared[i] = FidelityColumn.TryPrepare(column, real, synthetic, out string? problem);
            if (problem is not null) problems[i] = MetricParts.Skipped(column.Name, problem);
        });
        return ([.. prepared.OfType<FidelityColumn>()], [.. problems.OfType<MetricPart>()]);
    }

    private static MetricPart[] MissingParts(EvaluationInputs inputs)
    {
        var parts = new List<MetricPart>();
        foreach (ColumnMetadata column in inputs.Metadata.Columns)
        {
            if (!inputs.Real.TryGetColumn(column.Name, out Column? real) || !inputs.Synthetic.TryGetColumn(column.Name, out Column? synthetic)) continue;
            parts.Add(ColumnFidelity.Missing(column.Name, real.MissingCount(), real.Length, synthetic.MissingCount(), synthetic.Length));
        }
        return [.. parts];
    }

    private static class Meanings
    {
        public const string Quality =
            "The mean of Column Shapes and Column Pair Trends, as SDMetrics' QualityReport computes its overall score. 1 means every column's distribution and every pair's trend match the real table; it says nothing about privacy or about rows being plausible as wholes.";
        public const string ColumnShapes =
            "Per learned column, how alike the real and synthetic distributions are: 1 − the Kolmogorov–Smirnov statistic for numerical and datetime columns, 1 − the total variation distance for categorical and boolean ones, on present values (SDMetrics' KSComplement and TVComplement); the score is their mean. It looks at one column at a time, not at relations.";
        public const string ColumnPairTrends =
            "Per pair of learned columns, how alike their relation is: 1 − |r real − r synthetic| / 2 on Pearson's r for two numerical or datetime columns, else 1 − the total variation distance between the two-way frequency tables (numbers cut into 10 equal-width bins of the real range, a missing value a category of its own), as SDMetrics' CorrelationSimilarity and ContingencySimilarity. Pairs with a constant column have no Pearson r and are skipped.";
        public const string MissingValues =
            "Per column, 1 − the gap between the real and synthetic shares of missing values. 1 means values go missing as often, not that they go missing in the same situations.";
        public const string RangeCoverage =
            "Per numerical or datetime column, the share of the real [min, max] range the synthetic values span: 1 − (gap below + gap above) ÷ real range, at least 0. Low means the synthetic data misses extreme values; it does not penalise values outside the real range (see Boundary Adherence).";
        public const string CategoryCoverage =
            "Per categorical or boolean column, the share of real categories that appear at least once in the synthetic data. Low means rare categories are lost; it says nothing about their frequencies.";
        public const string Wasserstein =
            "Per numerical or datetime column, the first Wasserstein (earth mover's) distance between the real and synthetic values divided by the real range, so columns of any unit compare; the score is 1 − that, at least 0. Raw 0.05 means values would have to move 5 % of the real range on average to match.";
        public const string JensenShannon =
            "Per learned column, the Jensen–Shannon distance (base 2, in [0, 1]) between the real and synthetic frequencies: categories, or 10 equal-width bins of the real range for numbers and datetimes; the score is 1 − that. It weighs differences in rare values more than total variation does.";
    }
}
