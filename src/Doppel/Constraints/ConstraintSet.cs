using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// The constraints of a table, enforced by construction for every synthesizer: before fitting, reversible
/// transforms rewrite the constrained columns into forms in which any value is valid (the gap of an inequality as
/// a logarithm, a value between two columns as the logit of its position, a stepped number as its step count, a
/// set of categories as one column of observed combinations); after sampling, the inverse transforms rebuild the
/// columns so that every row meets every rule. Fixed ranges are clamped and conditional nulls applied last. The
/// transforms need nothing but the metadata, so a saved model rebuilds them on load.
/// </summary>
public sealed partial class ConstraintSet
{
    private const char Separator = '\u001F';
    private const string MissingKey = "\u0000";

    private readonly Metadata _learned;
    private readonly List<Constraint> _ordered; // transforms in dependency order (what a backward step reads is restored first)
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    private ConstraintSet(Metadata learned, IReadOnlyList<Constraint> constraints, List<Constraint> ordered)
    {
        _learned = learned;
        Constraints = constraints;
        _ordered = ordered;
        Formulas = [.. constraints.OfType<ColumnFormula>()];
        Uniques = [.. constraints.OfType<Unique>()];
        Predicates = [.. constraints.OfType<PredicateConstraint>()];
        foreach (Constraint c in ordered)
            switch (c)
            {
                case Inequality i: _touched.Add(i.High); break;
                case Between b: _touched.Add(b.Column); break;
                case FixedIncrements f: _touched.Add(f.Column); break;
                case FixedCombinations f: _touched.UnionWith(f.Of); break;
                case OneHot o: _touched.UnionWith(o.Of); break;
            }
        _touched.UnionWith(Formulas.Select(f => f.Column));
    }

    /// <summary>The declared constraints.</summary>
    public IReadOnlyList<Constraint> Constraints { get; }

    /// <summary>True when there is nothing to enforce.</summary>
    public bool IsEmpty => Constraints.Count == 0;

    /// <summary>The constraints of <paramref name="metadata"/>, checked; throws <see cref="MetadataException"/> listing every problem.</summary>
    public static ConstraintSet For(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        IReadOnlyList<string> problems = Problems(metadata);
        if (problems.Count > 0) throw new MetadataException(problems);
        var learned = new Metadata([.. metadata.Columns.Where(c => c.IsLearned)]);
        return new ConstraintSet(learned, metadata.Constraints, Order(metadata.Constraints) ?? []);
    }

