namespace Doppel.IO;

/// <summary>How a column's values are stored in a database table; each database connector maps the kinds to its own SQL types.</summary>
public enum DatabaseValueKind
{
    /// <summary>64-bit whole numbers (numerical columns of subtype integer).</summary>
    Integer,
    /// <summary>Double-precision numbers, rounded to the column's declared decimals.</summary>
    Real,
    /// <summary>Text: categories, ids, PII, free text, or datetimes written in <see cref="DatabaseColumn.TextFormat"/>.</summary>
    Text,
    /// <summary>True/false, read from the category text (true/false, yes/no, y/n, t/f, 1/0, on/off).</summary>
    Boolean,
    /// <summary>A calendar date (the column's format has no time of day).</summary>
    Date,
    /// <summary>A date and time without a time zone (the column's format has no offset).</summary>
    Timestamp,
    /// <summary>An instant in UTC (the column's format has an offset, or is unix-seconds / unix-milliseconds).</summary>
    TimestampUtc,
}
