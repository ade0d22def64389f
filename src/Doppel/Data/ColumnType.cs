namespace Doppel.Data;

/// <summary>What a column means, which decides how a synthesizer treats it.</summary>
public enum ColumnType
{
    /// <summary>Numbers, integer or float, with bounds learned from the data.</summary>
    Numerical,
    /// <summary>A finite set of labels.</summary>
    Categorical,
    /// <summary>Two values such as true/false, yes/no, Y/N or 0/1.</summary>
    Boolean,
    /// <summary>Dates or timestamps in a detected format.</summary>
    DateTime,
    /// <summary>A key: unique per row, regenerated unique, never learned.</summary>
    Id,
    /// <summary>Personal data (see <see cref="PiiKind"/>): regenerated as fake values of the same kind, never learned.</summary>
    Pii,
    /// <summary>Free text or high-cardinality strings: regenerated in the same shape, never learned value by value.</summary>
    Text,
}

/// <summary>Whether a numerical column holds whole numbers.</summary>
public enum NumericalSubtype
{
    Integer,
    Float,
}

/// <summary>The kind of personal data in a <see cref="ColumnType.Pii"/> column.</summary>
public enum PiiKind
{
    Email,
    Phone,
    PersonName,
    FirstName,
    LastName,
    StreetAddress,
    PostalCode,
    IPv4,
    IPv6,
    CreditCard,
    Iban,
    Ssn,
    Url,
}

/// <summary>A marginal distribution family for numerical and datetime columns in the Gaussian copula.</summary>
public enum Distribution
{
    /// <summary>Chosen by goodness of fit.</summary>
    Auto,
    Normal,
    TruncatedNormal,
    Beta,
    Gamma,
    LogNormal,
    Uniform,
    /// <summary>The smoothed empirical distribution of the observed values.</summary>
    Empirical,
}
