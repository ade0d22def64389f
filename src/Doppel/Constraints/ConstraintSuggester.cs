using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// Finds rules that hold in every row of a real table, for the user to review: formulas (<c>total = a + b</c>, three
/// terms at most), one-hot groups, fixed combinations of categorical pairs, inequalities between numerical or
/// datetime columns (only where their ranges overlap, so the rule says something, and without those implied by a
/// chain) and positive or non-negative ranges. The suggestions together pass the declaration checks (one that
/// would conflict with an earlier one is left out), and the same table always gives the same list.
/// </summary>
public static class ConstraintSuggester
{
    /// <summary>The suggested rules, strongest kinds first, each in table order.</summary>
    public static IReadOnlyList<Constraint> Suggest(Table table, Metadata metadata, SuggestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new SuggestionOptions();
        var numbers = Learned(table, metadata, ColumnType.Numerical).Where(c => Present(c.Values) >= 2 && !IsConstant(c.Values)).ToList();
        var dates = Learned(table, metadata, ColumnType.DateTime).Where(c => Present(c.Values) >= 2 && !IsConstant(c.Values)).ToList();
        List<Constraint> candidates =
        [
            .. Formulas(numbers, metadata, options),
            .. OneHots(table, metadata),
            .. Combinations(table, metadata, options),
            .. Inequalities(numbers, options),
            .. Inequalities(dates, options),
            .. Ranges(numbers),
        ];
        // Keep a suggestion only if it adds no declaration problem and the data meets it, so all can be accepted at once.
        var accepted = new List<Constraint>();
        foreach (Constraint candidate in candidates)
        {
            Metadata trial = metadata with { Constraints = [.. metadata.Constraints, .. accepted, candidate] };
            if (ConstraintSet.Problems(trial).Count > 0) continue;
            if (ConstraintSet.For(metadata with { Constraints = [candidate] }).Violations(table).Count > 0) continue;
            accepted.Add(candidate);
        }
        return accepted;
    }

    private sealed record Series(string Name, double[] Values, int? Decimals);

    private static IEnumerable<Series> Learned(Table table, Metadata metadata, ColumnType type) =>
        metadata.Columns.Where(c => c.Type == type && table.TryGetColumn(c.Name, out _))
            .Select(c => new Series(c.Name, ColumnFormula.Numbers(table[c.Name]), c.Subtype == NumericalSubtype.Integer ? 0 : c.Decimals));

    private static int Present(double[] values) => values.Count(v => !double.IsNaN(v));

