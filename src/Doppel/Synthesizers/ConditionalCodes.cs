using Doppel.Data;
using Doppel.Transforms;

namespace Doppel.Synthesizers;

/// <summary>Resolves a condition to a categorical column of a tabular encoder and the code of its value, with errors that list what is allowed.</summary>
internal static class ConditionalCodes
{
    public static (int Column, int Code) Resolve(TabularEncoder encoder, Condition condition)
    {
        IReadOnlyList<ColumnMetadata> columns = encoder.Metadata.Columns;
        int column = -1;
        for (int c = 0; c < columns.Count; c++) if (columns[c].Name == condition.Column) column = c;
        string conditionable = string.Join(", ", columns.Where(c => c.Type is ColumnType.Categorical or ColumnType.Boolean).Select(c => c.Name));
        if (column < 0)
            throw new UsageException($"Condition {condition}: the model has no learned column '{condition.Column}'. Columns that can be conditioned on: {conditionable}.");
        if (columns[column].Type is not (ColumnType.Categorical or ColumnType.Boolean))
            throw new UsageException($"Condition {condition}: column '{condition.Column}' is {columns[column].Type.ToString().ToLowerInvariant()}; conditions on values are supported for categorical and boolean columns ({conditionable}).");
        int code = encoder.CodeOf(column, condition.Value);
        if (code < 0 || encoder.Column(column).OneHot!.SlotOf(code) < 0)
            throw new InfeasibleRequestException($"Condition {condition}: '{condition.Value}' never occurs in column '{condition.Column}'. Values seen: {string.Join(", ", encoder.CategoriesOf(column).Take(20))}{(encoder.CategoriesOf(column).Count > 20 ? ", ..." : "")}.");
        return (column, code);
    }
}
