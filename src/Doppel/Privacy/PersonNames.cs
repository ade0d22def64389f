using Bogus.Bson;

namespace Doppel.Privacy;

/// <summary>
/// Known given names, family names and titles, from Bogus's English locale (first, male and female first
/// names; last names) plus the honorifics of passenger lists. Loaded once, on first use.
/// </summary>
internal static class PersonNames
{
    private static readonly Lazy<HashSet<string>> First = new(() => Load("first_name", "male_first_name", "female_first_name"));
    private static readonly Lazy<HashSet<string>> Last = new(() => Load("last_name"));

    /// <summary>Honorifics written before a name, without their dot.</summary>
    public static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Miss", "Mx", "Master", "Dr", "Prof", "Rev", "Sir", "Lady", "Lord", "Dame", "Don", "Dona",
        "Col", "Major", "Capt", "Mme", "Mlle", "Jonkheer", "Countess", "the",
    };

    /// <summary>Written after a name.</summary>
    public static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Jr", "Sr", "II", "III", "IV", "V", "MD", "PhD", "DDS", "DVM", "Esq",
    };

    /// <summary>True for a given name in the list (case-insensitive).</summary>
    public static bool IsFirstName(string word) => First.Value.Contains(word);

    /// <summary>True for a family name in the list (case-insensitive).</summary>
    public static bool IsLastName(string word) => Last.Value.Contains(word);

    private static HashSet<string> Load(params string[] keys)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in keys)
        {
            if (Bogus.Database.Get("name", key, "en") is not BArray array) continue;
            for (int i = 0; i < array.Count; i++)
                names.Add(array[i].StringValue);
        }
        return names;
    }
}
