using Doppel.Data;

namespace Doppel.Evaluation.Privacy;

public static partial class PrivacyMetrics
{
    private const string KAnonymityName = "k-anonymity";
    private const string KAnonymityMeaning =
        "Rows of the synthetic table grouped by their quasi-identifier values (numbers and datetimes with more than 20 " +
        "distinct real values are binned into the real column's deciles; the rest stay exact). Raw = the smallest group " +
        "size k; score = 1 − the share of synthetic rows in groups smaller than 5. Synthetic rows are not people, so a small " +
        "group is only a risk where it matches a real person (see Singling out); large groups do not stop attribute " +
        "disclosure when everyone in a group shares the sensitive value.";

    private const string SinglingOutName = "Singling out";
    private const string SinglingOutMeaning =
        "Share of synthetic rows whose quasi-identifier combination (binned as for k-anonymity) is unique in the synthetic " +
        "table and matches exactly one training row: such a row points at one real person. Real data singles people out by " +
        "chance too, so the same share is measured on the holdout, both tables taken at the same size: score 1 at or below " +
        "the holdout's share, falling to 0 at 10 points above it (above 0 without a holdout). It covers only the named " +
        "quasi-identifiers: an attacker who knows other columns may single out more.";

    private const int SmallGroup = 5;

    private static MetricResult KAnonymity(Context context)
    {
        if (QuasiIdentifierProblem(context) is { } problem)
            return MetricResult.Skipped(Group, KAnonymityName, problem, KAnonymityMeaning);
        RowKeys keys = RowKeys.Binned(context.Inputs.QuasiIdentifiers, context.Inputs.Real);
        Dictionary<RowKeys.Key, int> groups = RowKeys.Count(keys.Encode(context.Inputs.Synthetic), keys.Width);
        int smallest = groups.Values.Min();
        double share = (double)groups.Values.Where(size => size < SmallGroup).Sum() / context.Inputs.Synthetic.RowCount;
        return new MetricResult(Group, KAnonymityName, 1 - share, smallest, KAnonymityMeaning)
        {
            Breakdown =
            [
                new MetricPart("rows in groups smaller than 5", 1 - share, share),
                new MetricPart("distinct combinations", null, groups.Count),
            ],
        };
    }

    private static MetricResult SinglingOut(Context context)
    {
        if (QuasiIdentifierProblem(context) is { } problem)
            return MetricResult.Skipped(Group, SinglingOutName, problem, SinglingOutMeaning);
        IReadOnlyList<string> identifiers = context.Inputs.QuasiIdentifiers;
        RowKeys keys = RowKeys.Binned(identifiers, context.Inputs.Real);
        Dictionary<RowKeys.Key, int> training = RowKeys.Count(keys.Encode(context.Inputs.Real), keys.Width);
        Table? holdout = context.Holdout is { } h && identifiers.All(q => h.TryGetColumn(q, out Column? c) && c.Kind == context.Inputs.Real[q].Kind) ? h : null;
        int synthetic = context.Inputs.Synthetic.RowCount;
        int size = holdout is null ? synthetic : Math.Min(synthetic, holdout.RowCount);
        double rate = SingledOut(context.Inputs.Synthetic, size, keys, training, context.Rng.Fork("singling-out:synthetic"));
        var parts = new List<MetricPart> { new("synthetic rows", null, rate, $"share singled out, {size} rows") };
        if (holdout is null)
            return new MetricResult(Group, SinglingOutName, PrivacyStatistics.ExcessScore(rate, 0), rate, SinglingOutMeaning)
            {
                Reason = "No holdout with these columns: the share is judged against 0, although real data singles people out by chance.",
                Breakdown = parts,
            };
        double baseline = SingledOut(holdout, size, keys, training, context.Rng.Fork("singling-out:holdout"));
        parts.Add(new("holdout rows", null, baseline, $"share singled out, {size} rows (chance level)"));
        return new MetricResult(Group, SinglingOutName, PrivacyStatistics.ExcessScore(rate, baseline), rate, SinglingOutMeaning) { Breakdown = parts };
    }

    // Share of `size` sampled rows of `table` that are alone with their key in the sample and match exactly one training row.
    private static double SingledOut(Table table, int size, RowKeys keys, Dictionary<RowKeys.Key, int> training, Randomness.Rng rng)
    {
        long[] sample = keys.Encode(table.SelectRows(PrivacyStatistics.Sample(table.RowCount, size, rng)));
        Dictionary<RowKeys.Key, int> counts = RowKeys.Count(sample, keys.Width);
        int singled = 0;
        for (int r = 0; r < size; r++)
        {
            var key = new RowKeys.Key(sample, r * keys.Width, keys.Width);
            if (counts[key] == 1 && training.GetValueOrDefault(key) == 1) singled++;
        }
        return (double)singled / size;
    }

    private static string? QuasiIdentifierProblem(Context context)
    {
        IReadOnlyList<string> identifiers = context.Inputs.QuasiIdentifiers;
        if (identifiers.Count == 0) return "No quasi-identifiers were named; name the columns an attacker could know about a person (e.g. age, sex, zip code).";
        foreach (string name in identifiers)
        {
            if (!context.Inputs.Real.TryGetColumn(name, out Column? real))
                return $"Quasi-identifier '{name}' is not a column of the real table. Columns: {string.Join(", ", context.Inputs.Real.ColumnNames)}.";
            if (!context.Inputs.Synthetic.TryGetColumn(name, out Column? synthetic))
                return $"Quasi-identifier '{name}' is not a column of the synthetic table.";
            if (real.Kind != synthetic.Kind)
                return $"Quasi-identifier '{name}' is stored as {real.Kind} in the real table but {synthetic.Kind} in the synthetic one.";
        }
        return null;
    }
}
