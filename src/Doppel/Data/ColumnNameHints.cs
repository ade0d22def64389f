namespace Doppel.Data;

/// <summary>
/// What a column's name suggests about its values: the supporting evidence of profiling.
/// Names are split into lower-case words ("PassengerId" → passenger, id; "zip_code" → zip, code).
/// </summary>
internal sealed class ColumnNameHints
{
    private static readonly HashSet<string> IdWords = ["id", "key", "uuid", "guid", "code", "pk", "number", "no", "nr", "num"];
    private static readonly HashSet<string> IndexNames = ["index", "idx", "row", "rownum", "rowid", "rownumber", "n", "no", "nr", "number", "unnamed0"];
    private static readonly HashSet<string> BooleanFirstWords = ["is", "has", "have", "was", "were", "can", "should", "did", "does", "will", "allow", "allows", "enable", "use", "uses"];
    private static readonly HashSet<string> BooleanLastWords = ["flag", "yn", "bool", "enabled", "active", "ok"];
    private static readonly HashSet<string> DateWords = ["date", "day", "dt", "dob", "birth", "birthday", "birthdate"];
    private static readonly HashSet<string> EpochWords = ["ts", "timestamp", "epoch", "time", "unix", "unixtime", "datetime", "timestamps"];

    public ColumnNameHints(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Words = Split(name);
        Joined = string.Concat(Words);
    }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    /// <summary>The lower-case words of the name.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The words run together ("zipcode", "passengerid").</summary>
    public string Joined { get; }

    /// <summary>The name contains this word.</summary>
    public bool Has(string word) => Words.Contains(word);

    /// <summary>The name contains any of these words.</summary>
    public bool HasAny(IEnumerable<string> words) => words.Any(Has);

    /// <summary>The last word, or "".</summary>
    public string Last => Words.Count == 0 ? "" : Words[^1];

    /// <summary>The first word, or "".</summary>
    public string First => Words.Count == 0 ? "" : Words[0];

    /// <summary>Names a key: "id", "user_id", "PassengerId", "order_key", "uuid", "product_code", "account_number".</summary>
    public bool IsId => IdWords.Contains(Last) || Joined.EndsWith("uuid", StringComparison.Ordinal) || Joined.EndsWith("guid", StringComparison.Ordinal);

    /// <summary>Names a row index: "index", "row", "Unnamed: 0", or no name at all.</summary>
    public bool IsIndex => Words.Count == 0 || IndexNames.Contains(Joined);

    /// <summary>Names a yes/no fact: "is_member", "has_children", "active_flag".</summary>
    public bool IsBoolean => Words.Count > 1 && (BooleanFirstWords.Contains(First) || BooleanLastWords.Contains(Last))
        || Words.Count == 1 && BooleanLastWords.Contains(First);

    /// <summary>Names a calendar date: "date", "order_dt", "dob", "birth_day".</summary>
    public bool IsDate => HasAny(DateWords) || Joined.EndsWith("date", StringComparison.Ordinal);

    /// <summary>Names a point in time that may be stored as a unix epoch: "event_ts", "timestamp", "epoch", "created_at", "time".</summary>
    public bool IsEpoch => HasAny(EpochWords) || Joined.Contains("timestamp", StringComparison.Ordinal)
        || Words.Count > 1 && Last == "at";

    /// <summary>
    /// Splits at separators, lower→upper changes, letter↔digit changes and before the last capital of an
    /// acronym ("HTTPStatus" → http, status), then lower-cases.
    /// </summary>
    internal static string[] Split(string name)
    {
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(i);
                continue;
            }
            if (start >= 0)
            {
                char previous = name[i - 1];
                bool boundary = char.IsLower(previous) && char.IsUpper(c)
                    || char.IsLetter(previous) != char.IsLetter(c)
                    || char.IsUpper(previous) && char.IsUpper(c) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (boundary) Flush(i);
            }
            if (start < 0) start = i;
        }
        Flush(name.Length);
        return [.. words];

        void Flush(int end)
        {
            if (start >= 0) words.Add(name[start..end].ToLowerInvariant());
            start = -1;
        }
    }
}