    private static bool IsConstant(double[] values)
    {
        double first = double.NaN;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(first)) first = v;
            else if (v != first) return false;
        }
        return true;
    }

    private static bool IsBinary(double[] values) => values.All(v => v is 0 or 1);

    /// <summary><c>target = a + b</c> or <c>a + b + c</c>, rounded to the target's decimals when the data is.</summary>
    private static IEnumerable<Constraint> Formulas(List<Series> numbers, Metadata metadata, SuggestionOptions options)
    {
        var terms = numbers.Where(s => !IsBinary(s.Values)).Take(options.MaxPairColumns).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Series target in terms)
        {
            var inputs = terms.Where(s => s != target && !used.Contains(s.Name)).ToList();
            ColumnFormula? found = null;
            for (int i = 0; i < inputs.Count && found is null; i++)
                for (int j = i + 1; j < inputs.Count && found is null; j++)
                    found = Sum(target, [inputs[i], inputs[j]]);
            if (found is null && inputs.Count <= options.MaxTripleColumns)
                for (int i = 0; i < inputs.Count && found is null; i++)
                    for (int j = i + 1; j < inputs.Count && found is null; j++)
                        for (int k = j + 1; k < inputs.Count && found is null; k++)
                            found = Sum(target, [inputs[i], inputs[j], inputs[k]]);
            if (found is null) continue;
            used.Add(target.Name);
            yield return found;
        }
    }

    private static ColumnFormula? Sum(Series target, Series[] inputs)
    {
        // Exact within floating point, or exact once rounded as the target is written.
        double unit = target.Decimals is int d ? Math.Pow(10, -d) : 0;
        int rows = 0;
        bool exact = true;
        for (int r = 0; r < target.Values.Length; r++)
        {
            double sum = 0;
            foreach (Series s in inputs) sum += s.Values[r];
            if (double.IsNaN(sum)) { if (!double.IsNaN(target.Values[r])) return null; continue; }
            double actual = target.Values[r];
            if (double.IsNaN(actual)) return null;
            double gap = Math.Abs(actual - sum), slack = 1e-9 * Math.Max(1, Math.Abs(sum));
            if (gap > slack)
            {
                if (unit == 0 || gap > unit / 2 + slack) return null;
                exact = false;
            }
            rows++;
        }
        if (rows < 3) return null;
        string expression = string.Join(" + ", inputs.Select(s => s.Name));
        return new ColumnFormula(target.Name, exact ? expression : $"round({expression}, {target.Decimals})");
    }

    /// <summary>Groups of 0/1 or boolean columns never hot together, with exactly one hot in every row.</summary>
    private static IEnumerable<Constraint> OneHots(Table table, Metadata metadata)
    {
        var flags = metadata.Columns
            .Where(c => c.Type is ColumnType.Numerical or ColumnType.Boolean && table.TryGetColumn(c.Name, out _))
            .Select(c => (c.Name, Hot: Hot(table[c.Name])))
            .Where(f => f.Hot is not null && f.Hot.Any(h => h) && !f.Hot.All(h => h))
            .Select(f => (f.Name, Hot: f.Hot!))
            .ToList();
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in flags)
        {
            if (grouped.Contains(seed.Name)) continue;
            var group = new List<(string Name, bool[] Hot)> { seed };
            foreach (var other in flags)
                if (other.Name != seed.Name && !grouped.Contains(other.Name) && group.All(g => !Overlap(g.Hot, other.Hot))) group.Add(other);
            if (group.Count < 2 || !Enumerable.Range(0, table.RowCount).All(r => group.Any(g => g.Hot[r]))) continue;
            grouped.UnionWith(group.Select(g => g.Name));
            yield return new OneHot([.. group.Select(g => g.Name)]);
        }
    }

    /// <summary>Per row whether the column is 1 (true); null when it is not a complete 0/1 or boolean column.</summary>
    private static bool[]? Hot(Column column)
    {
        var result = new bool[column.Length];
        for (int r = 0; r < result.Length; r++)
        {
            if (OneHot.State(column, r) is not { } state) return null;
            result[r] = state;
        }
        return result;
    }

    private static bool Overlap(bool[] a, bool[] b)
    {
        for (int r = 0; r < a.Length; r++) if (a[r] && b[r]) return true;
        return false;
    }

    /// <summary>Categorical pairs that use few of their possible combinations, fewest share first.</summary>
    private static IEnumerable<Constraint> Combinations(Table table, Metadata metadata, SuggestionOptions options)
    {
        var categorical = metadata.Columns
            .Where(c => c.Type is ColumnType.Categorical or ColumnType.Boolean && table.TryGetColumn(c.Name, out Column? column) && column is CategoricalColumn)
            .Select(c => (CategoricalColumn)table[c.Name])
            .Where(c => c.Categories.Length is >= 2 and <= 100)
            .Take(options.MaxPairColumns)
            .ToList();
        var pairs = new List<(double Share, int Order, FixedCombinations Rule)>();
        int order = 0;
        for (int i = 0; i < categorical.Count; i++)
            for (int j = i + 1; j < categorical.Count; j++)
            {
                CategoricalColumn a = categorical[i], b = categorical[j];
                var seen = new HashSet<long>();
                for (int r = 0; r < table.RowCount; r++) seen.Add(((long)a.Codes[r] << 32) | (uint)b.Codes[r]);
                double share = seen.Count / (double)((a.Categories.Length + 1) * (b.Categories.Length + 1));
                // Enough rows that the unseen combinations are absent by rule, not by chance.
                if (share <= options.MaxCombinationShare && table.RowCount >= 3 * seen.Count && seen.Count < a.Categories.Length * b.Categories.Length)
                    pairs.Add((share, order++, new FixedCombinations([a.Name, b.Name])));
            }
        return pairs.OrderBy(p => p.Share).ThenBy(p => p.Order).Select(p => p.Rule);
    }

    /// <summary><c>a &lt; b</c> (or <c>≤</c>) where the ranges overlap, keeping only the links of each chain.</summary>
    private static IEnumerable<Constraint> Inequalities(List<Series> columns, SuggestionOptions options)
    {
        var candidates = columns.Where(s => !IsBinary(s.Values)).Take(options.MaxPairColumns).ToList();
        var holds = new Dictionary<(int, int), bool>(); // (low, high) -> strict
        for (int i = 0; i < candidates.Count; i++)
            for (int j = 0; j < candidates.Count; j++)
                if (i != j && Below(candidates[i].Values, candidates[j].Values) is { } strict) holds[(i, j)] = strict;
        foreach (((int low, int high), bool strict) in holds.OrderBy(h => h.Key.Item2).ThenBy(h => h.Key.Item1))
        {
            // Implied by a chain low < m < high: suggest the links only.
            if (Enumerable.Range(0, candidates.Count).Any(m => holds.ContainsKey((low, m)) && holds.ContainsKey((m, high)))) continue;
            yield return new Inequality(candidates[low].Name, candidates[high].Name, strict);
        }
    }

    /// <summary>
    /// True when a &lt; b in every row, false when a ≤ b with some equal; null otherwise, or when the ranges alone
    /// imply it: unless a tenth of the a values reach b's range and a tenth of the b values reach down into a's, the
    /// order says nothing about the rows (amounts of 1 to 3 are below prices of 1.5 to 50 almost always by chance).
    /// </summary>
    private static bool? Below(double[] a, double[] b)
    {
        bool strict = true;
        double maxA = double.NegativeInfinity, minB = double.PositiveInfinity;
        for (int r = 0; r < a.Length; r++)
        {
            if (double.IsNaN(a[r])) { if (!double.IsNaN(b[r])) return null; continue; }
            if (double.IsNaN(b[r])) continue;
            if (a[r] > b[r]) return null;
            if (a[r] == b[r]) strict = false;
            maxA = Math.Max(maxA, a[r]);
            minB = Math.Min(minB, b[r]);
        }
        int rows = 0, aReach = 0, bReach = 0;
        for (int r = 0; r < a.Length; r++)
        {
            if (double.IsNaN(a[r]) || double.IsNaN(b[r])) continue;
            rows++;
            if (a[r] >= minB) aReach++;
            if (b[r] <= maxA) bReach++;
        }
        return rows >= 3 && aReach >= 0.1 * rows && bReach >= 0.1 * rows ? strict : null;
    }

    private static IEnumerable<Constraint> Ranges(List<Series> numbers)
    {
        foreach (Series s in numbers.Where(s => !IsBinary(s.Values)))
        {
            double min = s.Values.Where(v => !double.IsNaN(v)).Min();
            if (min > 0) yield return ScalarRange.Positive(s.Name);
            else if (min == 0) yield return new ScalarRange(s.Name, 0, null);
        }
    }
}
