using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.Models;
using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Synthesizers;

/// <summary>
/// Regenerates the columns no synthesizer may learn: ids (unique, from the global row number),
/// PII (fake values of the same kind and format, in the requested locale) and text (values of the
/// same shapes, or lorem words of similar length). Only kinds, shapes and rates are kept, never values.
/// </summary>
public sealed partial class SurrogateModel
{
    private const int MaxShapes = 200;
    private const int LongTextLength = 30;

    private SurrogateModel(IReadOnlyList<SurrogateColumn> columns) => Columns = columns;

    /// <summary>The regenerated columns, in metadata order.</summary>
    public IReadOnlyList<SurrogateColumn> Columns { get; }

    /// <summary>Learns how to regenerate every id, PII and text column of the table.</summary>
    public static SurrogateModel Fit(Table table, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        var columns = new List<SurrogateColumn>();
        foreach (ColumnMetadata column in metadata.Columns.Where(c => !c.IsLearned))
        {
            string?[] values = table[column.Name] is TextColumn text
                ? text.Values
                : throw new ArgumentException($"Column '{column.Name}' is {column.Type} and must be held as text.", nameof(table));
            string[] present = [.. values.Where(v => v is not null)!];
            double missingRate = values.Length == 0 ? 0 : 1.0 - present.Length / (double)values.Length;
            var surrogate = new SurrogateColumn { Metadata = column, MissingRate = missingRate };
            surrogate = column.Type switch
            {
                ColumnType.Id => FitId(surrogate, present),
                ColumnType.Text => FitText(surrogate, present),
                _ => surrogate,
            };
            columns.Add(surrogate);
        }
        return new SurrogateModel(columns);
    }

    private static SurrogateColumn FitId(SurrogateColumn surrogate, string[] values)
    {
        if (values.Length > 0 && values.All(v => Guid.TryParse(v, out _)))
            return surrogate with { IdIsUuid = true };
        if (values.Length > 0 && values.All(v => long.TryParse(v, out _)))
        {
            bool padded = values.Any(v => v.Length > 1 && v[0] == '0');
            return surrogate with { IdStart = values.Min(v => long.Parse(v)), IdWidth = padded ? values.Max(v => v.Length) : 0 };
        }
        // prefix + digits, e.g. C0001: keep the most common prefix and the digit width.
        var parts = values.Select(v => PrefixNumber().Match(v)).Where(m => m.Success).ToArray();
        if (parts.Length > 0 && parts.Length == values.Length)
        {
            string prefix = parts.GroupBy(m => m.Groups[1].Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            int width = parts.Max(m => m.Groups[2].Value.Length);
            long start = parts.Min(m => long.TryParse(m.Groups[2].Value, out long n) ? n : 1);
            return surrogate with { IdPrefix = prefix, IdStart = start, IdWidth = parts.Any(m => m.Groups[2].Value.StartsWith('0')) ? width : 0 };
        }
        return surrogate with { IdPrefix = "id-", IdStart = 1 };
    }

    private static SurrogateColumn FitText(SurrogateColumn surrogate, string[] values)
    {
        if (values.Length == 0) return surrogate;
        double meanLength = values.Average(v => v.Length);
        if (meanLength <= LongTextLength)
        {
            var shapes = values.GroupBy(Shape, StringComparer.Ordinal)
                .Select(g => (Shape: g.Key, Count: g.Count()))
                .OrderByDescending(s => s.Count).ThenBy(s => s.Shape, StringComparer.Ordinal)
                .Take(MaxShapes).ToArray();
            double total = shapes.Sum(s => s.Count);
            return surrogate with { Shapes = [.. shapes.Select(s => (s.Shape, s.Count / total))] };
        }
        double[] words = [.. values.Select(v => (double)v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)];
        double mean = words.Average();
        double sd = Math.Sqrt(words.Sum(w => (w - mean) * (w - mean)) / words.Length);
        return surrogate with { Words = (mean, sd) };
    }

    /// <summary>The shape of a value: digits become '#', letters 'A' or 'a', everything else stays.</summary>
    internal static string Shape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
            builder.Append(char.IsAsciiDigit(c) ? '#' : char.IsUpper(c) ? 'A' : char.IsLower(c) ? 'a' : c);
        return builder.ToString();
    }

    [GeneratedRegex(@"^(\D*?)(\d+)$")]
    private static partial Regex PrefixNumber();

    /// <summary>Writes the regeneration settings (model file, version 1).</summary>
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("columns");
        foreach (SurrogateColumn column in Columns) column.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Restores the settings for the non-learned columns of <paramref name="metadata"/>.</summary>
    public static SurrogateModel ReadParameters(Metadata metadata, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ColumnMetadata[] expected = [.. metadata.Columns.Where(c => !c.IsLearned)];
        JsonElement[] columns = [.. ModelJson.Array(element, "columns")];
        if (columns.Length != expected.Length)
            throw new ModelFormatException($"The model regenerates {columns.Length} columns but its metadata has {expected.Length} id, PII and text columns.");
        return new SurrogateModel([.. expected.Select((c, i) => SurrogateColumn.Read(c, columns[i]))]);
    }
}
