using System.Globalization;

namespace Doppel.Generation;

/// <summary>
/// One column's generator in the fluent API (made by <see cref="Generators"/>), refined with chained calls such as
/// <c>Generators.Normal(40, 12).Between(18, 90).Decimals(0).NullRate(0.05)</c>. Each call returns a new spec.
/// </summary>
public sealed class ColumnSpec
{
    private readonly MapNode _map;

    internal ColumnSpec(MapNode map) => _map = map;

    internal MapNode Node => _map;

    /// <summary>Sets any schema key of the column (as in YAML): <c>.With("format", "dd.MM.yyyy")</c>.</summary>
    public ColumnSpec With(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return new ColumnSpec(Copy().Set(key, value));
    }

    /// <summary>Sets a numeric schema key of the column.</summary>
    public ColumnSpec With(string key, double value) => With(key, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Constant bounds: every value lies in [min, max].</summary>
    public ColumnSpec Between(double min, double max) => With("min", min).With("max", max);

    /// <summary>Bounds that are dates or expressions over other columns (an inequality such as <c>min: "cost"</c>); null leaves a bound as it is.</summary>
    public ColumnSpec Between(string? min, string? max)
    {
        ColumnSpec spec = this;
        if (min is not null) spec = spec.With("min", min);
        if (max is not null) spec = spec.With("max", max);
        return spec;
    }

    /// <summary>Decimal places kept (0 makes whole numbers).</summary>
    public ColumnSpec Decimals(int decimals) => With("decimals", decimals);

    /// <summary>The share of rows left null, in [0, 1].</summary>
    public ColumnSpec NullRate(double rate) => With("null_rate", rate);

    /// <summary>Values distinct by construction.</summary>
    public ColumnSpec Unique() => With("unique", "true");

    /// <summary>The value only where the condition holds; elsewhere <paramref name="otherwise"/> (an expression) or null.</summary>
    public ColumnSpec When(string condition, string? otherwise = null)
    {
        ColumnSpec spec = With("when", condition);
        return otherwise is null ? spec : spec.With("else", otherwise);
    }

    /// <summary>The Bogus locale of this column's fake values.</summary>
    public ColumnSpec Locale(string locale) => With("locale", locale);

    private MapNode Copy()
    {
        var copy = new MapNode();
        foreach (var entry in _map.Entries) copy.Entries.Add(entry);
        return copy;
    }
}
