namespace Doppel.Data;

/// <summary>
/// What one column holds, for people to read (the <c>doppel profile</c> table). The example of an id, PII or text
/// column is masked: it shows the shape of a value, never the value.
/// </summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its type in the metadata.</param>
/// <param name="TypeDetail">The type in words: "integer", "float, 2 decimals", "datetime yyyy-MM-dd", "pii email".</param>
/// <param name="MissingFraction">Share of rows with no value, in [0, 1].</param>
/// <param name="DistinctCount">Number of different non-missing values.</param>
/// <param name="Example">One value (masked for id, PII and text columns), or null when all are missing.</param>
/// <param name="Warnings">Things worth a look: "all values missing", "constant (one distinct value)", "high cardinality (681 distinct)", ...</param>
public sealed record ColumnSummary(
    string Name,
    ColumnType Type,
    string TypeDetail,
    double MissingFraction,
    int DistinctCount,
    string? Example,
    IReadOnlyList<string> Warnings);
