using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>The rules added after the first set: one-hot groups, formulas, uniqueness and predicates.</summary>
public sealed partial class ConstraintSet
{
    /// <summary>The formulas, in declaration order (which is also the order they are computed in).</summary>
    internal IReadOnlyList<ColumnFormula> Formulas { get; }

    /// <summary>The uniqueness rules, settled across blocks by the sampler.</summary>
    public IReadOnlyList<Unique> Uniques { get; }

    /// <summary>The rules written as code, met by rejection.</summary>
    public IReadOnlyList<PredicateConstraint> Predicates { get; }

    private static void ShapeProblems(Metadata metadata, Constraint c, string label, List<string> problems)
    {
        switch (c)
        {
            case OneHot o when o.Of.Count < 2 || o.Of.Any(n => metadata[n].Type is not (ColumnType.Numerical or ColumnType.Boolean)):
                problems.Add($"{label}: give at least two numerical (0/1) or boolean columns.");
                break;
            case Unique u when u.Of.Count == 0:
                problems.Add($"{label}: give at least one column.");
                break;
            case ColumnFormula f when metadata[f.Column].Type != ColumnType.Numerical:
                problems.Add($"{label}: the computed column '{f.Column}' must be numerical.");
                break;
            case ColumnFormula f when f.Inputs.FirstOrDefault(n => n != f.Column && metadata[n].Type != ColumnType.Numerical) is { } input:
                problems.Add($"{label}: the formula reads '{input}', which is {metadata[input].Type.ToString().ToLowerInvariant()}; formulas read numerical columns.");
                break;
        }
    }

    /// <summary>Formulas: syntax, a formula reading itself, cycles, use before definition, computed columns constrained otherwise.</summary>
    private static void FormulaProblems(Metadata metadata, List<string> problems)
    {
        IReadOnlyList<Constraint> all = metadata.Constraints;
        var definedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < all.Count; k++)
            if (all[k] is ColumnFormula f) definedAt.TryAdd(f.Column, k);
        for (int k = 0; k < all.Count; k++)
        {
            if (all[k] is not ColumnFormula formula) continue;
            string label = $"constraint {k + 1} ({formula.Type}: {formula.Describe()})";
            foreach (string problem in formula.ExpressionProblems()) problems.Add($"{label}: {problem}");
            if (formula.Inputs.Contains(formula.Column)) problems.Add($"{label}: the formula reads its own column '{formula.Column}'.");
            foreach (string input in formula.Inputs)
            {
                if (input == formula.Column || !definedAt.TryGetValue(input, out int j) || j < k) continue;
                if (Reaches(all, j, formula.Column, [])) problems.Add($"{label}: formulas form a cycle: '{formula.Column}' is computed from '{input}', which is computed (directly or not) from '{formula.Column}'.");
                else problems.Add($"{label}: the formula uses '{input}' before constraint {j + 1} computes it; declare that formula first.");
            }
            for (int other = 0; other < all.Count; other++)
                if (all[other] is not (ColumnFormula or PredicateConstraint or Unique) && all[other].Columns.Contains(formula.Column))
                    problems.Add($"{label}: '{formula.Column}' is computed by the formula, so constraint {other + 1} ({all[other].Describe()}) cannot shape it; constrain the formula's inputs instead.");
        }
    }

    /// <summary>Whether the formula at <paramref name="at"/> reads <paramref name="target"/>, directly or through other formulas.</summary>
    private static bool Reaches(IReadOnlyList<Constraint> all, int at, string target, HashSet<int> visited)
    {
        if (!visited.Add(at) || all[at] is not ColumnFormula formula) return false;
        foreach (string input in formula.Inputs)
        {
            if (input == target) return true;
            for (int j = 0; j < all.Count; j++)
                if (all[j] is ColumnFormula f && f.Column == input && Reaches(all, j, target, visited)) return true;
        }
        return false;
    }

    private static string Detail(Constraint c, Table table) =>
        c is ColumnFormula formula && formula.Worst(table) is { } worst
            ? $" (worst: data row {worst.Row + 1} holds {(double.IsNaN(worst.Actual) ? "nothing" : ColumnFormula.Format(worst.Actual))} where the formula gives {ColumnFormula.Format(worst.Expected)})"
            : "";

    private static string HotName(OneHot o) => "\u0001hot:" + string.Join(Separator, o.Of);

    /// <summary>Each row's values of the members as one key ("0␟1␟0" or "false␟true␟false"), keeping the data's spelling.</summary>
    private static string?[] HotPatterns(OneHot o, Table learned) =>
        [.. Enumerable.Range(0, learned.RowCount).Select(r => JoinKey(o.Of.Select(name => learned[name] switch
        {
            NumericColumn numeric => numeric.Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            CategoricalColumn categorical => categorical[r],
            _ => null,
        })))];

    /// <summary>Expands the learned patterns into the members.</summary>
    private void ExpandHot(OneHot o, Dictionary<string, Column> byName, int n)
    {
        var patterns = (CategoricalColumn)byName[HotName(o)];
        byName.Remove(HotName(o));
        var values = new string?[o.Of.Count][];
        for (int k = 0; k < values.Length; k++) values[k] = new string?[n];
        for (int r = 0; r < n; r++)
        {
            // The data has exactly one hot member in every row, so the model never learned a missing pattern; should
            // one appear, the first member is made hot so the rule still holds.
            string?[] parts = patterns[r] is { } key ? Split(key) : [.. o.Of.Select((name, k) => _learned[name].Type == ColumnType.Boolean ? (k == 0 ? "true" : "false") : (k == 0 ? "1" : "0"))];
            for (int k = 0; k < values.Length; k++) values[k][r] = parts[k];
        }
        for (int k = 0; k < o.Of.Count; k++)
        {
            string member = o.Of[k];
            byName[member] = _learned[member].Type == ColumnType.Boolean
                ? CategoricalColumn.FromValues(member, values[k])
                : new NumericColumn(member, [.. values[k].Select(v => double.Parse(v!, System.Globalization.CultureInfo.InvariantCulture))]);
        }
    }

    /// <summary>The formula over the restored columns, rounded as the column is written (its decimals, or whole numbers).</summary>
    private Column Compute(ColumnFormula formula, Dictionary<string, Column> byName)
    {
        double[] values = formula.Evaluate(new Table(formula.Inputs.Select(name => byName[name])));
        ColumnMetadata column = _learned[formula.Column];
        int? decimals = column.Subtype == NumericalSubtype.Integer ? 0 : column.Decimals;
        if (decimals is int d)
            for (int r = 0; r < values.Length; r++) values[r] = Math.Round(values[r], Math.Clamp(d, 0, 15), MidpointRounding.AwayFromZero);
        return new NumericColumn(formula.Column, values);
    }
}
