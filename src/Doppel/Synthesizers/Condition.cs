namespace Doppel.Synthesizers;

/// <summary>A condition on one column: every sampled row has <see cref="Value"/> there (categorical and boolean columns).</summary>
public sealed record Condition
{
    public Condition(string column, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        ArgumentNullException.ThrowIfNull(value);
        Column = column;
        Value = value;
    }

    /// <summary>The conditioned column.</summary>
    public string Column { get; }

    /// <summary>The value every sampled row holds in that column.</summary>
    public string Value { get; }

    /// <summary>Parses <c>column=value</c> (quotes around the value are removed), as given on the command line.</summary>
    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=');
        if (equals <= 0)
            throw new UsageException($"Condition \"{text}\" is not of the form column=value (e.g. --condition income='>50K').");
        string column = text[..equals].Trim();
        string value = text[(equals + 1)..].Trim();
        if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0])
            value = value[1..^1];
        return new Condition(column, value);
    }

    public override string ToString() => $"{Column}={Value}";
}
