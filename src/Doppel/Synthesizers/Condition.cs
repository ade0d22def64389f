using System.Globalization;

namespace Doppel.Synthesizers;

/// <summary>How a condition compares a column with its value.</summary>
public enum ConditionOperator
{
    /// <summary><c>column=value</c>: categorical, boolean, or a number on a whole step (an integer, a fixed number of decimals).</summary>
    Equal,

    /// <summary><c>column&lt;value</c> (numerical columns).</summary>
    Less,

    /// <summary><c>column&lt;=value</c> (numerical columns).</summary>
    LessOrEqual,

    /// <summary><c>column&gt;value</c> (numerical columns).</summary>
    Greater,

    /// <summary><c>column&gt;=value</c> (numerical columns).</summary>
    GreaterOrEqual,
}

/// <summary>A condition on one column that every sampled row meets: equality, or a bound on a number.</summary>
public sealed record Condition
{
    /// <summary>An equality condition: every sampled row holds <paramref name="value"/> in <paramref name="column"/>.</summary>
    public Condition(string column, string value) : this(column, ConditionOperator.Equal, value)
    {
    }

    public Condition(string column, ConditionOperator op, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        ArgumentNullException.ThrowIfNull(value);
        if (!Enum.IsDefined(op)) throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown condition operator.");
        Column = column;
        Operator = op;
        Value = value;
    }

    /// <summary>The conditioned column.</summary>
    public string Column { get; }

    /// <summary>How the column is compared with <see cref="Value"/>.</summary>
    public ConditionOperator Operator { get; }

    /// <summary>The value (equality) or the bound (comparisons), as text.</summary>
    public string Value { get; }

    /// <summary>True for the comparisons (&lt;, &lt;=, &gt;, &gt;=).</summary>
    public bool IsRange => Operator != ConditionOperator.Equal;

    /// <summary>The value as a number, or null when it is not one.</summary>
    public double? Number => double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number) ? number : null;

    /// <summary>
    /// Parses <c>column=value</c>, <c>column&gt;=60</c>, <c>column&lt;2.5</c> and so on, as given on the command line.
    /// The first comparison character ends the column name, so <c>income='&gt;50K'</c> is an equality on "&gt;50K";
    /// quotes around the value are removed.
    /// </summary>
    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = text.IndexOfAny(['=', '<', '>']);
        if (at <= 0)
            throw new UsageException($"Condition \"{text}\" is not of the form column=value or column>=number (e.g. --condition income='>50K' or --condition \"age>=60\").");
        ConditionOperator op;
        int length = 1;
        bool orEqual = at + 1 < text.Length && text[at + 1] == '=';
        switch (text[at])
        {
            case '<': op = orEqual ? ConditionOperator.LessOrEqual : ConditionOperator.Less; length = orEqual ? 2 : 1; break;
            case '>': op = orEqual ? ConditionOperator.GreaterOrEqual : ConditionOperator.Greater; length = orEqual ? 2 : 1; break;
            default: op = ConditionOperator.Equal; break;
        }
        string column = text[..at].Trim();
        string value = text[(at + length)..].Trim();
        if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0])
            value = value[1..^1];
        if (column.Length == 0) throw new UsageException($"Condition \"{text}\" names no column.");
        return new Condition(column, op, value);
    }

    /// <summary>The operator as written: =, &lt;, &lt;=, &gt;, &gt;=.</summary>
    public static string Symbol(ConditionOperator op) => op switch
    {
        ConditionOperator.Less => "<",
        ConditionOperator.LessOrEqual => "<=",
        ConditionOperator.Greater => ">",
        ConditionOperator.GreaterOrEqual => ">=",
        _ => "=",
    };

    public override string ToString() => $"{Column}{Symbol(Operator)}{Value}";
}
