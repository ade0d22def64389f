using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Statistics;

namespace Doppel.Synthesizers.GaussianCopula;

public sealed partial class GaussianCopulaModel
{
    /// <summary>
    /// Parameters, version 1: <c>{ "dimensions": d, "columns": [ per learned column, in metadata order:
    /// numerical/datetime { name, kind, valueDimension, missingDimension, step, minimum, maximum, family, parameters,
    /// missingOrder?, missingProbabilities? } or categorical { name, kind, dimension, categories, order, probabilities } ],
    /// "correlation": d×d rows }</c>. A dimension of -1 means none.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("dimensions", _dimensions);
        writer.WriteStartArray("columns");
        foreach (ICopulaColumn column in _columns) column.Write(writer);
        writer.WriteEndArray();
        writer.WriteStartArray("correlation");
        for (int i = 0; i < _dimensions; i++)
        {
            writer.WriteStartArray();
            for (int j = 0; j < _dimensions; j++) writer.WriteNumberValue(_correlation[i, j]);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Restores a model from its parameters; <paramref name="metadata"/> lists the learned columns.</summary>
    public static GaussianCopulaModel ReadParameters(Metadata metadata, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        int dimensions = ModelJson.Int(parameters, "dimensions");
        JsonElement[] columns = [.. ModelJson.Array(parameters, "columns")];
        if (columns.Length != metadata.Columns.Count)
            throw new ModelFormatException($"The model's parameters describe {columns.Length} columns but its metadata lists {metadata.Columns.Count} learned columns.");
        var restored = new List<ICopulaColumn>(columns.Length);
        for (int c = 0; c < columns.Length; c++)
        {
            ColumnMetadata column = metadata.Columns[c];
            if (ModelJson.String(columns[c], "name") != column.Name)
                throw new ModelFormatException($"The model's parameters for column {c + 1} are named '{ModelJson.String(columns[c], "name")}' but its metadata says '{column.Name}'.");
            restored.Add(ModelJson.String(columns[c], "kind") switch
            {
                "categorical" => CategoricalCopulaColumn.Read(column, columns[c]),
                "numerical" or "datetime" => NumericCopulaColumn.Read(column, columns[c]),
                string kind => throw new ModelFormatException($"Column '{column.Name}' has unknown kind '{kind}' in the model file."),
            });
        }
        foreach (int d in restored.SelectMany(c => c.Dimensions))
            if (d < 0 || d >= dimensions) throw new ModelFormatException($"A column refers to dimension {d}, outside the model's {dimensions} dimensions.");

        JsonElement[] rows = [.. ModelJson.Array(parameters, "correlation")];
        if (rows.Length != dimensions)
            throw new ModelFormatException($"The correlation matrix has {rows.Length} rows; the model has {dimensions} dimensions.");
        var correlation = new double[dimensions, dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            if (rows[i].ValueKind != JsonValueKind.Array || rows[i].GetArrayLength() != dimensions)
                throw new ModelFormatException($"Row {i + 1} of the correlation matrix does not have {dimensions} numbers.");
            int j = 0;
            foreach (JsonElement value in rows[i].EnumerateArray()) correlation[i, j++] = value.GetDouble();
        }
        if (dimensions > 0 && !Correlation.IsPositiveDefinite(correlation))
            throw new ModelFormatException("The model's correlation matrix is not positive definite; the file is damaged.");
        return new GaussianCopulaModel(metadata, restored, correlation);
    }
}