    /// <summary>Every problem with the declared constraints: unknown columns, wrong types, conflicts.</summary>
    public static IReadOnlyList<string> Problems(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<string>();
        var transformedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 0; k < metadata.Constraints.Count; k++)
        {
            Constraint c = metadata.Constraints[k];
            string label = $"constraint {k + 1} ({c.Type}: {c.Describe()})";
            bool known = true;
            foreach (string name in c.Columns.Distinct())
            {
                if (metadata.Find(name) is not { } column) { problems.Add($"{label}: there is no column '{name}'."); known = false; continue; }
                if (!column.IsLearned) { problems.Add($"{label}: column '{name}' is {column.Type.ToString().ToLowerInvariant()}, which is regenerated rather than learned; constraints apply to numerical, datetime, categorical and boolean columns."); known = false; }
            }
            if (c is not ColumnFormula && c.Columns.Distinct().Count() != c.Columns.Count) problems.Add($"{label}: a column appears twice.");
            if (!known) continue;
            bool IsNumber(string name, bool datetimeToo = true) => metadata[name].Type == ColumnType.Numerical || (datetimeToo && metadata[name].Type == ColumnType.DateTime);
            switch (c)
            {
                case Inequality i when !IsNumber(i.Low) || !IsNumber(i.High) || (metadata[i.Low].Type == ColumnType.DateTime) != (metadata[i.High].Type == ColumnType.DateTime):
                    problems.Add($"{label}: both columns must be numerical, or both datetime.");
                    break;
                case Between b when !IsNumber(b.Column) || !IsNumber(b.LowColumn) || !IsNumber(b.HighColumn):
                    problems.Add($"{label}: all three columns must be numerical or datetime.");
                    break;
                case ScalarRange r when !IsNumber(r.Column, datetimeToo: false):
                    problems.Add($"{label}: '{r.Column}' must be numerical.");
                    break;
                case ScalarRange r when r.Low is null && r.High is null:
                    problems.Add($"{label}: give a low bound, a high bound or both.");
                    break;
                case ScalarRange r when r.Low is { } l && r.High is { } h && (l > h || (l == h && (r.StrictLow || r.StrictHigh))):
                    problems.Add($"{label}: the low bound is above the high bound, so no value can meet it.");
                    break;
                case FixedIncrements f when !IsNumber(f.Column, datetimeToo: false) || !(f.Step > 0) || !double.IsFinite(f.Step):
                    problems.Add($"{label}: '{f.Column}' must be numerical and the step a positive number.");
                    break;
                case FixedCombinations f when f.Of.Count < 2 || f.Of.Any(n => metadata[n].Type is not (ColumnType.Categorical or ColumnType.Boolean)):
                    problems.Add($"{label}: give at least two categorical or boolean columns.");
                    break;
                default:
                    ShapeProblems(metadata, c, label, problems);
                    break;
            }
            foreach (string name in Rewritten(c))
            {
                if (transformedBy.TryGetValue(name, out string? other))
                    problems.Add($"{label}: column '{name}' is already shaped by {other}; a column can be the constrained side of one rule only (chain inequalities instead: a < b < c).");
                else transformedBy[name] = label;
            }
        }
        FormulaProblems(metadata, problems);
        if (problems.Count == 0 && Order(metadata.Constraints) is null)
            problems.Add("the constraints contradict each other: they form a cycle (e.g. a < b and b < a), so no row can meet them all.");
        return problems;
    }

    /// <summary>The rewriting constraints in an order where every rule's inputs are restored before it; null on a cycle.</summary>
    private static List<Constraint>? Order(IReadOnlyList<Constraint> constraints)
    {
        var pending = constraints.Where(c => c is Inequality or Between or FixedIncrements or FixedCombinations or OneHot).ToList();
        var result = new List<Constraint>();
        while (pending.Count > 0)
        {
            var restoredLater = new HashSet<string>(pending.SelectMany(Rewritten), StringComparer.Ordinal);
            Constraint? ready = pending.FirstOrDefault(c => Reads(c).All(name => !restoredLater.Contains(name)));
            if (ready is null) return null;
            result.Add(ready);
            pending.Remove(ready);
        }
        return result;
    }

    private static IEnumerable<string> Rewritten(Constraint c) => c switch
    {
        Inequality i => [i.High],
        Between b => [b.Column],
        FixedIncrements f => [f.Column],
        FixedCombinations f => f.Of,
        OneHot o => o.Of,
        ColumnFormula f => [f.Column],
        _ => [],
    };

    private static IEnumerable<string> Reads(Constraint c) => c switch
    {
        Inequality i => [i.Low],
        Between b => [b.LowColumn, b.HighColumn],
        _ => [],
    };

    /// <summary>Whether a column's learned form differs from its values (conditions on it are met by rejection).</summary>
    public bool Rewrites(string column) => _touched.Contains(column);

    /// <summary>Every way the data breaks a declared rule, in words, with how many rows and the first (0-based).</summary>
    public IReadOnlyList<(string Problem, int Rows, int FirstRow)> Violations(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var result = new List<(string, int, int)>();
        foreach (Constraint c in Constraints)
        {
            bool[] holds = c.Check(table);
            int first = Array.IndexOf(holds, false);
            if (first >= 0) result.Add(($"the data breaks {c.Describe()}{Detail(c, table)}", holds.Count(h => !h), first));
        }
        foreach (Inequality i in Constraints.OfType<Inequality>())
        {
            int first = -1, rows = 0;
            for (int r = 0; r < table.RowCount; r++)
                if (table[i.Low].IsMissing(r) && !table[i.High].IsMissing(r)) { rows++; if (first < 0) first = r; }
            if (rows > 0) result.Add(($"'{i.High}' has a value where '{i.Low}' is empty, so {i.Describe()} cannot be learned as a gap", rows, first));
        }
        return result;
    }

    /// <summary>Throws a <see cref="DataFormatException"/> naming every rule the data breaks.</summary>
    public void CheckData(Table table)
    {
        var violations = Violations(table);
        if (violations.Count == 0) return;
        throw new DataFormatException("The data does not meet its declared constraints: " + string.Join("; ", violations.Select(v =>
            $"{v.Problem} in {v.Rows:N0} row{(v.Rows == 1 ? "" : "s")} (first: data row {v.FirstRow + 1})")) + ". Fix the data or the constraint in the metadata.");
    }

    /// <summary>The metadata of what the synthesizer learns: constrained columns replaced by their rewritten forms.</summary>
    public Metadata Transform(Metadata learned)
    {
        ArgumentNullException.ThrowIfNull(learned);
        if (IsEmpty) return learned;
        var columns = learned.Columns.ToList();
        foreach (Constraint c in _ordered)
        {
            switch (c)
            {
                case Inequality i:
                    Replace(columns, i.High, new ColumnMetadata(i.High, ColumnType.Numerical) { Subtype = NumericalSubtype.Float });
                    break;
                case Between b:
                    Replace(columns, b.Column, new ColumnMetadata(b.Column, ColumnType.Numerical) { Subtype = NumericalSubtype.Float });
                    break;
                case FixedIncrements f:
                    ColumnMetadata m = columns.First(x => x.Name == f.Column);
                    Replace(columns, f.Column, m with
                    {
                        Subtype = NumericalSubtype.Integer,
                        Decimals = 0,
                        Minimum = m.Minimum is { } min ? Math.Round(min / f.Step) : null,
                        Maximum = m.Maximum is { } max ? Math.Round(max / f.Step) : null,
                    });
                    break;
                case FixedCombinations f:
                    Combine(columns, f.Of, x => x.Name, new ColumnMetadata(CombinedName(f), ColumnType.Categorical));
                    break;
                case OneHot o:
                    Combine(columns, o.Of, x => x.Name, new ColumnMetadata(HotName(o), ColumnType.Categorical));
                    break;
            }
        }
        columns.RemoveAll(x => Formulas.Any(f => f.Column == x.Name)); // computed after sampling, never learned
        return learned with { Columns = columns };
    }

    /// <summary>Rewrites a learned table (original values) into the form the synthesizer learns.</summary>
    public Table Forward(Table learned)
    {
        ArgumentNullException.ThrowIfNull(learned);
        if (IsEmpty) return learned;
        var columns = learned.Columns.ToList();
        foreach (Constraint c in _ordered)
        {
            switch (c)
            {
                case Inequality i:
                {
                    double unit = Unit(_learned[i.High]);
                    double[] t = Map(learned, i.Low, i.High, (low, high) =>
                    {
                        double gap = high - low;
                        if (unit > 0) { double k = Math.Round(gap / unit); return i.Strict ? Math.Log(Math.Max(1, k)) : Math.Log(Math.Max(0, k) + 1); }
                        return i.Strict ? Math.Log(Math.Max(gap, double.Epsilon)) : Math.Log(1 + Math.Max(0, gap));
                    });
                    Replace(columns, new NumericColumn(i.High, t));
                    break;
                }
                case Between b:
                {
                    int n = learned.RowCount;
                    var t = new double[n];
                    for (int r = 0; r < n; r++)
                    {
                        double x = Constraint.Value(learned[b.Column], r), low = Constraint.Value(learned[b.LowColumn], r), high = Constraint.Value(learned[b.HighColumn], r);
                        if (double.IsNaN(x) || double.IsNaN(low) || double.IsNaN(high)) { t[r] = double.NaN; continue; }
                        double p = high > low ? Math.Clamp((x - low) / (high - low), 1e-6, 1 - 1e-6) : 0.5;
                        t[r] = Math.Log(p / (1 - p));
                    }
                    Replace(columns, new NumericColumn(b.Column, t));
                    break;
                }
                case FixedIncrements f:
                    Replace(columns, new NumericColumn(f.Column, [.. ((NumericColumn)learned[f.Column]).Values.Select(v => double.IsNaN(v) ? v : Math.Round(v / f.Step))]));
                    break;
                case FixedCombinations f:
                {
                    string?[] keys = [.. Enumerable.Range(0, learned.RowCount).Select(r => JoinKey(f.Of.Select(name => ((CategoricalColumn)learned[name])[r])))];
                    Combine(columns, f.Of, x => x.Name, CategoricalColumn.FromValues(CombinedName(f), keys));
                    break;
                }
                case OneHot o:
                    Combine(columns, o.Of, x => x.Name, CategoricalColumn.FromValues(HotName(o), HotPatterns(o, learned)));
                    break;
            }
        }
        columns.RemoveAll(x => Formulas.Any(f => f.Column == x.Name));
        return new Table(columns);
    }

    /// <summary>Rebuilds sampled rows (in the learned form) into the original columns, every rule holding in every row.</summary>
    public Table Backward(Table sampled)
    {
        ArgumentNullException.ThrowIfNull(sampled);
        if (IsEmpty) return sampled;
        var byName = sampled.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        int n = sampled.RowCount;
        foreach (FixedCombinations c in _ordered.AsEnumerable().Reverse().OfType<FixedCombinations>())
        {
            var combined = (CategoricalColumn)byName[CombinedName(c)];
            byName.Remove(CombinedName(c));
            for (int k = 0; k < c.Of.Count; k++)
            {
                string?[] values = [.. Enumerable.Range(0, n).Select(r => combined[r] is { } key ? Split(key)[k] : null)];
                byName[c.Of[k]] = CategoricalColumn.FromValues(c.Of[k], values);
            }
        }
        foreach (OneHot o in _ordered.OfType<OneHot>()) ExpandHot(o, byName, n);
        // A range on a column other rules read (the low side of an inequality) is applied before they rebuild from it,
        // so clamping it cannot undo them; ranges on rebuilt columns are applied after.
        foreach (ScalarRange range in Constraints.OfType<ScalarRange>().Where(r => !_touched.Contains(r.Column))) Clamp(range, byName);
        foreach (Constraint c in _ordered)
        {
            switch (c)
            {
                case FixedIncrements f:
                {
                    int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(f.Step)) + 1, 0, 15);
                    byName[f.Column] = new NumericColumn(f.Column, [.. ((NumericColumn)byName[f.Column]).Values.Select(t => double.IsNaN(t) ? t : Math.Round(Math.Round(t) * f.Step, decimals))]);
                    break;
                }
                case Inequality i:
                {
                    ColumnMetadata high = _learned[i.High];
                    double unit = Unit(high);
                    double[] t = ((NumericColumn)byName[i.High]).Values;
                    var values = new double[n];
                    for (int r = 0; r < n; r++)
                    {
                        double low = Constraint.Value(byName[i.Low], r);
                        if (double.IsNaN(low) || double.IsNaN(t[r])) { values[r] = double.NaN; continue; }
                        double gap = unit > 0
                            ? unit * (i.Strict ? Math.Max(1, Math.Round(Math.Exp(t[r]))) : Math.Max(0, Math.Round(Math.Exp(t[r])) - 1))
                            : i.Strict ? Math.Exp(t[r]) : Math.Max(0, Math.Exp(t[r]) - 1);
                        double value = low + gap;
                        if (i.Strict && value <= low) value = Math.BitIncrement(low);
                        values[r] = value;
                    }
                    byName[i.High] = Restore(high, values);
                    break;
                }
                case Between b:
                {
                    ColumnMetadata column = _learned[b.Column];
                    double[] t = ((NumericColumn)byName[b.Column]).Values;
                    var values = new double[n];
                    double unit = Unit(column);
                    for (int r = 0; r < n; r++)
                    {
                        double low = Constraint.Value(byName[b.LowColumn], r), high = Constraint.Value(byName[b.HighColumn], r);
                        if (double.IsNaN(low) || double.IsNaN(high) || double.IsNaN(t[r])) { values[r] = double.NaN; continue; }
                        double x = low + (high - low) / (1 + Math.Exp(-t[r]));
                        if (unit > 0) x = Math.Round(x / unit) * unit;
                        values[r] = Math.Clamp(x, Math.Min(low, high), Math.Max(low, high));
                    }
                    byName[b.Column] = Restore(column, values);
                    break;
                }
            }
        }
        foreach (ScalarRange range in Constraints.OfType<ScalarRange>().Where(r => _touched.Contains(r.Column))) Clamp(range, byName);
        foreach (ConditionalNull rule in Constraints.OfType<ConditionalNull>())
        {
            Column condition = byName[rule.If];
            int[] rows = [.. Enumerable.Range(0, n).Where(condition.IsMissing)];
            if (rows.Length > 0) byName[rule.Then] = WithMissing(byName[rule.Then], rows);
        }
        foreach (ColumnFormula formula in Formulas) byName[formula.Column] = Compute(formula, byName);
        return new Table(_learned.Columns.Select(c => byName[c.Name]));
    }

    private void Clamp(ScalarRange range, Dictionary<string, Column> byName)
    {
        double unit = Unit(_learned[range.Column]);
        double low = range.Low is { } l ? (range.StrictLow ? (unit > 0 ? l + unit : Math.BitIncrement(l)) : l) : double.NegativeInfinity;
        double high = range.High is { } h ? (range.StrictHigh ? (unit > 0 ? h - unit : Math.BitDecrement(h)) : h) : double.PositiveInfinity;
        byName[range.Column] = new NumericColumn(range.Column, [.. ((NumericColumn)byName[range.Column]).Values.Select(v => double.IsNaN(v) ? v : Math.Clamp(v, low, high))]);
    }

    internal static string JoinKey(IEnumerable<string?> values) => string.Join(Separator, values.Select(v => v ?? MissingKey));

    private static string?[] Split(string key) => [.. key.Split(Separator).Select(v => v == MissingKey ? null : v)];

    private static string CombinedName(FixedCombinations f) => "\u0001combination:" + string.Join(Separator, f.Of);

    /// <summary>The grid a column's values sit on, in its own unit (seconds for datetimes); 0 for continuous.</summary>
    private static double Unit(ColumnMetadata column)
    {
        if (column.Type == ColumnType.DateTime)
        {
            string format = column.DateTimeFormat ?? "";
            return format.Contains('f') || format.Contains('F') ? 0 : format.Contains('H') || format.Contains('h') || format.Contains('s') ? 1 : 86400;
        }
        if (column.Subtype == NumericalSubtype.Integer) return 1;
        return column.Decimals is int d && d <= 15 ? Math.Pow(10, -d) : 0;
    }

    private static double[] Map(Table table, string low, string high, Func<double, double, double> map)
    {
        var result = new double[table.RowCount];
        for (int r = 0; r < result.Length; r++)
        {
            double a = Constraint.Value(table[low], r), b = Constraint.Value(table[high], r);
            result[r] = double.IsNaN(a) || double.IsNaN(b) ? double.NaN : map(a, b);
        }
        return result;
    }

    private static Column Restore(ColumnMetadata column, double[] values)
    {
        if (column.Type != ColumnType.DateTime) return new NumericColumn(column.Name, values);
        return new DateTimeColumn(column.Name, [.. values.Select(v => double.IsNaN(v) ? DateTimeColumn.Missing : (long)Math.Round(v * TimeSpan.TicksPerSecond))]);
    }

    private static Column WithMissing(Column column, int[] rows)
    {
        switch (column)
        {
            case NumericColumn numeric:
                double[] values = [.. numeric.Values];
                foreach (int r in rows) values[r] = double.NaN;
                return new NumericColumn(column.Name, values);
            case DateTimeColumn dates:
                long[] ticks = [.. dates.Ticks];
                foreach (int r in rows) ticks[r] = DateTimeColumn.Missing;
                return new DateTimeColumn(column.Name, ticks);
            case CategoricalColumn categorical:
                int[] codes = [.. categorical.Codes];
                foreach (int r in rows) codes[r] = -1;
                return new CategoricalColumn(column.Name, codes, categorical.Categories);
            default:
                return column;
        }
    }

    /// <summary>Puts <paramref name="combined"/> where the first member was and removes the members.</summary>
    private static void Combine<T>(List<T> columns, IReadOnlyList<string> members, Func<T, string> name, T combined)
    {
        int at = columns.FindIndex(x => name(x) == members[0]);
        columns.RemoveAll(x => members.Contains(name(x)));
        columns.Insert(Math.Min(at, columns.Count), combined);
    }

    private static void Replace(List<ColumnMetadata> columns, string name, ColumnMetadata replacement) =>
        columns[columns.FindIndex(c => c.Name == name)] = replacement;

    private static void Replace(List<Column> columns, Column replacement) =>
        columns[columns.FindIndex(c => c.Name == replacement.Name)] = replacement;
}
