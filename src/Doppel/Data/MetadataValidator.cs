namespace Doppel.Data;

/// <summary>Checks metadata on its own and against the columns of a data source, collecting every problem.</summary>
public static class MetadataValidator
{
    /// <summary>The most decimals a numerical column may declare (the limit of <see cref="Math.Round(double, int)"/>).</summary>
    public const int MaxDecimals = 15;

    /// <summary>Every problem of the metadata, in column order; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<string>();
        Collect(metadata, [.. metadata.Columns.Select(c => c.Name)], problems);
        return problems;
    }

    /// <summary>Throws a <see cref="MetadataException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(Metadata metadata)
    {
        IReadOnlyList<string> problems = Validate(metadata);
        if (problems.Count > 0) throw new MetadataException(problems);
    }

    /// <summary>
    /// Throws a <see cref="MetadataException"/> when metadata columns are missing from the data (suggesting
    /// close names) or data columns are missing from the metadata.
    /// </summary>
    public static void CheckAgainst(Metadata metadata, IReadOnlyList<string> dataColumnNames, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(dataColumnNames);
        var dataNames = new HashSet<string>(dataColumnNames, StringComparer.Ordinal);
        var metadataNames = new HashSet<string>(metadata.Columns.Select(c => c.Name), StringComparer.Ordinal);
        var unmatchedData = dataColumnNames.Where(n => !metadataNames.Contains(n)).ToList();
        var problems = new List<string>();
        foreach (ColumnMetadata column in metadata.Columns)
        {
            if (dataNames.Contains(column.Name)) continue;
            string? suggestion = Suggest(column.Name, unmatchedData);
            problems.Add(suggestion is null
                ? $"Column '{column.Name}' is in the metadata but not in {dataSource}; its columns are {Quote(dataColumnNames)}. Remove it from the metadata or rename it to a data column."
                : $"Column '{column.Name}' is in the metadata but not in {dataSource}. Did you mean '{suggestion}'? Rename it in the metadata to match the data.");
        }
        foreach (string name in unmatchedData)
            problems.Add($"Column '{name}' of {dataSource} is not in the metadata. Add it to the metadata (with its type) or remove it from the data.");
        if (problems.Count > 0) throw new MetadataException(problems);
    }

    /// <summary>
    /// The semantic checks shared with <see cref="MetadataJson"/>; <paramref name="allNames"/> includes columns the JSON
    /// reader could not build, and <paramref name="invalidPii"/> names columns whose "pii" value was already reported as unknown.
    /// </summary>
    internal static void Collect(Metadata metadata, IReadOnlyList<string> allNames, List<string> problems, IReadOnlySet<string>? invalidPii = null)
    {
        if (allNames.Count == 0)
            problems.Add("There are no columns; list every column of the data under \"columns\".");
        foreach (var group in allNames.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"Column '{group.Key}' appears {group.Count()} times; column names must be unique.");
        foreach (ColumnMetadata column in metadata.Columns)
            CheckColumn(column, problems, invalidPii?.Contains(column.Name) == true);
        CheckPrimaryKey(metadata, allNames, problems);
    }

    private static void CheckColumn(ColumnMetadata column, List<string> problems, bool piiAlreadyReported)
    {
        string label = $"Column '{column.Name}'";
        string type = MetadataNames.ToName(column.Type);
        void NotApplicable(string property, string appliesTo) =>
            problems.Add($"{label}: \"{property}\" applies only to {appliesTo} columns, not {type}; remove it or change \"type\".");

        bool numerical = column.Type == ColumnType.Numerical;
        bool datetime = column.Type == ColumnType.DateTime;
        bool patterned = column.Type is ColumnType.Id or ColumnType.Pii or ColumnType.Text;
        if (column.Subtype is not null && !numerical) NotApplicable("subtype", "numerical");
        if (column.Decimals is not null && !numerical) NotApplicable("decimals", "numerical");
        if (column.Minimum is not null && !numerical) NotApplicable("minimum", "numerical");
        if (column.Maximum is not null && !numerical) NotApplicable("maximum", "numerical");
        if (column.Distribution is not null && !numerical && !datetime) NotApplicable("distribution", "numerical and datetime");
        if (column.DateTimeFormat is not null && !datetime) NotApplicable("format", "datetime");
        if (column.Pii is not null && column.Type != ColumnType.Pii) NotApplicable("pii", "pii");
        if (column.Pattern is not null && !patterned) NotApplicable("pattern", "id, pii and text");
        if (column.Categories is not null && column.Type is not (ColumnType.Categorical or ColumnType.Boolean)) NotApplicable("categories", "categorical and boolean");
        if (column.Categories is { Count: 0 })
            problems.Add($"{label}: \"categories\" is empty; list the column's possible values, or remove it.");
        if (column.Categories?.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            problems.Add($"{label}: \"categories\" lists \"{repeated.Key}\" more than once.");

        if (numerical)
        {
            if (column.Decimals is < 0 or > MaxDecimals)
                problems.Add($"{label}: \"decimals\" is {column.Decimals}; it must be between 0 and {MaxDecimals}.");
            else if (column.Subtype == NumericalSubtype.Integer && column.Decimals is > 0)
                problems.Add($"{label}: subtype integer takes \"decimals\" 0 (or none), not {column.Decimals}; set \"subtype\": \"float\" to keep decimals.");
            if (column.Minimum is double min && !double.IsFinite(min))
                problems.Add($"{label}: \"minimum\" must be a finite number, not {min}.");
            if (column.Maximum is double max && !double.IsFinite(max))
                problems.Add($"{label}: \"maximum\" must be a finite number, not {max}.");
            if (column.Minimum is double low && column.Maximum is double high && low > high)
                problems.Add($"{label}: \"minimum\" {Number(low)} is greater than \"maximum\" {Number(high)}; swap them or correct one.");
        }
        if (datetime)
        {
            if (column.DateTimeFormat is null)
                problems.Add($"{label}: type datetime needs \"format\", a .NET date format such as \"yyyy-MM-dd\" or \"yyyy-MM-ddTHH:mm:ss\", or \"{DateTimeFormats.UnixSeconds}\" / \"{DateTimeFormats.UnixMilliseconds}\".");
            else if (DateTimeFormats.Problem(column.DateTimeFormat) is string formatProblem)
                problems.Add($"{label}: \"format\" {formatProblem}. Use a .NET custom date format such as \"yyyy-MM-dd\", \"MM/dd/yyyy HH:mm\" or \"yyyy-MM-ddTHH:mm:ssZ\", or \"{DateTimeFormats.UnixSeconds}\" / \"{DateTimeFormats.UnixMilliseconds}\".");
        }
        if (column.Type == ColumnType.Pii && column.Pii is null && !piiAlreadyReported)
            problems.Add($"{label}: type pii needs \"pii\", one of: {string.Join(", ", MetadataNames.PiiKinds)}.");
        if (column.Type == ColumnType.Pii && column.Pii is PiiKind kind && column.Pattern is { Length: > 0 } piiPattern
            && Privacy.PiiFaker.PatternProblem(kind, piiPattern) is string patternProblem)
            problems.Add($"{label}: \"pattern\": {patternProblem}.");
        if (column.Pattern is { Length: 0 })
            problems.Add($"{label}: \"pattern\" is empty; remove it or give a shape such as \"(###) ###-####\" ('#' digit, 'A' upper-case letter, 'a' lower-case letter).");
    }

    private static void CheckPrimaryKey(Metadata metadata, IReadOnlyList<string> allNames, List<string> problems)
    {
        if (metadata.PrimaryKey is not string key) return;
        ColumnMetadata? column = metadata.Find(key);
        if (column is null)
        {
            // A column that exists but could not be read already has its own problem.
            if (allNames.Contains(key, StringComparer.Ordinal)) return;
            string? suggestion = Suggest(key, allNames);
            problems.Add(suggestion is null
                ? $"\"primaryKey\" '{key}' names no column; columns are {Quote(allNames)}."
                : $"\"primaryKey\" '{key}' names no column. Did you mean '{suggestion}'?");
        }
        else if (column.Type != ColumnType.Id)
        {
            problems.Add($"\"primaryKey\" '{key}' is a {MetadataNames.ToName(column.Type)} column; a primary key must have \"type\": \"id\". Change its type or remove \"primaryKey\".");
        }
    }

    /// <summary>The candidate closest to <paramref name="name"/> (same letters ignoring case, or a few edits away), or null.</summary>
    internal static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int allowed = Math.Max(2, name.Length / 3);
        foreach (string candidate in candidates)
        {
            int distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
