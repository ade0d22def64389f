using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Randomness;
using Doppel.Transforms;

namespace Doppel.Synthesizers.GaussianCopula;

/// <summary>A categorical or boolean column: one dimension, categories mapped to intervals as wide as their frequency (missing is a category of its own).</summary>
internal sealed class CategoricalCopulaColumn : ICopulaColumn
{
    private readonly string[] _categories;
    private readonly CategoryIntervalEncoder _encoder;
    private readonly int _dimension;

    public CategoricalCopulaColumn(ColumnMetadata metadata, string[] categories, CategoryIntervalEncoder encoder, int dimension)
    {
        Metadata = metadata;
        _categories = categories;
        _encoder = encoder;
        _dimension = dimension;
        Dimensions = [dimension];
        ScoreVariances = [encoder.ScoreVariance];
    }

    public ColumnMetadata Metadata { get; }
    public IReadOnlyList<int> Dimensions { get; }
    public IReadOnlyList<double> ScoreVariances { get; }

    /// <summary>Fits the intervals, ordered by <paramref name="guide"/> (a related column's scores) when one is given.</summary>
    public static CategoricalCopulaColumn Fit(ColumnMetadata metadata, CategoricalColumn column, int dimension, ReadOnlySpan<double> guide = default) =>
        new(metadata, column.Categories, CategoryIntervalEncoder.Fit(column.Codes, column.Categories.Length, guide), dimension);

    public void Encode(Column column, double[][] scores, Rng rng)
    {
        int[] codes = ((CategoricalColumn)column).Codes;
        double[] target = scores[_dimension];
        for (int i = 0; i < codes.Length; i++) target[i] = _encoder.Encode(codes[i], rng);
    }

    public Column Decode(double[][] scores, int rows)
    {
        double[] source = scores[_dimension];
        var codes = new int[rows];
        for (int i = 0; i < rows; i++) codes[i] = _encoder.Decode(source[i]);
        return new CategoricalColumn(Metadata.Name, codes, _categories);
    }

    public IReadOnlyList<(int Dimension, double Lower, double Upper)> ConditionIntervals(Condition condition)
    {
        if (condition.IsRange)
            throw new UsageException($"Condition {condition}: column '{Metadata.Name}' is {Metadata.Type.ToString().ToLowerInvariant()}; bounds apply to numerical and datetime columns. Use {Metadata.Name}=value.");
        int code = Array.IndexOf(_categories, condition.Value);
        var interval = code < 0 ? null : _encoder.IntervalOf(code);
        if (interval is null)
        {
            IEnumerable<string> seen = _encoder.Codes.Where(c => c >= 0).Select(c => _categories[c]);
            string list = string.Join(", ", seen.Take(20).Select(v => $"'{v}'")) + (_encoder.Codes.Count > 20 ? ", ..." : "");
            throw new InfeasibleRequestException($"Condition {condition}: the value '{condition.Value}' never occurs in column '{Metadata.Name}', so no row can meet it. Values seen: {list}.");
        }
        return [(_dimension, interval.Value.Lower, interval.Value.Upper)];
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteString("kind", "categorical");
        writer.WriteNumber("dimension", _dimension);
        writer.WriteStartArray("categories");
        foreach (string category in _categories) writer.WriteStringValue(category);
        writer.WriteEndArray();
        writer.WriteStartArray("order");
        foreach (int code in _encoder.Codes) writer.WriteNumberValue(code);
        writer.WriteEndArray();
        writer.WriteStartArray("probabilities");
        foreach (double p in _encoder.Probabilities) writer.WriteNumberValue(p);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static CategoricalCopulaColumn Read(ColumnMetadata metadata, JsonElement element)
    {
        string[] categories = [.. ModelJson.Array(element, "categories").Select(e => e.GetString() ?? throw new ModelFormatException($"Column '{metadata.Name}': a category is null."))];
        int[] order = [.. ModelJson.Array(element, "order").Select(e => e.GetInt32())];
        double[] probabilities = [.. ModelJson.Array(element, "probabilities").Select(e => e.GetDouble())];
        if (order.Any(c => c < -1 || c >= categories.Length))
            throw new ModelFormatException($"Column '{metadata.Name}': a category code is out of range.");
        return new CategoricalCopulaColumn(metadata, categories, CategoryIntervalEncoder.FromParameters(order, probabilities), ModelJson.Int(element, "dimension"));
    }
}
