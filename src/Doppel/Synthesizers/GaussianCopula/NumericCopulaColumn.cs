using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Randomness;
using Doppel.Statistics;
using Doppel.Transforms;

namespace Doppel.Synthesizers.GaussianCopula;

/// <summary>
/// A numerical or datetime column: a fitted marginal maps values to normal scores; when the column has
/// missing values, a second dimension carries a missingness indicator so missingness keeps its correlations.
/// Datetimes are modelled as seconds and rounded back to the finest unit the data used (day, second, millisecond).
/// </summary>
internal sealed class NumericCopulaColumn : ICopulaColumn
{
    private const int PresentCode = 0;

    private readonly Marginal? _marginal;
    private readonly NormalScoreTransform? _transform;
    private readonly CategoryIntervalEncoder? _missing;
    private readonly int _valueDimension;
    private readonly int _missingDimension;
    private readonly double _minimum;
    private readonly double _maximum;
    private readonly double _step;

    private NumericCopulaColumn(ColumnMetadata metadata, Marginal? marginal, CategoryIntervalEncoder? missing,
        int valueDimension, int missingDimension, double minimum, double maximum, double step)
    {
        Metadata = metadata;
        _marginal = marginal;
        _transform = marginal is null ? null : new NormalScoreTransform(marginal);
        _missing = missing;
        _valueDimension = valueDimension;
        _missingDimension = missingDimension;
        _minimum = minimum;
        _maximum = maximum;
        _step = step;
        var dimensions = new List<int>();
        var variances = new List<double>();
        if (valueDimension >= 0)
        {
            dimensions.Add(valueDimension);
            variances.Add(1.0);
        }
        if (missingDimension >= 0)
        {
            dimensions.Add(missingDimension);
            variances.Add(missing!.ScoreVariance);
        }
        Dimensions = dimensions;
        ScoreVariances = variances;
    }

    public ColumnMetadata Metadata { get; }
    public IReadOnlyList<int> Dimensions { get; }
    public IReadOnlyList<double> ScoreVariances { get; }

    /// <summary>The fitted marginal (null when the column is entirely missing).</summary>
    public Marginal? Marginal => _marginal;

    private bool IsDateTime => Metadata.Type == ColumnType.DateTime;

    /// <summary>Fits the marginal and, when values are missing, the missingness indicator. Dimensions are taken from <paramref name="nextDimension"/>.</summary>
    public static NumericCopulaColumn Fit(ColumnMetadata metadata, Column column, Distribution distribution, double empiricalThreshold, ref int nextDimension)
    {
        double[] values = ToValues(column);
        double[] present = [.. values.Where(v => !double.IsNaN(v))];
        int missingCount = values.Length - present.Length;
        double step = metadata.Type == ColumnType.DateTime ? DateTimeStep(column) : NumericStep(metadata);

        Marginal? marginal = null;
        int valueDimension = -1;
        double minimum = double.NaN, maximum = double.NaN;
        if (present.Length > 0)
        {
            bool isInteger = metadata.Type == ColumnType.DateTime || metadata.Subtype == NumericalSubtype.Integer;
            var options = new MarginalFitOptions { Requested = distribution, IsInteger = isInteger, EmpiricalThreshold = empiricalThreshold };
            marginal = MarginalFitter.Fit(present, options).Marginal;
            minimum = present.Min();
            maximum = present.Max();
            valueDimension = nextDimension++;
        }

        CategoryIntervalEncoder? missing = null;
        int missingDimension = -1;
        if (missingCount > 0 && present.Length > 0)
        {
            var indicator = new int[values.Length];
            for (int i = 0; i < values.Length; i++) indicator[i] = double.IsNaN(values[i]) ? -1 : PresentCode;
            missing = CategoryIntervalEncoder.Fit(indicator, 1);
            missingDimension = nextDimension++;
        }
        return new NumericCopulaColumn(metadata, marginal, missing, valueDimension, missingDimension, minimum, maximum, step);
    }

    public void Encode(Column column, double[][] scores, Rng rng)
    {
        double[] values = ToValues(column);
        if (_valueDimension >= 0)
        {
            double[] target = scores[_valueDimension];
            for (int i = 0; i < values.Length; i++)
                target[i] = double.IsNaN(values[i]) ? double.NaN : _transform!.ToNormal(values[i], rng);
        }
        if (_missingDimension >= 0)
        {
            double[] target = scores[_missingDimension];
            for (int i = 0; i < values.Length; i++)
                target[i] = _missing!.Encode(double.IsNaN(values[i]) ? -1 : PresentCode, rng);
        }
    }

