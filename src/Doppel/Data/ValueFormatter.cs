using System.Globalization;

namespace Doppel.Data;

/// <summary>
/// Writes typed columns back as text, the inverse of <see cref="TableBuilder"/>: integers as whole numbers,
/// floats rounded to their declared decimals in the shortest form that reads back exactly, datetimes in
/// their column's format, missing values as null. Stateless and thread-safe.
/// </summary>
public static class ValueFormatter
{
    /// <summary>The format used for a datetime column whose metadata declares none.</summary>
    public const string DefaultDateTimeFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFF";

    /// <summary>One string per row (null when missing) for a column described by <paramref name="metadata"/>.</summary>
    public static string?[] FormatColumn(Column column, ColumnMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(metadata);
        return column switch
        {
            NumericColumn numeric => FormatNumeric(numeric.Values, metadata),
            CategoricalColumn categorical => FormatCategorical(categorical),
            DateTimeColumn dateTime => FormatDateTime(dateTime.Ticks, metadata.DateTimeFormat ?? DefaultDateTimeFormat),
            TextColumn text => (string?[])text.Values.Clone(),
            _ => throw new ArgumentException($"Column '{column.Name}' has an unknown storage kind {column.Kind}.", nameof(column)),
        };
    }

    /// <summary>The cells of every metadata column, in metadata order (one array per column, one string per row).</summary>
    public static string?[][] FormatTable(Table table, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        var result = new string?[metadata.Columns.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            ColumnMetadata column = metadata.Columns[i];
            if (!table.TryGetColumn(column.Name, out Column? data))
                throw new ArgumentException($"The table has no column '{column.Name}' that the metadata describes. Table columns: {string.Join(", ", table.ColumnNames)}.", nameof(table));
            result[i] = FormatColumn(data, column);
        }
        return result;
    }

    /// <summary>One number as written in a column of this metadata; null for NaN.</summary>
    public static string? FormatNumber(double value, ColumnMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Span<char> buffer = stackalloc char[64];
        return FormatNumber(value, metadata.Subtype == NumericalSubtype.Integer ? 0 : metadata.Decimals, buffer);
    }

    private static string?[] FormatNumeric(double[] values, ColumnMetadata metadata)
    {
        int? decimals = metadata.Subtype == NumericalSubtype.Integer ? 0 : metadata.Decimals;
        var result = new string?[values.Length];
        Span<char> buffer = stackalloc char[64];
        for (int i = 0; i < values.Length; i++) result[i] = FormatNumber(values[i], decimals, buffer);
        return result;
    }

    private static string? FormatNumber(double value, int? decimals, Span<char> buffer)
    {
        if (double.IsNaN(value)) return null;
        if (TryWriteNumber(value, decimals, buffer, out int written)) return new string(buffer[..written]);
        var inv = CultureInfo.InvariantCulture;
        if (decimals is not int d) return value.ToString(inv);
        d = Math.Clamp(d, 0, MetadataValidator.MaxDecimals);
        value = Math.Round(value, d, MidpointRounding.AwayFromZero);
        return TrimFraction(value.ToString("F" + d.ToString(inv), inv));
    }

    /// <summary>
    /// Writes a number (not NaN) as <see cref="FormatNumber(double, ColumnMetadata)"/> would, into <paramref name="buffer"/>;
    /// false when the buffer is too short (the caller then formats to a string).
    /// </summary>
    internal static bool TryWriteNumber(double value, int? decimals, Span<char> buffer, out int written)
    {
        var inv = CultureInfo.InvariantCulture;
        if (decimals is int d)
        {
            d = Math.Clamp(d, 0, MetadataValidator.MaxDecimals);
            value = Math.Round(value, d, MidpointRounding.AwayFromZero);
            if (value == 0) value = 0; // no "-0"
            if (d == 0 && Math.Abs(value) < 9e18) return ((long)value).TryFormat(buffer, out written, default, inv);
            if (TryWriteScaled(value, d, buffer, out written)) return true;
            if (value.TryFormat(buffer, out written, default, inv) && buffer[..written].IndexOf('E') < 0) return true;
            // Very small or large numbers: fixed notation reads better in a file and still reads back exactly.
            Span<char> format = stackalloc char[3];
            format[0] = 'F';
            d.TryFormat(format[1..], out int digits, default, inv);
            if (!value.TryFormat(buffer, out written, format[..(1 + digits)], inv)) return false;
            if (buffer[..written].IndexOf('.') >= 0)
            {
                while (buffer[written - 1] == '0') written--;
                if (buffer[written - 1] == '.') written--;
            }
            return true;
        }
        return value.TryFormat(buffer, out written, default, inv);
    }

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>
    /// A value already rounded to d decimals, written from its scaled integer: the same text as the shortest round-trip
    /// form (then trimmed), because below 10¹⁵ scaled units the double's rounding interval is narrower than 10⁻ᵈ and holds
    /// no shorter decimal. False outside that range.
    /// </summary>
    private static bool TryWriteScaled(double value, int d, Span<char> buffer, out int written)
    {
        written = 0;
        if (d >= PowersOfTen.Length) return false;
        long power = PowersOfTen[d];
        double scaled = Math.Abs(value) * power;
        if (!(scaled < 1e15) || buffer.Length < 24) return false;
        long units = (long)Math.Round(scaled);
        long whole = units / power, fraction = units % power;
        if (value < 0 && units != 0) buffer[written++] = '-';
        whole.TryFormat(buffer[written..], out int digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (fraction == 0) return true;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            d--;
        }
        buffer[written++] = '.';
        for (int i = d - 1; i >= 0; i--)
        {
            buffer[written + i] = (char)('0' + fraction % 10);
            fraction /= 10;
        }
        written += d;
        return true;
    }

    private static string TrimFraction(string text)
    {
        if (text.IndexOf('.') < 0) return text;
        return text.TrimEnd('0').TrimEnd('.');
    }

    private static string?[] FormatCategorical(CategoricalColumn column)
    {
        int[] codes = column.Codes;
        string[] categories = column.Categories;
        var result = new string?[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            int code = codes[i];
            result[i] = (uint)code < (uint)categories.Length ? categories[code] : null;
        }
        return result;
    }

    private static string?[] FormatDateTime(long[] ticks, string format)
    {
        var compiled = DateTimeFormats.Compile(format);
        var result = new string?[ticks.Length];
        Span<char> buffer = stackalloc char[128];
        for (int i = 0; i < ticks.Length; i++)
        {
            long value = ticks[i];
            if (value == DateTimeColumn.Missing) continue;
            result[i] = compiled.TryFormat(value, buffer, out int written) ? new string(buffer[..written]) : compiled.Format(value);
        }
        return result;
    }
}
