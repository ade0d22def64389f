namespace Doppel.Evaluation.Reports;

/// <summary>How much the HTML report shows; the defaults keep a report of a wide table readable and small. Values are checked when set.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The page title and heading. Default "Doppel evaluation report".</summary>
    public string Title
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("The report title must not be empty.", nameof(Title)) : value;
    } = "Doppel evaluation report";

    /// <summary>Histogram bins for numerical and datetime columns, 2 to 200. Default 20.</summary>
    public int Bins { get; init => field = InRange(value, 2, 200, nameof(Bins)); } = 20;

    /// <summary>Categories drawn per categorical column before the rest are gathered as "other", 1 to 100. Default 10.</summary>
    public int TopCategories { get; init => field = InRange(value, 1, 100, nameof(TopCategories)); } = 10;

    /// <summary>Columns given a distribution chart (the lowest-scoring first), 1 to 10,000. Default 40.</summary>
    public int MaxDistributionColumns { get; init => field = InRange(value, 1, 10_000, nameof(MaxDistributionColumns)); } = 40;

    /// <summary>Numerical and datetime columns in the correlation heatmaps, 2 to 100. Default 25.</summary>
    public int MaxHeatmapColumns { get; init => field = InRange(value, 2, 100, nameof(MaxHeatmapColumns)); } = 25;

    /// <summary>Rows listed per metric breakdown (the worst first), 1 to 100,000. Default 100.</summary>
    public int MaxBreakdownParts { get; init => field = InRange(value, 1, 100_000, nameof(MaxBreakdownParts)); } = 100;

    private static int InRange(int value, int minimum, int maximum, string name) =>
        value < minimum || value > maximum
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {minimum:N0} and {maximum:N0}.")
            : value;
}
