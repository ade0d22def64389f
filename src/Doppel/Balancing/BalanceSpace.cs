using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Balancing;

/// <summary>
/// The feature space of the SMOTE family: numerical and datetime columns standardised over all rows (a missing value
/// sits at the mean), categorical and boolean columns as codes. Distance is Euclidean on the numbers plus, per
/// differing category, the square of the median standard deviation of the minority's numbers (SMOTE-NC's rule).
/// </summary>
internal sealed class BalanceSpace
{
    private readonly Table _table;
    private readonly Metadata _metadata;
    private readonly string _target;
    private readonly string[] _numbers;
    private readonly string[] _categories;
    private readonly double[][] _scaled;   // per numeric feature, per row
    private readonly int[][] _codes;       // per categorical feature, per row

    public BalanceSpace(Table table, Metadata metadata, string target, bool numericOnly)
    {
        _table = table;
        _metadata = metadata;
        _target = target;
        var learned = metadata.Columns.Where(c => c.IsLearned && c.Name != target).ToList();
        _numbers = [.. learned.Where(c => c.Type is ColumnType.Numerical or ColumnType.DateTime).Select(c => c.Name)];
        _categories = [.. learned.Where(c => c.Type is ColumnType.Categorical or ColumnType.Boolean).Select(c => c.Name)];
        if (numericOnly && _categories.Length > 0)
            throw new UsageException($"SMOTE interpolates numbers only, and the table has categorical columns ({string.Join(", ", _categories.Take(5))}); use --method smote-nc.");
        if (_numbers.Length + _categories.Length == 0)
            throw new UsageException("There is no numerical, datetime, categorical or boolean column besides the target to find neighbours with.");
        _scaled = [.. _numbers.Select(name =>
        {
            double[] values = Values(table[name]);
            double[] present = [.. values.Where(double.IsFinite)];
            double mean = present.Length == 0 ? 0 : present.Average();
            double sd = present.Length < 2 ? 1 : Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1));
            if (!(sd > 0)) sd = 1;
            return values.Select(v => double.IsFinite(v) ? (v - mean) / sd : 0).ToArray();
        })];
        _codes = [.. _categories.Select(name => ((CategoricalColumn)table[name]).Codes)];
    }

    /// <summary>Makes <paramref name="count"/> new rows of class <paramref name="code"/> from its <paramref name="members"/>.</summary>
    public Table Interpolate(int[] members, CategoricalColumn labels, int code, int count, BalanceOptions options, Rng rng)
    {
        double penalty = CategoryPenalty(members);
        int k = Math.Min(options.K, members.Length - 1);
        if (k < 1) throw new InfeasibleRequestException($"Class '{labels.Categories[code]}' has {members.Length} row; the SMOTE family needs at least 2 to interpolate between. Use --method random or synthesizer.");
        int[][] neighbours = [.. members.Select(i => Nearest(i, members, k, penalty))];

        // How many new rows each member seeds.
        int[] seeds = options.Method switch
        {
            BalanceMethod.Borderline => Borderline(members, labels, code, count, options.K, penalty, rng),
            BalanceMethod.Adasyn => Adasyn(members, labels, code, count, options.K, penalty),
            _ => [.. Enumerable.Range(0, count).Select(_ => rng.NextInt(members.Length))],
        };
        var bases = new int[seeds.Length];
        var partners = new int[seeds.Length];
        var steps = new double[seeds.Length];
        for (int n = 0; n < seeds.Length; n++)
        {
            int m = seeds[n];
            bases[n] = members[m];
            partners[n] = members[neighbours[m][rng.NextInt(k)]];
            steps[n] = rng.NextDouble();
        }
        return Build(bases, partners, steps, neighbours, members, seeds, labels, code);
    }

    private Table Build(int[] bases, int[] partners, double[] steps, int[][] neighbours, int[] members, int[] seeds, CategoricalColumn labels, int code)
    {
        int n = bases.Length;
        var columns = new List<Column>();
        foreach (Column column in _table.Columns)
        {
            ColumnMetadata? meta = _metadata.Find(column.Name);
            if (column.Name == _target)
            {
                columns.Add(new CategoricalColumn(column.Name, Enumerable.Repeat(code, n).ToArray(), labels.Categories));
                continue;
            }
            switch (column)
            {
                case NumericColumn numeric when meta is { IsLearned: true }:
                    var values = new double[n];
                    for (int r = 0; r < n; r++)
                    {
                        double a = numeric.Values[bases[r]], b = numeric.Values[partners[r]];
                        double v = double.IsFinite(a) && double.IsFinite(b) ? a + steps[r] * (b - a) : a;
                        values[r] = meta.Subtype == NumericalSubtype.Integer ? Math.Round(v) : meta.Decimals is int d && d <= 15 ? Math.Round(v, d) : v;
                    }
                    columns.Add(new NumericColumn(column.Name, values));
                    break;
                case DateTimeColumn dates when meta is { IsLearned: true }:
                    var ticks = new long[n];
                    for (int r = 0; r < n; r++)
                    {
                        long a = dates.Ticks[bases[r]], b = dates.Ticks[partners[r]];
                        ticks[r] = a == DateTimeColumn.Missing || b == DateTimeColumn.Missing ? a : a + (long)Math.Round(steps[r] * (b - a));
                    }
                    columns.Add(new DateTimeColumn(column.Name, ticks));
                    break;
                case CategoricalColumn categorical when meta is { IsLearned: true }:
                    // SMOTE-NC: the value most of the seed's k neighbours hold (ties to the seed's own value, then the lowest code).
                    var codes = new int[n];
                    for (int r = 0; r < n; r++)
                    {
                        int[] around = neighbours[Array.IndexOf(members, bases[r])];
                        codes[r] = around.Select(j => categorical.Codes[members[j]]).GroupBy(c => c)
                            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key == categorical.Codes[bases[r]]).ThenBy(g => g.Key).First().Key;
                    }
                    columns.Add(new CategoricalColumn(column.Name, codes, categorical.Categories));
                    break;
                default:
                    columns.Add(column.Select(bases));
                    break;
            }
        }
        return new Table(columns);
    }

    private double CategoryPenalty(int[] members)
    {
        if (_categories.Length == 0 || _scaled.Length == 0) return 1;
        double[] sds = [.. _scaled.Select(f =>
        {
            double mean = members.Average(i => f[i]);
            return Math.Sqrt(members.Sum(i => (f[i] - mean) * (f[i] - mean)) / Math.Max(1, members.Length - 1));
        }).Order()];
        double median = sds.Length % 2 == 1 ? sds[sds.Length / 2] : (sds[sds.Length / 2 - 1] + sds[sds.Length / 2]) / 2;
        return median * median;
    }

    private double Distance(int a, int b, double penalty)
    {
        double sum = 0;
        foreach (double[] f in _scaled)
        {
            double d = f[a] - f[b];
            sum += d * d;
        }
        foreach (int[] c in _codes) if (c[a] != c[b]) sum += penalty;
        return sum;
    }

    /// <summary>Indices into <paramref name="candidates"/> of the k nearest to row <paramref name="row"/> (itself excluded; ties to the lower index).</summary>
    private int[] Nearest(int row, int[] candidates, int k, double penalty)
    {
        var best = new List<(double Distance, int Index)>(k + 1);
        for (int j = 0; j < candidates.Length; j++)
        {
            if (candidates[j] == row) continue;
            double d = Distance(row, candidates[j], penalty);
            if (best.Count == k && d >= best[^1].Distance) continue;
            int at = best.FindIndex(p => p.Distance > d);
            best.Insert(at < 0 ? best.Count : at, (d, j));
            if (best.Count > k) best.RemoveAt(k);
        }
        return [.. best.Select(p => p.Index)];
    }

    /// <summary>For each member, how many of its k nearest rows of the whole table are of other classes.</summary>
    private int[] Enemies(int[] members, CategoricalColumn labels, int code, int k, double penalty)
    {
        int[] everyone = [.. Enumerable.Range(0, _table.RowCount)];
        return [.. members.Select(i => Nearest(i, everyone, k, penalty).Count(j => labels.Codes[j] != code))];
    }

    private int[] Borderline(int[] members, CategoricalColumn labels, int code, int count, int k, double penalty, Rng rng)
    {
        int[] enemies = Enemies(members, labels, code, k, penalty);
        // In danger: at least half the neighbours are of other classes, but not all (those are noise).
        int[] danger = [.. Enumerable.Range(0, members.Length).Where(m => enemies[m] * 2 >= k && enemies[m] < k)];
        if (danger.Length == 0) danger = [.. Enumerable.Range(0, members.Length)];
        return [.. Enumerable.Range(0, count).Select(_ => danger[rng.NextInt(danger.Length)])];
    }

    private int[] Adasyn(int[] members, CategoricalColumn labels, int code, int count, int k, double penalty)
    {
        int[] enemies = Enemies(members, labels, code, k, penalty);
        double total = enemies.Sum();
        double[] share = total == 0 ? [.. members.Select(_ => 1.0 / members.Length)] : [.. enemies.Select(e => e / total)];
        // Largest remainders: exactly `count` rows, each member's share of them by its difficulty.
        int[] quota = [.. share.Select(s => (int)Math.Floor(s * count))];
        int missing = count - quota.Sum();
        foreach (int m in Enumerable.Range(0, members.Length).OrderByDescending(m => share[m] * count - quota[m]).ThenBy(m => m).Take(missing)) quota[m]++;
        return [.. Enumerable.Range(0, members.Length).SelectMany(m => Enumerable.Repeat(m, quota[m]))];
    }

    private static double[] Values(Column column) => column switch
    {
        NumericColumn numeric => numeric.Values,
        DateTimeColumn dates => [.. dates.Ticks.Select(t => t == DateTimeColumn.Missing ? double.NaN : t / (double)TimeSpan.TicksPerSecond)],
        _ => throw new ArgumentException($"Column '{column.Name}' is not numeric.", nameof(column)),
    };
}
