using Doppel.Randomness;

namespace Doppel.Privacy;

/// <summary>
/// Fills a value shape such as <c>(###) ###-####</c> or <c>AA-####</c>: '#' becomes a random digit, 'A' a random
/// upper-case letter, 'a' a random lower-case letter (ASCII), and every other character is kept as it is.
/// </summary>
public static class PatternFiller
{
    /// <summary>A new random value of the given shape, drawn from <paramref name="rng"/>.</summary>
    public static string Fill(string pattern, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(rng);
        if (pattern.Length == 0) return string.Empty;
        return string.Create(pattern.Length, (pattern, rng), static (span, state) => Fill(state.pattern, span, state.rng));
    }

    /// <summary>Writes a filled copy of <paramref name="pattern"/> into <paramref name="destination"/> (at least as long as the pattern).</summary>
    public static void Fill(ReadOnlySpan<char> pattern, Span<char> destination, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (destination.Length < pattern.Length)
            throw new ArgumentException($"The destination holds {destination.Length} characters but the pattern needs {pattern.Length}.", nameof(destination));
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            destination[i] = c switch
            {
                '#' => (char)('0' + rng.NextInt(10)),
                'A' => (char)('A' + rng.NextInt(26)),
                'a' => (char)('a' + rng.NextInt(26)),
                _ => c,
            };
        }
    }

    /// <summary>How many characters of the pattern are placeholders ('#', 'A' or 'a').</summary>
    public static int PlaceholderCount(ReadOnlySpan<char> pattern)
    {
        int count = 0;
        foreach (char c in pattern)
            if (c is '#' or 'A' or 'a') count++;
        return count;
    }
}