    public Column Decode(double[][] scores, int rows)
    {
        var values = new double[rows];
        if (_valueDimension < 0)
        {
            Array.Fill(values, double.NaN);
        }
        else
        {
            _transform!.FromNormal(scores[_valueDimension].AsSpan(0, rows), values);
            for (int i = 0; i < rows; i++) values[i] = Round(values[i]);
            if (_missingDimension >= 0)
            {
                double[] indicator = scores[_missingDimension];
                for (int i = 0; i < rows; i++)
                    if (_missing!.Decode(indicator[i]) < 0) values[i] = double.NaN;
            }
        }
        if (!IsDateTime) return new NumericColumn(Metadata.Name, values);
        var ticks = new long[rows];
        for (int i = 0; i < rows; i++)
            ticks[i] = double.IsNaN(values[i]) ? DateTimeColumn.Missing : (long)Math.Round(values[i] * TimeSpan.TicksPerSecond);
        return new DateTimeColumn(Metadata.Name, ticks);
    }

    public (int Dimension, double Lower, double Upper) ConditionInterval(Condition condition) =>
        throw new UsageException($"Condition {condition}: column '{Metadata.Name}' is {Metadata.Type.ToString().ToLowerInvariant()}; conditions on values are supported for categorical and boolean columns.");

    private double Round(double value)
    {
        if (_step > 0) value = Math.Round(value / _step) * _step;
        else if (Metadata.Decimals is int decimals && decimals <= 15) value = Math.Round(value, decimals);
        return Math.Clamp(value, _minimum, _maximum);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteString("kind", IsDateTime ? "datetime" : "numerical");
        writer.WriteNumber("valueDimension", _valueDimension);
        writer.WriteNumber("missingDimension", _missingDimension);
        writer.WriteNumber("step", _step);
        if (_marginal is not null)
        {
            writer.WriteNumber("minimum", _minimum);
            writer.WriteNumber("maximum", _maximum);
            writer.WriteString("family", DistributionNames.ToName(_marginal.Family));
            writer.WriteStartArray("parameters");
            foreach (double p in _marginal.Parameters) writer.WriteNumberValue(p);
            writer.WriteEndArray();
        }
        if (_missing is not null)
        {
            writer.WriteStartArray("missingOrder");
            foreach (int code in _missing.Codes) writer.WriteNumberValue(code);
            writer.WriteEndArray();
            writer.WriteStartArray("missingProbabilities");
            foreach (double p in _missing.Probabilities) writer.WriteNumberValue(p);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    public static NumericCopulaColumn Read(ColumnMetadata metadata, JsonElement element)
    {
        int valueDimension = ModelJson.Int(element, "valueDimension");
        int missingDimension = ModelJson.Int(element, "missingDimension");
        Marginal? marginal = null;
        double minimum = double.NaN, maximum = double.NaN;
        if (valueDimension >= 0)
        {
            Distribution family = DistributionNames.Parse(ModelJson.String(element, "family"))
                ?? throw new ModelFormatException($"Column '{metadata.Name}': unknown distribution family '{ModelJson.String(element, "family")}'.");
            marginal = Marginal.FromParameters(family, ModelJson.Doubles(element, "parameters"));
            minimum = ModelJson.Double(element, "minimum");
            maximum = ModelJson.Double(element, "maximum");
        }
        CategoryIntervalEncoder? missing = missingDimension < 0 ? null : CategoryIntervalEncoder.FromParameters(
            [.. ModelJson.Array(element, "missingOrder").Select(e => e.GetInt32())],
            ModelJson.Doubles(element, "missingProbabilities"));
        return new NumericCopulaColumn(metadata, marginal, missing, valueDimension, missingDimension, minimum, maximum, ModelJson.Double(element, "step"));
    }

    internal static double[] ToValues(Column column)
    {
        if (column is NumericColumn numeric) return numeric.Values;
        long[] ticks = ((DateTimeColumn)column).Ticks;
        var seconds = new double[ticks.Length];
        for (int i = 0; i < ticks.Length; i++)
            seconds[i] = ticks[i] == DateTimeColumn.Missing ? double.NaN : ticks[i] / (double)TimeSpan.TicksPerSecond;
        return seconds;
    }

    internal static double NumericStep(ColumnMetadata metadata) =>
        metadata.Subtype == NumericalSubtype.Integer ? 1.0 : 0.0;

    /// <summary>The coarsest of day, second and millisecond that divides every value, in seconds (0 = keep ticks).</summary>
    internal static double DateTimeStep(Column column)
    {
        long[] ticks = ((DateTimeColumn)column).Ticks;
        bool days = true, seconds = true, milliseconds = true;
        foreach (long t in ticks)
        {
            if (t == DateTimeColumn.Missing) continue;
            days &= t % TimeSpan.TicksPerDay == 0;
            seconds &= t % TimeSpan.TicksPerSecond == 0;
            milliseconds &= t % TimeSpan.TicksPerMillisecond == 0;
            if (!milliseconds) break;
        }
        return days ? 86400.0 : seconds ? 1.0 : milliseconds ? 0.001 : 0.0;
    }
}
