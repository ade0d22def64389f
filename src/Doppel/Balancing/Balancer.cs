using Doppel.Data;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Balancing;

/// <summary>How new minority rows are made.</summary>
public enum BalanceMethod
{
    /// <summary>Copies of random minority rows.</summary>
    Random,

    /// <summary>SMOTE: points on the segment between a minority row and one of its k nearest minority neighbours (numeric features only).</summary>
    Smote,

    /// <summary>SMOTE-NC: SMOTE for mixed tables; categories take the majority value among the k neighbours.</summary>
    SmoteNc,

    /// <summary>Borderline-SMOTE: SMOTE-NC seeded only from minority rows whose neighbourhood is mostly, but not only, other classes.</summary>
    Borderline,

    /// <summary>ADASYN: SMOTE-NC with more new rows around minority rows that have more neighbours of other classes.</summary>
    Adasyn,

    /// <summary>A Gaussian copula fitted on the whole table, sampled conditionally on the minority class.</summary>
    Synthesizer,
}

/// <summary>Options of <see cref="Balancer.Balance"/>, validated when set.</summary>
public sealed record BalanceOptions
{
    /// <summary>The method.</summary>
    public BalanceMethod Method { get; init; } = BalanceMethod.SmoteNc;

    /// <summary>Each smaller class is grown to this share of the largest class's size (1 = equal).</summary>
    public double Ratio { get; init => field = value > 0 && value <= 1 ? value : throw new UsageException($"--ratio must be in (0, 1]; got {value}."); } = 1.0;

    /// <summary>Neighbours considered by the SMOTE family.</summary>
    public int K { get; init => field = value >= 1 ? value : throw new UsageException($"--k must be at least 1; got {value}."); } = 5;

    /// <summary>Seed of every draw.</summary>
    public long Seed { get; init; }

    /// <summary>When set, a boolean column of this name is appended: "true" on new rows, "false" on original ones.</summary>
    public string? FlagColumn { get; init; }
}

/// <summary>
/// Class balancing: the original rows followed by new rows of the smaller classes of <c>target</c>, made by the
/// chosen method, until each smaller class reaches <see cref="BalanceOptions.Ratio"/> of the largest. Ids are
/// given fresh values after the largest original; text and PII columns of new rows copy their seed row, so do not
/// release balanced tables with real personal data in them. Deterministic for a seed.
/// </summary>
public static class Balancer
{
    /// <summary>Balances <paramref name="table"/> on <paramref name="target"/>.</summary>
    public static (Table Table, Metadata Metadata, IReadOnlyDictionary<string, int> Added) Balance(Table table, Metadata metadata, string target, BalanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new BalanceOptions();
        ColumnMetadata targetColumn = metadata.Find(target)
            ?? throw new UsageException($"--target '{target}' is not a column. Columns: {string.Join(", ", metadata.Columns.Select(c => c.Name))}.");
        if (table[target] is not CategoricalColumn labels || targetColumn.Type is not (ColumnType.Categorical or ColumnType.Boolean))
            throw new UsageException($"--target '{target}' is {targetColumn.Type.ToString().ToLowerInvariant()}; balancing needs a categorical or boolean target.");
        if (options.FlagColumn is { } flag && metadata.Find(flag) is not null)
            throw new UsageException($"--flag-column '{flag}' is already a column of the table; choose another name.");

        int[] counts = new int[labels.Categories.Length];
        foreach (int code in labels.Codes) if (code >= 0) counts[code]++;
        int largest = counts.Max();
        if (counts.Count(c => c > 0) < 2) throw new DataFormatException($"The target '{target}' has fewer than two classes, so there is nothing to balance.");
        var rng = Rng.FromSeed(options.Seed).Fork("balance");
        var features = options.Method is BalanceMethod.Random or BalanceMethod.Synthesizer ? null : new BalanceSpace(table, metadata, target, options.Method == BalanceMethod.Smote);

        var parts = new List<Table> { table };
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < counts.Length; c++)
        {
            int need = (int)Math.Ceiling(options.Ratio * largest) - counts[c];
            if (counts[c] == 0 || need <= 0) continue;
            string label = labels.Categories[c];
            int[] members = [.. Enumerable.Range(0, table.RowCount).Where(i => labels.Codes[i] == c)];
            Rng classRng = rng.Fork("class:" + label);
            Table made = options.Method switch
            {
                BalanceMethod.Random => table.SelectRows([.. Enumerable.Range(0, need).Select(_ => members[classRng.NextInt(members.Length)])]),
                BalanceMethod.Synthesizer => FromSynthesizer(table, metadata, target, label, need, options.Seed),
                _ => features!.Interpolate(members, labels, c, need, options, classRng),
            };
            parts.Add(made);
            added[label] = need;
        }
        if (added.Count == 0) throw new InfeasibleRequestException($"Every class of '{target}' already has at least {options.Ratio:P0} of the largest class's rows; nothing to add.");
        Table result = TableConcatenation.Concatenate(parts);
        result = FreshIds(result, metadata, table.RowCount);
        if (options.FlagColumn is not { } name) return (result, metadata, added);
        var flagCodes = new int[result.RowCount];
        for (int i = table.RowCount; i < flagCodes.Length; i++) flagCodes[i] = 1;
        var flagged = new Table([.. result.Columns, new CategoricalColumn(name, flagCodes, ["false", "true"])]);
        var flaggedMetadata = metadata with { Columns = [.. metadata.Columns, new ColumnMetadata(name, ColumnType.Boolean)] };
        return (flagged, flaggedMetadata, added);
    }

    private static Table FromSynthesizer(Table table, Metadata metadata, string target, string label, int rows, long seed)
    {
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = seed });
        return model.Sample(rows, seed, new ConditionSet([new Condition(target, label)]));
    }

    /// <summary>New rows get ids after the original ones (numbers continue from the largest; other ids get a suffix).</summary>
    private static Table FreshIds(Table table, Metadata metadata, int originalRows)
    {
        var columns = table.Columns.ToArray();
        for (int c = 0; c < columns.Length; c++)
        {
            if (metadata.Find(columns[c].Name) is not { Type: ColumnType.Id }) continue;
            if (columns[c] is NumericColumn numeric)
            {
                double[] values = [.. numeric.Values];
                double next = values.Take(originalRows).Where(double.IsFinite).DefaultIfEmpty(0).Max() + 1;
                for (int i = originalRows; i < values.Length; i++) values[i] = next++;
                columns[c] = new NumericColumn(numeric.Name, values);
            }
            else if (columns[c] is TextColumn text)
            {
                string?[] values = [.. text.Values];
                for (int i = originalRows; i < values.Length; i++) values[i] = $"new-{i - originalRows + 1}";
                columns[c] = new TextColumn(text.Name, values);
            }
        }
        return new Table(columns);
    }
}
