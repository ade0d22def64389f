using Doppel.Data;

namespace Doppel.Privacy;

/// <summary>
/// Decides whether a column holds personal data, and of which kind, from its values first and its name second.
/// A kind is detected when at least 90 % of the values match it (95 % for the check-digit kinds, card and IBAN);
/// when the column's name names the kind ("email", "phone", "zip", "surname", ...), 60 % is enough. Postal codes and
/// single first or last names look like ordinary numbers and words, so they need the name, or, for names, 90 %
/// of at least 20 distinct values in Bogus's English name lists.
/// </summary>
public static partial class PiiDetector
{
    /// <summary>Share of values that must match a kind when only the content speaks.</summary>
    public const double ContentThreshold = 0.9;

    /// <summary>Share of values that must pass a check digit (card, IBAN) when only the content speaks.</summary>
    public const double ChecksumThreshold = 0.95;

    /// <summary>Share of values that must match a kind the column's name names.</summary>
    public const double HintedThreshold = 0.6;

    // Most specific first: an SSN is also a valid phone shape, an IBAN also a long code.
    private static readonly PiiKind[] ContentKinds =
    [
        PiiKind.Email, PiiKind.Url, PiiKind.Iban, PiiKind.CreditCard, PiiKind.Ssn, PiiKind.IPv4, PiiKind.IPv6,
        PiiKind.Phone, PiiKind.StreetAddress, PiiKind.PersonName, PiiKind.FirstName, PiiKind.LastName,
    ];

    private const int ProbeSize = 64;
    private const double ProbeMargin = 0.3;

    // Below this many distinct values a column of single names is more likely a handful of labels.
    private const int MinDistinctForNameLists = 20;

    /// <summary>The kind of personal data in these values (a sample of one column), or null when there is none.</summary>
    public static PiiKind? Detect(string columnName, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        IReadOnlyList<PiiKind> hinted = KindsSuggestedBy(columnName);
        foreach (PiiKind kind in hinted)
            if (Reaches(kind, values, hinted: true, HintedThreshold)) return kind;
        int distinct = -1;
        foreach (PiiKind kind in ContentKinds)
        {
            if (hinted.Contains(kind)) continue;
            if (kind is PiiKind.FirstName or PiiKind.LastName)
            {
                if (distinct < 0) distinct = values.Distinct(StringComparer.Ordinal).Count();
                if (distinct < MinDistinctForNameLists) continue;
            }
            double threshold = kind is PiiKind.CreditCard or PiiKind.Iban ? ChecksumThreshold : ContentThreshold;
            if (Reaches(kind, values, hinted: false, threshold)) return kind;
        }
        return null;
    }

    /// <summary>True when one value has the form of this kind (and passes its check digit), read as if the column's name named the kind.</summary>
    public static bool IsMatch(PiiKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Matches(kind, value.Trim(), hinted: true);
    }

