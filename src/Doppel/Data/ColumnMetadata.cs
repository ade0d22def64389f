namespace Doppel.Data;

/// <summary>What one column means and how it is written. Immutable; change it with <c>with</c>.</summary>
public sealed record ColumnMetadata
{
    public ColumnMetadata(string name, ColumnType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
    }

    /// <summary>The column's name in the data.</summary>
    public string Name { get; init; }

    /// <summary>What the column means.</summary>
    public ColumnType Type { get; init; }

    /// <summary>Numerical only: integer or float.</summary>
    public NumericalSubtype? Subtype { get; init; }

    /// <summary>Numerical only: decimal places to write (null keeps full precision).</summary>
    public int? Decimals { get; init; }

    /// <summary>Numerical only: smallest value seen (a learned bound, enforced when sampling).</summary>
    public double? Minimum { get; init; }

    /// <summary>Numerical only: largest value seen (a learned bound, enforced when sampling).</summary>
    public double? Maximum { get; init; }

    /// <summary>DateTime only: a .NET custom format string, or <c>unix-seconds</c> / <c>unix-milliseconds</c>.</summary>
    public string? DateTimeFormat { get; init; }

    /// <summary>Pii only: which kind of personal data.</summary>
    public PiiKind? Pii { get; init; }

    /// <summary>Id, Pii and Text: the shape of the values, '#' a digit, 'A' an upper-case letter, 'a' a lower-case letter, other characters literal (e.g. "(###) ###-####"); null when values have no single shape.</summary>
    public string? Pattern { get; init; }

    /// <summary>Numerical and datetime only: a marginal the user forces for this column (null = use the synthesizer default).</summary>
    public Distribution? Distribution { get; init; }

    /// <summary>
    /// Categorical and boolean only: the column's public list of values, declared by whoever knows the domain (not
    /// read from the data). Differentially private fits take the category names from it rather than from the rows,
    /// so the names are not data the guarantee must cover; a value outside it counts as missing there. Other fits
    /// ignore it. Null: not declared.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Equal when every property is (the declared categories compared value by value, in order).</summary>
    public bool Equals(ColumnMetadata? other) =>
        other is not null && Name == other.Name && Type == other.Type && Subtype == other.Subtype && Decimals == other.Decimals
        && Minimum == other.Minimum && Maximum == other.Maximum && DateTimeFormat == other.DateTimeFormat && Pii == other.Pii
        && Pattern == other.Pattern && Distribution == other.Distribution
        && (Categories is null ? other.Categories is null : other.Categories is not null && Categories.SequenceEqual(other.Categories, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Name, Type, Subtype, Minimum, Maximum, DateTimeFormat, Pii, Categories?.Count);

    /// <summary>True for the types a synthesizer learns; ids, PII and text are regenerated instead.</summary>
    public bool IsLearned => Type is ColumnType.Numerical or ColumnType.Categorical or ColumnType.Boolean or ColumnType.DateTime;
}
