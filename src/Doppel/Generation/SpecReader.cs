using System.Globalization;

namespace Doppel.Generation;

/// <summary>
/// Reads the keys of one mapping of the schema, recording each problem with its path and remembering which keys
/// were read, so that a misspelt key is reported with the keys that would have been understood.
/// </summary>
internal sealed class SpecReader(MapNode map, string path, List<string> problems)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public MapNode Map => map;

    public void Problem(string message) => problems.Add($"{Path}: {message}");

    public void Problem(string key, string message) => problems.Add($"{Path}.{key}: {message}");

    public bool Has(string key) => map[key] is not null;

    public SchemaNode? Node(string key)
    {
        _read.Add(key);
        return map[key];
    }

    public string? Text(string key, bool required = false)
    {
        SchemaNode? node = Node(key);
        if (node is null)
        {
            if (required) Problem($"'{key}' is required");
            return null;
        }
        if (node is ScalarNode scalar) return scalar.Text;
        Problem(key, $"expected a single value but found {node.Describe()}");
        return null;
    }

    public double? Number(string key, bool required = false, double? min = null, double? max = null, bool exclusiveMin = false)
    {
        string? text = Text(key, required);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            Problem(key, $"expected a number but found \"{text}\"");
            return null;
        }
        if (min is double low && (exclusiveMin ? value <= low : value < low) || max is double high && value > high)
        {
            string range = (min, max) switch
            {
                (double a, double b) => $"between {a.ToString(CultureInfo.InvariantCulture)} and {b.ToString(CultureInfo.InvariantCulture)}",
                (double a, null) => exclusiveMin ? $"greater than {a.ToString(CultureInfo.InvariantCulture)}" : $"at least {a.ToString(CultureInfo.InvariantCulture)}",
                _ => $"at most {max!.Value.ToString(CultureInfo.InvariantCulture)}",
            };
            Problem(key, $"must be {range}, not {text}");
            return null;
        }
        return value;
    }

    public int? Integer(string key, int min, int max, bool required = false)
    {
        double? value = Number(key, required, min, max);
        if (value is null) return null;
        if (value != Math.Floor(value.Value))
        {
            Problem(key, $"must be a whole number, not {value.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)value.Value;
    }

    public bool Boolean(string key)
    {
        string? text = Text(key);
        if (text is null) return false;
        if (text is "true" or "True" or "yes") return true;
        if (text is "false" or "False" or "no") return false;
        Problem(key, $"expected true or false but found \"{text}\"");
        return false;
    }

    /// <summary>Reports every key that no reader asked for, listing the allowed ones.</summary>
    public void RejectUnknown(string what)
    {
        foreach (var entry in map.Entries)
            if (!_read.Contains(entry.Key))
                Problem($"unknown key '{entry.Key}' for {what}; allowed: {string.Join(", ", _read.Order(StringComparer.Ordinal))}");
    }

    /// <summary>Marks keys as understood without reading them (read elsewhere).</summary>
    public void Allow(params string[] keys)
    {
        foreach (string key in keys) _read.Add(key);
    }
}
