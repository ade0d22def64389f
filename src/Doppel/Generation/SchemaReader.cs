using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Doppel.Generation;

/// <summary>Reads YAML or JSON schema text into <see cref="SchemaNode"/>s (JSON is read as the YAML subset it is).</summary>
internal static class SchemaReader
{
    public static SchemaNode Read(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SchemaException([$"{source}: line {e.Start.Line}, column {e.Start.Column}: {Clean(e)}"]);
        }
        if (stream.Documents.Count == 0) throw new SchemaException([$"{source}: the file is empty; a schema needs a 'tables' mapping."]);
        if (stream.Documents.Count > 1) throw new SchemaException([$"{source}: the file holds {stream.Documents.Count} YAML documents; put the whole schema in one."]);
        return Convert(stream.Documents[0].RootNode);
    }

    private static string Clean(YamlException e) => (e.InnerException?.Message ?? e.Message).Trim();

    private static SchemaNode Convert(YamlNode node)
    {
        int line = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var result = new MapNode { Line = line };
                foreach (var (key, value) in mapping.Children)
                {
                    string name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
                    if (result[name] is not null)
                        throw new SchemaException([$"line {key.Start.Line}: the key '{name}' appears twice in the same mapping; keep one."]);
                    result.Entries.Add(new(name, Convert(value)));
                }
                return result;
            }
            case YamlSequenceNode sequence:
            {
                var result = new ListNode { Line = line };
                foreach (YamlNode item in sequence.Children) result.Items.Add(Convert(item));
                return result;
            }
            case YamlScalarNode scalar:
                return new ScalarNode(scalar.Value ?? "") { Line = line };
            default:
                throw new SchemaException([$"line {line}: YAML aliases and tags are not supported in a schema; write the value out."]);
        }
    }
}
