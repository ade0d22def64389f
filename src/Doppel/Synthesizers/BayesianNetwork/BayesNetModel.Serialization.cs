using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;

namespace Doppel.Synthesizers.BayesianNetwork;

public sealed partial class BayesNetModel
{
    private const int Version = 1;

    /// <summary>
    /// Parameters, version 1: <c>{ "version": 1, "columns": [ per learned column, in metadata order:
    /// { name, kind: "categorical" | "exact" | "binned", missing (a last "missing" state), step, categories | values |
    /// atoms (values held exactly, the first states) + edges (+ sketches: per bin, sorted quantiles to redraw a value
    /// from; absent = uniform in the bin) } ],
    /// "tables": [ in drawing (topological) order: { column, parents: [column indices], probabilities: flattened
    /// configurations × states, the first parent varying slowest } ], "privacy"?: the ε spent }</c>.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteStartArray("columns");
        foreach (BayesColumn column in _columns) column.Write(writer);
        writer.WriteEndArray();
        writer.WriteStartArray("tables");
        foreach (ConditionalTable table in _tables) table.Write(writer);
        writer.WriteEndArray();
        if (Privacy is not null)
        {
            writer.WritePropertyName("privacy");
            Privacy.Write(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>Restores a model from its parameters; <paramref name="metadata"/> lists the learned columns.</summary>
    public static BayesNetModel ReadParameters(Metadata metadata, JsonElement parameters)
    {
        JsonElement[] columns = ModelJson.VersionedColumns(parameters, Version, metadata);
        BayesColumn[] restored = [.. columns.Select((c, i) => BayesColumn.Read(metadata.Columns[i], c))];
        ConditionalTable[] tables = [.. ModelJson.Array(parameters, "tables").Select(t => ConditionalTable.Read(t, restored))];
        PrivacySpent? privacy = ModelJson.Has(parameters, "privacy") ? PrivacySpent.Read(ModelJson.Property(parameters, "privacy")) : null;
        return new BayesNetModel(metadata, restored, tables, privacy);
    }
}
