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
        int valueDimension, int missingDimension, double minimum, double maximum, double step, double valueScoreVariance)
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
            variances.Add(valueScoreVariance);
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
        double valueScoreVariance = 1.0;
        int valueDimension = -1;
        double minimum = double.NaN, maximum = double.NaN;
        if (present.Length > 0)
        {
            bool isInteger = metadata.Type == ColumnType.DateTime || metadata.Subtype == NumericalSubtype.Integer;
            var options = new MarginalFitOptions { Requested = distribution, IsInteger = isInteger, EmpiricalThreshold = empiricalThreshold };
            marginal = MarginalFitter.Fit(present, options).Marginal;
            valueScoreVariance = ValueScoreVariance(marginal, present);
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
        return new NumericCopulaColumn(metadata, marginal, missing, valueDimension, missingDimension, minimum, maximum, step, valueScoreVariance);
    }

    /// <summary>
    /// The share of the value score's variance the value explains. An atom (a value many rows share, such as
    /// the zeros of a mostly-zero column) is encoded at a random score inside its probability interval, which
    /// loses that interval's own variance; continuous parts lose nothing: 1 − Σ over atoms of mass × variance.
    /// </summary>
    private static double ValueScoreVariance(Marginal marginal, double[] present)
    {
        double[] sorted = [.. present];
        Array.Sort(sorted);
        double lost = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i] == sorted[i - 1]) continue;
            double upper = marginal.Cdf(sorted[i]), lower = marginal.CdfBelow(sorted[i]);
            if (upper - lower > 1e-12)
                lost += (upper - lower) * StandardNormal.TruncatedVariance(StandardNormal.Quantile(lower), StandardNormal.Quantile(upper));
        }
        return Math.Clamp(1 - lost, 1e-6, 1.0);
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
        return FromValues(Metadata, values);
    }

    /// <summary>A numerical column of <paramref name="values"/>, or for a datetime column the values as seconds turned back into ticks (NaN is missing).</summary>
    internal static Column FromValues(ColumnMetadata metadata, double[] values)
    {
        if (metadata.Type != ColumnType.DateTime) return new NumericColumn(metadata.Name, values);
        var ticks = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
            ticks[i] = double.IsNaN(values[i]) ? DateTimeColumn.Missing : (long)Math.Round(values[i] * TimeSpan.TicksPerSecond);
        return new DateTimeColumn(metadata.Name, ticks);
    }

    public IReadOnlyList<(int Dimension, double Lower, double Upper)> ConditionIntervals(Condition condition)
    {
        (double low, double high) = Bounds([condition]);
        if (_marginal is null)
            throw new InfeasibleRequestException($"Condition {condition}: column '{Metadata.Name}' has no values in the data, so no row can meet it.");
        // x ≥ low and x ≤ high on the value scale; an atom exactly at a bound belongs to the interval.
        double lowerZ = double.IsNegativeInfinity(low) ? double.NegativeInfinity : StandardNormal.Quantile(_marginal.CdfBelow(low));
        double upperZ = double.IsPositiveInfinity(high) ? double.PositiveInfinity : StandardNormal.Quantile(_marginal.Cdf(high));
        if (!(StandardNormal.Cdf(upperZ) - StandardNormal.Cdf(lowerZ) > 1e-12) || low > high)
            throw new InfeasibleRequestException($"Condition {condition}: the model learned values of '{Metadata.Name}' between {Describe(_minimum)} and {Describe(_maximum)}, so no row can meet it.");
        var intervals = new List<(int, double, double)> { (_valueDimension, lowerZ, upperZ) };
        if (_missingDimension >= 0 && _missing!.IntervalOf(PresentCode) is { } present)
            intervals.Add((_missingDimension, present.Lower, present.Upper));
        return intervals;
    }

    /// <summary>
    /// The value-scale range [low, high] that rows meeting every condition fall in, before rounding: for a column
    /// on a grid (integers, fixed decimals, whole days) the bounds sit half a step outside the allowed grid values,
    /// so rounding can never leave the range; for a continuous column they are the bounds themselves.
    /// </summary>
    internal (double Low, double High) Bounds(IEnumerable<Condition> conditions)
    {
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        double step = _step > 0 ? _step : Metadata.Decimals is int decimals && decimals <= 15 ? Math.Pow(10, -decimals) : 0;
        foreach (Condition condition in conditions)
        {
            double v = ParseBound(condition);
            double half = step / 2 * (1 - 1e-9);
            switch (condition.Operator)
            {
                case ConditionOperator.GreaterOrEqual:
                    low = Math.Max(low, step > 0 ? Snap(v, step, Math.Ceiling) - half : v);
                    break;
                case ConditionOperator.Greater:
                    low = Math.Max(low, step > 0 ? Snap(v, step, Math.Floor) + step - half : Math.BitIncrement(v));
                    break;
                case ConditionOperator.LessOrEqual:
                    high = Math.Min(high, step > 0 ? Snap(v, step, Math.Floor) + half : v);
                    break;
                case ConditionOperator.Less:
                    high = Math.Min(high, step > 0 ? Snap(v, step, Math.Ceiling) - step + half : Math.BitDecrement(v));
                    break;
                default:
                    if (step <= 0)
                        throw new UsageException($"Condition {condition}: '{Metadata.Name}' takes continuous values, so equality cannot be met exactly; give a range such as {Metadata.Name}>={condition.Value}.");
                    if (Math.Abs(v / step - Math.Round(v / step)) > 1e-6)
                        throw new InfeasibleRequestException($"Condition {condition}: '{Metadata.Name}' takes values in steps of {Describe(step)}, so it never equals {condition.Value}.");
                    low = Math.Max(low, v - half);
                    high = Math.Min(high, v + half);
                    break;
            }
        }
        return (low, high);
    }

    /// <summary>Clamps decoded values into the conditions' range (the inverse CDF is accurate to ~1e-7, not exact).</summary>
    internal Column Enforce(Column decoded, (double Low, double High) bounds)
    {
        if (decoded is NumericColumn numeric)
        {
            double[] values = numeric.Values;
            for (int i = 0; i < values.Length; i++)
                if (!double.IsNaN(values[i])) values[i] = Round(Math.Clamp(values[i], bounds.Low, bounds.High));
            return numeric;
        }
        var dates = (DateTimeColumn)decoded;
        long[] ticks = dates.Ticks;
        for (int i = 0; i < ticks.Length; i++)
        {
            if (ticks[i] == DateTimeColumn.Missing) continue;
            double seconds = Round(Math.Clamp(ticks[i] / (double)TimeSpan.TicksPerSecond, bounds.Low, bounds.High));
            ticks[i] = (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
        }
        return dates;
    }

    private static double Snap(double value, double step, Func<double, double> direction)
    {
        double steps = value / step;
        double nearest = Math.Round(steps);
        return (Math.Abs(steps - nearest) < 1e-9 ? nearest : direction(steps)) * step;
    }

    private double ParseBound(Condition condition)
    {
        if (!IsDateTime)
            return condition.Number ?? throw new UsageException($"Condition {condition}: '{Metadata.Name}' is numerical, so its value must be a number such as 60 or 2.5.");
        string text = condition.Value;
        if (Metadata.DateTimeFormat is { } format && DateTimeFormats.TryParse(text, format, out long ticks))
            return ticks / (double)TimeSpan.TicksPerSecond;
        if (DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out DateTime parsed))
            return parsed.Ticks / (double)TimeSpan.TicksPerSecond;
        throw new UsageException($"Condition {condition}: '{Metadata.Name}' is a datetime, so its value must be a date in the column's format ({Metadata.DateTimeFormat ?? "ISO 8601"}) or ISO 8601, e.g. 2024-01-31.");
    }

    private string Describe(double value)
    {
        if (!IsDateTime) return value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
        long ticks = (long)Math.Round(value * TimeSpan.TicksPerSecond);
        return Metadata.DateTimeFormat is { } format ? DateTimeFormats.Format(ticks, format) : new DateTime(ticks).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    private double Round(double value) => RoundToGrid(value, _step, Metadata.Decimals, _minimum, _maximum);

    /// <summary>A value on the column's grid (a step, else its decimals), clamped to [low, high].</summary>
    internal static double RoundToGrid(double value, double step, int? decimals, double low, double high)
    {
        if (step > 0) value = Math.Round(value / step) * step;
        else if (decimals is int places && places <= 15) value = Math.Round(value, places);
        return Math.Clamp(value, low, high);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteString("kind", IsDateTime ? "datetime" : "numerical");
        writer.WriteNumber("valueDimension", _valueDimension);
        writer.WriteNumber("missingDimension", _missingDimension);
        writer.WriteNumber("step", _step);
        writer.WriteNumber("scoreVariance", ScoreVariances.Count > 0 && _valueDimension >= 0 ? ScoreVariances[0] : 1.0);
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
        double scoreVariance = ModelJson.Double(element, "scoreVariance");
        if (!(scoreVariance > 0 && scoreVariance <= 1))
            throw new ModelFormatException($"Column '{metadata.Name}': scoreVariance must be in (0, 1]; the file has {scoreVariance}.");
        return new NumericCopulaColumn(metadata, marginal, missing, valueDimension, missingDimension, minimum, maximum, ModelJson.Double(element, "step"), scoreVariance);
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
