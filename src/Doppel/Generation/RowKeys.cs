using System.Globalization;

namespace Doppel.Generation;

/// <summary>
/// A key column whose value at a row is a pure function of the row index, so a child table can compute its
/// parent's key for any parent row without the parent table in memory.
/// </summary>
internal interface IRowKey
{
    ValueKind Kind { get; }

    double NumberAt(long row);

    string TextAt(long row);
}

/// <summary>start, start + step, start + 2·step, …</summary>
internal sealed class SequenceKey(double start, double step) : IRowKey
{
    public ValueKind Kind => ValueKind.Number;
    public double NumberAt(long row) => start + step * row;
    public string TextAt(long row) => NumberAt(row).ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Random-looking version-4 UUIDs that are distinct by construction: 64 of their bits are a bijection of the row index.</summary>
internal sealed class UuidKey(ulong key) : IRowKey
{
    public ValueKind Kind => ValueKind.Text;
    public double NumberAt(long row) => throw new InvalidOperationException("A UUID is text.");

    public string TextAt(long row)
    {
        ulong unique = RowHash.Mix((ulong)row ^ key);              // a bijection of the row
        ulong noise = RowHash.Mix((ulong)row + key * 31 + 0x632BE59BD9B4E019UL);
        ulong high = (noise & 0xFFFF_FFFF_FFFF_0FFFUL & ~(3UL << 16)) | 0x4000UL | ((unique >> 62) << 16);
        ulong low = (unique & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL;
        return string.Create(36, (high, low), static (span, v) =>
        {
            Span<char> hex = stackalloc char[32];
            v.high.TryFormat(hex[..16], out _, "x16", CultureInfo.InvariantCulture);
            v.low.TryFormat(hex[16..], out _, "x16", CultureInfo.InvariantCulture);
            hex[..8].CopyTo(span);
            span[8] = '-';
            hex[8..12].CopyTo(span[9..]);
            span[13] = '-';
            hex[12..16].CopyTo(span[14..]);
            span[18] = '-';
            hex[16..20].CopyTo(span[19..]);
            span[23] = '-';
            hex[20..].CopyTo(span[24..]);
        });
    }
}

/// <summary>Distinct random integers in [min, max]: min plus a keyed permutation of the row index.</summary>
internal sealed class UniqueIntegerKey(long minimum, Permutation permutation) : IRowKey
{
    public ValueKind Kind => ValueKind.Number;
    public double NumberAt(long row) => minimum + (double)permutation.Apply((ulong)row);
    public string TextAt(long row) => (minimum + (long)permutation.Apply((ulong)row)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Distinct strings of a '#'/'A'/'a' shape: the permuted row index written in the shape's mixed radix.</summary>
internal sealed class UniquePatternKey(string pattern, Permutation permutation) : IRowKey
{
    public ValueKind Kind => ValueKind.Text;
    public double NumberAt(long row) => throw new InvalidOperationException("A pattern value is text.");

    /// <summary>How many distinct values the shape has (saturating at <see cref="ulong.MaxValue"/>).</summary>
    public static ulong Space(string pattern)
    {
        ulong space = 1;
        foreach (char c in pattern)
        {
            ulong radix = Radix(c);
            if (radix == 1) continue;
            if (space > ulong.MaxValue / radix) return ulong.MaxValue;
            space *= radix;
        }
        return space;
    }

    public string TextAt(long row)
    {
        ulong value = permutation.Apply((ulong)row);
        return string.Create(pattern.Length, (pattern, value), static (span, state) =>
        {
            ulong rest = state.value;
            for (int i = state.pattern.Length - 1; i >= 0; i--)
            {
                char c = state.pattern[i];
                ulong radix = Radix(c);
                if (radix == 1)
                {
                    span[i] = c;
                    continue;
                }
                int digit = (int)(rest % radix);
                rest /= radix;
                span[i] = c == '#' ? (char)('0' + digit) : (char)((c == 'A' ? 'A' : 'a') + digit);
            }
        });
    }

    private static ulong Radix(char c) => c switch { '#' => 10, 'A' or 'a' => 26, _ => 1 };
}
