using System.Text.Json;
using Doppel.Data;
using Doppel.Learning;
using Doppel.Models;

namespace Doppel.Synthesizers.Cart;

public sealed partial class CartModel
{
    private const int Version = 1;

    /// <summary>
    /// Parameters, version 1: <c>{ "version": 1, "order": [column indices in visit order], "bins": FeatureEncoder bins or null,
    /// "columns": [ per learned column in metadata order: { name, kind, smoothed, tree (DecisionTree or null for the first
    /// column), offsets: [leaves + 1], donors: [values grouped by leaf], categories? } ] }</c>.
    /// </summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteStartArray("order");
        foreach (int c in _order) writer.WriteNumberValue(c);
        writer.WriteEndArray();
        writer.WritePropertyName("bins");
        if (_encoder is null) writer.WriteNullValue();
        else _encoder.Write(writer);
        writer.WriteStartArray("columns");
        foreach (DonorColumn column in _columns) column.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Restores a model from its parameters; <paramref name="metadata"/> lists the learned columns.</summary>
    public static CartModel ReadParameters(Metadata metadata, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        JsonElement[] columns = ModelJson.VersionedColumns(parameters, Version, metadata);
        int count = metadata.Columns.Count;
        int[] order = [.. ModelJson.Array(parameters, "order").Select(e => e.TryGetInt32(out int c) ? c : -1)];
        if (order.Length != count || order.Order().Where((c, i) => c != i).Any())
            throw new ModelFormatException($"The CART visit order is not a permutation of the model's {count} learned columns.");
        FeatureEncoder? encoder = ModelJson.Has(parameters, "bins") ? FeatureEncoder.Read(parameters.GetProperty("bins")) : null;
        if (count > 0 && (encoder is null || encoder.Features.Count != count))
            throw new ModelFormatException($"The CART model's bins do not describe its {count} learned columns.");
        var restored = new DonorColumn[count];
        for (int c = 0; c < count; c++) restored[c] = DonorColumn.Read(metadata.Columns[c], columns[c], count);
        // A tree may only read columns visited before its own; anything else would read features not drawn yet.
        for (int position = 0; position < count; position++)
        {
            DecisionTree? tree = restored[order[position]].Tree;
            if (position == 0 ? tree is not null : tree is null)
                throw new ModelFormatException($"Column '{metadata.Columns[order[position]].Name}' has {(tree is null ? "no tree" : "a tree")} at visit position {position + 1}.");
            if (tree is null) continue;
            var earlier = order[..position].ToHashSet();
            for (int node = 0; node < tree.NodeCount; node++)
                if (tree.SplitFeature(node) >= 0 && !earlier.Contains(tree.SplitFeature(node)))
                    throw new ModelFormatException($"The tree of column '{metadata.Columns[order[position]].Name}' reads a column visited after it.");
        }
        return new CartModel(metadata, encoder, restored, order);
    }
}
