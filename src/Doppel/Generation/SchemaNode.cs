using System.Globalization;

namespace Doppel.Generation;

/// <summary>
/// A schema as a tree of mappings, lists and scalars, whatever it was written in (YAML, JSON or the fluent builder).
/// The compiler walks it once, collecting every problem with its path, so all front ends share one validator.
/// </summary>
internal abstract class SchemaNode
{
    /// <summary>1-based line in the source file, or 0 when the node was not read from text.</summary>
    public int Line { get; init; }

    public abstract string Describe();
}

/// <summary>An ordered mapping; key order is kept because column order is output order.</summary>
internal sealed class MapNode : SchemaNode
{
    public List<KeyValuePair<string, SchemaNode>> Entries { get; } = [];

    public SchemaNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
                if (entry.Key == key) return entry.Value;
            return null;
        }
    }

    public MapNode Set(string key, SchemaNode value)
    {
        int index = Entries.FindIndex(e => e.Key == key);
        if (index >= 0) Entries[index] = new(key, value);
        else Entries.Add(new(key, value));
        return this;
    }

    public MapNode Set(string key, string value) => Set(key, new ScalarNode(value));

    public MapNode Set(string key, double value) => Set(key, new ScalarNode(value.ToString("R", CultureInfo.InvariantCulture)));

    public override string Describe() => "a mapping";
}

/// <summary>A list of nodes.</summary>
internal sealed class ListNode : SchemaNode
{
    public List<SchemaNode> Items { get; } = [];

    public override string Describe() => "a list";
}

/// <summary>A scalar as written (YAML scalars and JSON numbers, strings and booleans all arrive as text).</summary>
internal sealed class ScalarNode(string text) : SchemaNode
{
    public string Text { get; } = text;

    public override string Describe() => $"\"{Text}\"";
}
