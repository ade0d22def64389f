using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Baselines;

/// <summary>
/// One column of the uniform baseline: missing at the observed rate, otherwise uniform over the observed range
/// (whole numbers for integer columns, decimals kept) or over the categories observed. Immutable.
/// </summary>
internal sealed class UniformColumn : IColumnSampler
{
    private readonly string _kind;           // numerical, datetime, categorical
    private readonly double _missingRate;
    private readonly double _minimum, _maximum;
    private readonly long _firstTick, _lastTick;
    private readonly int[] _observed;        // categorical: codes seen
    private readonly string[] _categories;

    private UniformColumn(ColumnMetadata metadata, string kind, double missingRate, double minimum, double maximum, long firstTick, long lastTick, int[] observed, string[] categories)
    {
        if (!(missingRate >= 0 && missingRate <= 1)) throw new ModelFormatException($"Column '{metadata.Name}' has a missing rate outside [0, 1].");
        if (kind == "numerical" && missingRate < 1 && !(minimum <= maximum)) throw new ModelFormatException($"Column '{metadata.Name}' has a range whose minimum exceeds its maximum.");
        if (kind == "datetime" && missingRate < 1 && firstTick > lastTick) throw new ModelFormatException($"Column '{metadata.Name}' has a date range that ends before it starts.");
        if (kind == "categorical" && (observed.Any(c => c < 0 || c >= categories.Length) || (missingRate < 1 && observed.Length == 0)))
            throw new ModelFormatException($"Column '{metadata.Name}' lists observed codes outside its {categories.Length} categories.");
        Metadata = metadata;
        _kind = kind;
        _missingRate = missingRate;
        _minimum = minimum;
        _maximum = maximum;
        _firstTick = firstTick;
        _lastTick = lastTick;
        _observed = observed;
        _categories = categories;
    }

    public ColumnMetadata Metadata { get; }

    private bool Integer => Metadata.Subtype == NumericalSubtype.Integer || Metadata.Decimals == 0;

    public static UniformColumn Fit(ColumnMetadata metadata, Column data)
    {
        double missingRate = data.Length == 0 ? 0 : (double)data.MissingCount() / data.Length;
        switch (data)
        {
            case NumericColumn numeric:
                double[] present = [.. numeric.Values.Where(v => !double.IsNaN(v))];
                return new UniformColumn(metadata, "numerical", missingRate, present.Length > 0 ? present.Min() : 0, present.Length > 0 ? present.Max() : 0, 0, 0, [], []);
            case DateTimeColumn dates:
                long[] ticks = [.. dates.Ticks.Where(t => t != DateTimeColumn.Missing)];
                return new UniformColumn(metadata, "datetime", missingRate, 0, 0, ticks.Length > 0 ? ticks.Min() : 0, ticks.Length > 0 ? ticks.Max() : 0, [], []);
            case CategoricalColumn categorical:
                return new UniformColumn(metadata, "categorical", missingRate, 0, 0, 0, 0, [.. categorical.Codes.Where(c => c >= 0).Distinct().Order()], categorical.Categories);
            default:
                throw new ArgumentException($"Column '{metadata.Name}' holds text; the uniform baseline learns only numbers, dates and categories.", nameof(data));
        }
    }

    public bool IsCategorical => _kind == "categorical";

    public int CodeOf(Condition condition)
    {
        int code = Array.IndexOf(_categories, condition.Value);
        if (code < 0 || Array.IndexOf(_observed, code) < 0)
            throw new InfeasibleRequestException($"Condition {condition}: '{condition.Value}' never occurs in column '{Metadata.Name}'. Values seen: {string.Join(", ", _observed.Take(20).Select(c => _categories[c]))}{(_observed.Length > 20 ? ", ..." : "")}.");
        return code;
    }

    public Column Draw(int rows, Rng rng, int? fixedCode)
    {
        switch (_kind)
        {
            case "categorical":
                var codes = new int[rows];
                for (int r = 0; r < rows; r++)
                    codes[r] = fixedCode ?? (rng.NextDouble() < _missingRate || _observed.Length == 0 ? CategoricalColumn.Missing : _observed[rng.NextInt(_observed.Length)]);
                return new CategoricalColumn(Metadata.Name, codes, _categories);
            case "datetime":
                var ticks = new long[rows];
                for (int r = 0; r < rows; r++)
                    ticks[r] = rng.NextDouble() < _missingRate ? DateTimeColumn.Missing
                        : _firstTick + (long)Math.Min(_lastTick - _firstTick, Math.Floor(rng.NextDouble() * ((double)(_lastTick - _firstTick) + 1)));
                return new DateTimeColumn(Metadata.Name, ticks);
            default:
                var values = new double[rows];
                for (int r = 0; r < rows; r++)
                {
                    if (rng.NextDouble() < _missingRate) { values[r] = double.NaN; continue; }
                    double u = rng.NextDouble();
                    double v = Integer
                        ? Math.Min(Math.Floor(_maximum), Math.Ceiling(_minimum) + Math.Floor(u * (Math.Floor(_maximum) - Math.Ceiling(_minimum) + 1)))
                        : _minimum + u * (_maximum - _minimum);
                    if (!Integer && Metadata.Decimals is int decimals && decimals <= 15) v = Math.Clamp(Math.Round(v, decimals), _minimum, _maximum);
                    values[r] = v;
                }
                return new NumericColumn(Metadata.Name, values);
        }
    }

    /// <summary>Writes <c>{ name, kind, missingRate, minimum?, maximum? (numbers or ticks), categories?, observed? }</c>.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteString("kind", _kind);
        writer.WriteNumber("missingRate", _missingRate);
        switch (_kind)
        {
            case "numerical":
                writer.WriteNumber("minimum", _minimum);
                writer.WriteNumber("maximum", _maximum);
                break;
            case "datetime":
                writer.WriteNumber("minimum", _firstTick);
                writer.WriteNumber("maximum", _lastTick);
                break;
            default:
                writer.WriteStartArray("categories");
                foreach (string category in _categories) writer.WriteStringValue(category);
                writer.WriteEndArray();
                writer.WriteStartArray("observed");
                foreach (int code in _observed) writer.WriteNumberValue(code);
                writer.WriteEndArray();
                break;
        }
        writer.WriteEndObject();
    }

    public static UniformColumn Read(ColumnMetadata metadata, JsonElement element)
    {
        string name = ModelJson.String(element, "name");
        if (name != metadata.Name)
            throw new ModelFormatException($"The model's uniform column is named '{name}' but its metadata says '{metadata.Name}'.");
        double missingRate = ModelJson.Double(element, "missingRate");
        return ModelJson.String(element, "kind") switch
        {
            "numerical" => new UniformColumn(metadata, "numerical", missingRate, ModelJson.Double(element, "minimum"), ModelJson.Double(element, "maximum"), 0, 0, [], []),
            "datetime" => new UniformColumn(metadata, "datetime", missingRate, 0, 0, ModelJson.Long(element, "minimum"), ModelJson.Long(element, "maximum"), [], []),
            "categorical" => new UniformColumn(metadata, "categorical", missingRate, 0, 0, 0, 0,
                [.. ModelJson.Array(element, "observed").Select(e => e.TryGetInt32(out int c) ? c : -1)],
                [.. ModelJson.Array(element, "categories").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new ModelFormatException($"Column '{name}' has a category that is not a string."))]),
            string kind => throw new ModelFormatException($"Column '{name}' has unknown kind '{kind}' in the model file."),
        };
    }
}
