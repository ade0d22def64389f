namespace Doppel.IO;

/// <summary>
/// Returns one string instance per distinct value of a column, so a column of a few categories repeated over
/// many rows holds a few strings. Stops adding once it holds <c>capacity</c> values (an id column would
/// otherwise keep a second copy of itself) and does not pool long values, which rarely repeat.
/// </summary>
internal sealed class StringInterner(int capacity = 1 << 16, int maxLength = 128)
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    public string Intern(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return string.Empty;
        if (value.Length > maxLength) return value.ToString();
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out string? known)) return known;
        string created = value.ToString();
        if (_values.Count < capacity) _values.Add(created);
        return created;
    }
}
