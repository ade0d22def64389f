using Doppel.Data;
using Doppel.IO;

namespace Doppel.Evaluation.Diagnostic;

/// <summary>
/// The diagnostic group: is the synthetic table valid by the real one's rules? Per SDMetrics' DiagnosticReport, Data
/// Validity (boundary adherence for numbers and datetimes, category adherence for categories, key uniqueness for keys)
/// and Table Structure, with the Diagnostic Score their mean; plus datetime format adherence when the synthetic file's
/// strings are at hand. Constraint validity joins this section when constraints exist, as another
/// <see cref="IMetricGroup"/> with the group name "diagnostic" passed to the <see cref="Evaluator"/>.
/// </summary>
public sealed class DiagnosticMetrics : ISummarizedMetricGroup
{
    /// <summary>The group name of every result.</summary>
    public const string GroupName = "diagnostic";

    public const string DiagnosticScoreName = "Diagnostic Score";
    public const string DataValidityName = "Data Validity";
    public const string TableStructureName = "Table Structure";
    public const string BoundaryAdherenceName = "Boundary Adherence";
    public const string CategoryAdherenceName = "Category Adherence";
    public const string KeyUniquenessName = "Key Uniqueness";
    public const string DatetimeFormatName = "Datetime Format Adherence";

    private readonly RawTable? _syntheticRaw;

    /// <summary>Without the synthetic file's strings, datetime format adherence is skipped.</summary>
    public DiagnosticMetrics(RawTable? syntheticRaw = null) => _syntheticRaw = syntheticRaw;

    public string Group => GroupName;
    public string SummaryMetric => DiagnosticScoreName;

    IReadOnlyList<MetricResult> IMetricGroup.Compute(EvaluationInputs inputs, CancellationToken cancellationToken) => Compute(inputs, _syntheticRaw, cancellationToken);

    /// <summary>
    /// Every diagnostic metric, in this order: Diagnostic Score, Data Validity, Table Structure, Boundary Adherence,
    /// Category Adherence, Key Uniqueness, Datetime Format Adherence.
    /// </summary>
    public static IReadOnlyList<MetricResult> Compute(EvaluationInputs inputs, RawTable? syntheticRaw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var boundary = new List<MetricPart>();
        var category = new List<MetricPart>();
        var keys = new List<MetricPart>();
        var formats = new List<MetricPart>();
        foreach (ColumnMetadata column in inputs.Metadata.Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!inputs.Real.TryGetColumn(column.Name, out Column? real) || !inputs.Synthetic.TryGetColumn(column.Name, out Column? synthetic)) continue;
            if (column.Type is ColumnType.Numerical or ColumnType.DateTime) boundary.Add(ValidityChecks.Boundary(column.Name, real, synthetic));
            if (column.Type is ColumnType.Categorical or ColumnType.Boolean) category.Add(ValidityChecks.Category(column.Name, real, synthetic));
            if (column.Type == ColumnType.Id || column.Name == inputs.Metadata.PrimaryKey) keys.Add(ValidityChecks.Key(column.Name, synthetic));
            if (column.Type == ColumnType.DateTime && syntheticRaw is not null) formats.Add(ValidityChecks.Format(column, syntheticRaw));
        }
        MetricResult validity = MetricParts.Average(GroupName, DataValidityName, Meanings.DataValidity, [.. boundary, .. category, .. keys], "no column has bounds, categories or keys to check.");
        MetricResult structure = TableStructure(inputs);
        MetricResult overall = MetricParts.Average(GroupName, DiagnosticScoreName, Meanings.Overall,
            [new(DataValidityName, validity.Score, null, validity.Reason), new(TableStructureName, structure.Score, null, structure.Reason)], "");
        MetricResult datetimeFormats = syntheticRaw is null
            ? MetricResult.Skipped(GroupName, DatetimeFormatName, "needs the synthetic file's strings (the typed table no longer holds how values were written); pass the raw synthetic table.", Meanings.DatetimeFormat)
            : MetricParts.Average(GroupName, DatetimeFormatName, Meanings.DatetimeFormat, formats, "there is no datetime column.");
        return
        [
            overall,
            validity,
            structure,
            MetricParts.Average(GroupName, BoundaryAdherenceName, Meanings.Boundary, boundary, "there is no numerical or datetime column."),
            MetricParts.Average(GroupName, CategoryAdherenceName, Meanings.Category, category, "there is no categorical or boolean column."),
            MetricParts.Average(GroupName, KeyUniquenessName, Meanings.Keys, keys, "there is no primary key or id column."),
            datetimeFormats,
        ];
    }

    /// <summary>SDMetrics' TableStructure: columns with the same name and kind in both tables ÷ all column names of either.</summary>
    private static MetricResult TableStructure(EvaluationInputs inputs)
    {
        var parts = new List<MetricPart>();
        foreach (Column real in inputs.Real.Columns)
        {
            if (!inputs.Synthetic.TryGetColumn(real.Name, out Column? synthetic))
                parts.Add(new MetricPart(real.Name, 0, null, "missing from the synthetic table"));
            else if (synthetic.Kind != real.Kind)
                parts.Add(new MetricPart(real.Name, 0, null, $"{real.Kind.ToString().ToLowerInvariant()} in the real table, {synthetic.Kind.ToString().ToLowerInvariant()} in the synthetic one"));
            else
                parts.Add(new MetricPart(real.Name, 1, null, real.Kind.ToString().ToLowerInvariant()));
        }
        foreach (Column synthetic in inputs.Synthetic.Columns)
            if (!inputs.Real.TryGetColumn(synthetic.Name, out _))
                parts.Add(new MetricPart(synthetic.Name, 0, null, "only in the synthetic table"));
        return MetricParts.Average(GroupName, TableStructureName, Meanings.Structure, parts, "neither table has columns.") with { Reason = null };
    }

    private static class Meanings
    {
        public const string Overall =
            "The mean of Data Validity and Table Structure, as SDMetrics' DiagnosticReport scores. Anything below 1 is a basic error of the synthetic data (values out of bounds, unknown categories, repeated keys, wrong columns), not a matter of statistical quality.";
        public const string DataValidity =
            "Per column, the share of synthetic values that are valid: within the real [min, max] for numbers and datetimes, a category the real column has for categorical and boolean columns, unique and present for keys. The score is the mean over columns.";
        public const string Structure =
            "Columns with the same name and kind in both tables, divided by all column names of either table. 1 means the synthetic table has exactly the real table's columns.";
        public const string Boundary =
            "Per numerical or datetime column, the share of present synthetic values within the real minimum and maximum. 1 does not mean the range is covered (see Range Coverage).";
        public const string Category =
            "Per categorical or boolean column, the share of synthetic rows whose value the real column has (a missing value counts as valid when the real column has missing values).";
        public const string Keys =
            "Per primary key or id column, the share of synthetic rows whose key is present and not repeated.";
        public const string DatetimeFormat =
            "Per datetime column, the share of present synthetic strings written exactly in the metadata's datetime format (they parse, and writing the parsed instant again gives the same text).";
    }
}
