using System.Globalization;

namespace Doppel.Generation;

/// <summary>The column generators of the fluent API; each matches a schema <c>type</c> (see docs/generation.md).</summary>
public static class Generators
{
    private static ColumnSpec Of(string type) => new(new MapNode().Set("type", type));

    /// <summary>A generator by schema type name with no parameters (e.g. "city", "uuid", "job_title").</summary>
    public static ColumnSpec Type(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return Of(type);
    }

    /// <summary>A computed column: an expression over the row's other columns, e.g. <c>price * quantity</c>.</summary>
    public static ColumnSpec Expression(string expression) => new(new MapNode().Set("expression", expression));

    /// <summary>start, start + step, …: unique by construction.</summary>
    public static ColumnSpec Sequence(long start = 1, long step = 1) => Of("sequence").With("start", start).With("step", step);

    /// <summary>Random-looking UUIDs, distinct by construction.</summary>
    public static ColumnSpec Uuid() => Of("uuid");

    /// <summary>Uniform on [min, max]; <paramref name="integer"/> draws whole numbers.</summary>
    public static ColumnSpec Uniform(double min, double max, bool integer = false)
    {
        ColumnSpec spec = Of("uniform").Between(min, max);
        return integer ? spec.With("integer", "true") : spec;
    }

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public static ColumnSpec Normal(double mean, double sd) => Of("normal").With("mean", mean).With("sd", sd);

    /// <summary>Lognormal: exp of a normal with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/>.</summary>
    public static ColumnSpec LogNormal(double mu, double sigma) => Of("lognormal").With("mu", mu).With("sigma", sigma);

    /// <summary>Exponential with the given mean.</summary>
    public static ColumnSpec Exponential(double mean) => Of("exponential").With("mean", mean);

    /// <summary>Poisson counts with the given mean.</summary>
    public static ColumnSpec Poisson(double mean) => Of("poisson").With("mean", mean);

    /// <summary>Zipf ranks 1 … n with exponent s.</summary>
    public static ColumnSpec Zipf(int n, double s = 1) => Of("zipf").With("n", n).With("s", s);

    /// <summary>Values with weights, e.g. <c>Categorical(("DE", 3), ("FR", 1))</c>.</summary>
    public static ColumnSpec Categorical(params (string Value, double Weight)[] values)
    {
        var map = new MapNode();
        foreach (var (value, weight) in values) map.Set(value, weight);
        return new ColumnSpec(new MapNode().Set("type", "categorical").Set("values", map));
    }

    /// <summary>true with probability p.</summary>
    public static ColumnSpec Boolean(double p = 0.5) => Of("boolean").With("p", p);

    /// <summary>Dates (whole days) in [min, max] (yyyy-MM-dd).</summary>
    public static ColumnSpec Date(string min, string max) => Of("date").Between(min, max);

    /// <summary>Timestamps (whole seconds) in [min, max].</summary>
    public static ColumnSpec DateTime(string min, string max) => Of("datetime").Between(min, max);

    /// <summary>Strings of a shape: '#' digit, 'A' upper-case letter, 'a' lower-case letter, others literal.</summary>
    public static ColumnSpec Pattern(string pattern) => Of("pattern").With("pattern", pattern);

    /// <summary>Strings shaped by a regular expression (a generating subset: classes, groups, alternation, quantifiers).</summary>
    public static ColumnSpec Regex(string regex) => Of("regex").With("regex", regex);

    /// <summary>A fake value from Bogus's locale datasets: first_name, last_name, full_name, email, username, phone, street_address, city, state, postal_code, country, company, job_title, iban, credit_card, ssn, ipv4, ipv6, url, lorem.</summary>
    public static ColumnSpec Fake(string type) => Type(type);

    /// <summary>A foreign key to <paramref name="table"/>'s key column: a uniformly drawn parent row.</summary>
    public static ColumnSpec Reference(string table, string? column = null)
    {
        ColumnSpec spec = Of("reference").With("table", table);
        return column is null ? spec : spec.With("column", column);
    }

    /// <summary>A foreign key generating this table per parent row, with a child count drawn from <paramref name="children"/> (e.g. Poisson(3)).</summary>
    public static ColumnSpec ReferencePerParent(string table, ColumnSpec children, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(children);
        MapNode map = Reference(table, column).Node;
        map.Set("children", children.Node);
        return new ColumnSpec(map);
    }

    /// <summary>A foreign key generating exactly <paramref name="children"/> rows per parent row.</summary>
    public static ColumnSpec ReferencePerParent(string table, int children, string? column = null) =>
        Reference(table, column).With("children", children.ToString(CultureInfo.InvariantCulture));
}
