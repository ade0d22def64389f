using System.Text.Json;
using Doppel.Models;

namespace Doppel.Learning;

public sealed partial class DecisionTree
{
    /// <summary>
    /// Writes the tree, version 1: <c>{ "feature": [..], "threshold": [..], "missingLeft": [0|1 ..], "categories": [[4 words] or []],
    /// "left": [..], "right": [..], "value": [..] }</c>, one entry per node; a feature of -1 marks a leaf.
    /// </summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteInts(writer, "feature", _feature);
        WriteInts(writer, "threshold", _threshold);
        WriteInts(writer, "missingLeft", [.. _missingLeft.Select(m => m ? 1 : 0)]);
        writer.WriteStartArray("categories");
        foreach (ulong[] set in _categories)
        {
            writer.WriteStartArray();
            foreach (ulong word in set) writer.WriteNumberValue(word);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        WriteInts(writer, "left", _left);
        WriteInts(writer, "right", _right);
        writer.WriteStartArray("value");
        foreach (double v in _value) writer.WriteNumberValue(v);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a tree written by <see cref="Write"/>; <paramref name="features"/> bounds the feature indices, and every child must be a later node.</summary>
    public static DecisionTree Read(JsonElement element, int features)
    {
        int[] feature = Ints(element, "feature");
        int[] threshold = Ints(element, "threshold");
        bool[] missingLeft = [.. Ints(element, "missingLeft").Select(m => m != 0)];
        ulong[][] categories = [.. ModelJson.Array(element, "categories").Select(set => set.ValueKind == JsonValueKind.Array
            ? set.EnumerateArray().Select(w => w.TryGetUInt64(out ulong word) ? word : throw Damaged("a category set holds a word that is not an unsigned integer")).ToArray()
            : throw Damaged("a category set is not an array"))];
        int[] left = Ints(element, "left");
        int[] right = Ints(element, "right");
        double[] value = ModelJson.Doubles(element, "value");
        int nodes = feature.Length;
        if (nodes == 0 || threshold.Length != nodes || missingLeft.Length != nodes || categories.Length != nodes
            || left.Length != nodes || right.Length != nodes || value.Length != nodes)
            throw Damaged("its node arrays differ in length or are empty");
        for (int n = 0; n < nodes; n++)
        {
            if (feature[n] < 0) continue;
            if (feature[n] >= features) throw Damaged($"node {n} splits on feature {feature[n]} of {features}");
            if (left[n] <= n || left[n] >= nodes || right[n] <= n || right[n] >= nodes) throw Damaged($"node {n} has a child outside the later nodes");
            if (categories[n].Length is not (0 or 4)) throw Damaged($"node {n} has a category set of {categories[n].Length} words");
        }
        return new DecisionTree(feature, threshold, missingLeft, categories, left, right, value);
    }

    private static void WriteInts(Utf8JsonWriter writer, string name, int[] values)
    {
        writer.WriteStartArray(name);
        foreach (int v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    private static int[] Ints(JsonElement element, string name) =>
        [.. ModelJson.Array(element, name).Select(e => e.TryGetInt32(out int v) ? v : throw Damaged($"'{name}' holds a value that is not an integer"))];

    private static ModelFormatException Damaged(string why) => new($"A decision tree in the model file is damaged: {why}.");
}