    /// <summary>The kinds a column's name suggests, most specific first ("email_address" → email; "ip" → IPv4, IPv6).</summary>
    public static IReadOnlyList<PiiKind> KindsSuggestedBy(string columnName)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        var name = new ColumnNameHints(columnName);
        var kinds = new List<PiiKind>();
        string joined = name.Joined;
        if (joined.Contains("email", StringComparison.Ordinal) || name.Has("mail")) kinds.Add(PiiKind.Email);
        if (name.HasAny(["phone", "tel", "telephone", "mobile", "cell", "fax", "msisdn"]) || joined.Contains("phone", StringComparison.Ordinal))
            kinds.Add(PiiKind.Phone);
        if (name.Has("ssn") || name.Has("social") && name.Has("security")) kinds.Add(PiiKind.Ssn);
        if (name.Has("iban")) kinds.Add(PiiKind.Iban);
        if (name.HasAny(["card", "cc", "creditcard", "pan"])) kinds.Add(PiiKind.CreditCard);
        if (name.HasAny(["zip", "zipcode", "postal", "postcode", "postalcode", "plz"])) kinds.Add(PiiKind.PostalCode);
        if (name.HasAny(["ip", "ipv4", "ipaddress", "ipaddr"])) kinds.AddRange([PiiKind.IPv4, PiiKind.IPv6]);
        else if (name.Has("ipv6")) kinds.Add(PiiKind.IPv6);
        if (name.HasAny(["url", "uri", "website", "homepage", "link", "href", "web"])) kinds.Add(PiiKind.Url);
        bool nameWord = name.Has("name") || joined.EndsWith("name", StringComparison.Ordinal);
        if (name.HasAny(["surname", "lastname", "familyname", "lname"]) || nameWord && name.HasAny(["last", "family"]))
            kinds.Add(PiiKind.LastName);
        else if (name.HasAny(["firstname", "givenname", "forename", "fname"]) || nameWord && name.HasAny(["first", "given"]))
            kinds.Add(PiiKind.FirstName);
        else if (nameWord && !name.HasAny(NotPersonWords) && kinds.Count == 0)
            kinds.Add(PiiKind.PersonName);
        if (kinds.Count == 0 && name.HasAny(["address", "addr", "street", "address1", "addressline"])) kinds.Add(PiiKind.StreetAddress);
        return kinds;
    }

    // "product_name" and "file_name" are names, but not of people.
    private static readonly string[] NotPersonWords =
    [
        "user", "username", "file", "filename", "product", "company", "business", "brand", "city", "country", "state",
        "street", "host", "hostname", "domain", "item", "category", "team", "org", "organization", "store", "shop", "app",
        "project", "table", "column", "field", "dept", "department", "model", "device", "server", "class", "type", "event",
        "place", "region", "species", "breed", "track", "song", "album", "movie", "book", "school", "university", "bank",
    ];

    /// <summary>Counts matches until the threshold is reached or can no longer be.</summary>
    private static bool Reaches(PiiKind kind, IReadOnlyList<string> values, bool hinted, double threshold)
    {
        // A quick look at values spread evenly over the sample first: a kind that clearly fails there cannot reach
        // the threshold (below threshold − 0.3 in 64 spread values while reaching it overall would need the misses
        // to fall exactly on the probed rows), and most columns are no kind at all.
        if (values.Count > 2 * ProbeSize)
        {
            int probeMatches = 0;
            for (int i = 0; i < ProbeSize; i++)
                if (Matches(kind, values[(int)((long)i * values.Count / ProbeSize)].Trim(), hinted)) probeMatches++;
            if (probeMatches < (threshold - ProbeMargin) * ProbeSize) return false;
        }
        int needed = (int)Math.Ceiling(threshold * values.Count);
        int allowedFailures = values.Count - needed, matched = 0, failed = 0;
        foreach (string value in values)
        {
            if (Matches(kind, value.Trim(), hinted))
            {
                if (++matched >= needed) return true;
            }
            else if (++failed > allowedFailures)
            {
                return false;
            }
        }
        return matched >= needed;
    }

    private static bool Matches(PiiKind kind, string value, bool hinted) => value.Length > 0 && kind switch
    {
        PiiKind.Email => value.Contains('@') && Email().IsMatch(value),
        PiiKind.Url => Url().IsMatch(value),
        PiiKind.Iban => Iban().IsMatch(value) && Checksums.IsIbanValid(value),
        PiiKind.CreditCard => IsCardNumber(value),
        PiiKind.Ssn => Ssn().IsMatch(value),
        PiiKind.IPv4 => IsIPv4(value),
        PiiKind.IPv6 => IsIPv6(value),
        PiiKind.Phone => IsPhone(value, hinted),
        PiiKind.StreetAddress => IsStreetAddress(value),
        PiiKind.PersonName => IsPersonName(value),
        PiiKind.FirstName => hinted ? IsNameWord(value) : PersonNames.IsFirstName(value),
        PiiKind.LastName => hinted ? IsNameWord(value) : PersonNames.IsLastName(value),
        PiiKind.PostalCode => hinted && PostalCode().IsMatch(value),
        _ => false,
    };
}
