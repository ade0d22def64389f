using System.Globalization;
using Doppel.Data;
using Doppel.Generation;

namespace Doppel.Constraints;

/// <summary>
/// A derived numerical column computed from others and never sampled: <c>total = round(price * quantity, 2)</c>.
/// The expression language is small and safe (parsed, never compiled or evaluated as code): column names, numbers,
/// <c>+ - * /</c>, unary minus, parentheses and the functions <c>round(x)</c>, <c>round(x, digits)</c>, <c>abs(x)</c>,
/// <c>min(a, b, …)</c>, <c>max(a, b, …)</c>. A missing input or a division by zero leaves the row's value missing.
/// The column holds when it is within <see cref="Tolerance"/> (plus a relative 1e-9 for floating point) of the formula.
/// </summary>
public sealed record ColumnFormula(string Column, string Expression, double Tolerance = 0) : Constraint
{
    private static readonly string[] Functions = ["round", "abs", "min", "max"];

    public override string Type => "formula";

    public override IReadOnlyList<string> Columns => [Column, .. Inputs];

    /// <summary>The columns the formula reads, in order of first use (none when it does not parse).</summary>
    public IReadOnlyList<string> Inputs => Parsed.Node is { } node ? [.. References(node).Distinct(StringComparer.Ordinal)] : [];

    private (ExpressionNode? Node, string? Error) Parsed => field.Node is null && field.Error is null ? field = Parse(Expression) : field;

    /// <summary>Every problem with the expression itself: syntax (with the position), operators and functions outside the language.</summary>
    public IReadOnlyList<string> ExpressionProblems()
    {
        if (Parsed.Error is { } error) return [$"the formula \"{Expression}\" does not parse: {error}"];
        var problems = new List<string>();
        Validate(Parsed.Node!, problems);
        return problems;
    }

    /// <summary>The formula's value in every row (NaN where an input is missing or the result is not finite).</summary>
    public double[] Evaluate(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (Parsed.Node is not { } node || ExpressionProblems().Count > 0)
            throw new MetadataException([$"Formula for '{Column}': {string.Join("; ", ExpressionProblems())}"]);
        double[] result = Evaluate(node, name => Numbers(table[name]), table.RowCount);
        for (int r = 0; r < result.Length; r++) if (!double.IsFinite(result[r])) result[r] = double.NaN;
        return result;
    }

    public override bool[] Check(Table table, Table? real = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        double[] expected = Evaluate(table);
        double[] actual = Numbers(table[Column]);
        var result = new bool[table.RowCount];
        for (int r = 0; r < result.Length; r++) result[r] = Error(expected[r], actual[r]) <= 0;
        return result;
    }

    /// <summary>The row furthest from the formula beyond the tolerance, or null when every row holds.</summary>
    public (int Row, double Expected, double Actual)? Worst(Table table)
    {
        double[] expected = Evaluate(table);
        double[] actual = Numbers(table[Column]);
        (int, double, double)? worst = null;
        double largest = 0;
        for (int r = 0; r < expected.Length; r++)
        {
            double error = Error(expected[r], actual[r]);
            if (error > largest) { largest = error; worst = (r, expected[r], actual[r]); }
        }
        return worst;
    }

    /// <summary>How far beyond the tolerance a value is (≤ 0 when it holds); a missing input means the rule does not apply.</summary>
    private double Error(double expected, double actual)
    {
        if (double.IsNaN(expected)) return 0;
        if (double.IsNaN(actual)) return double.PositiveInfinity;
        return Math.Abs(actual - expected) - Tolerance - 1e-9 * Math.Max(1, Math.Abs(expected));
    }

    public override string Describe() => $"{Column} = {Expression}";

    public bool Equals(ColumnFormula? other) =>
        other is not null && Column == other.Column && Expression == other.Expression && Tolerance.Equals(other.Tolerance);

    public override int GetHashCode() => HashCode.Combine(Column, Expression, Tolerance);

    private static (ExpressionNode?, string?) Parse(string expression)
    {
        try
        {
            return (ExpressionParser.Parse(expression ?? ""), null);
        }
        catch (ExpressionException e)
        {
            return (null, e.Message);
        }
    }

    private static IEnumerable<string> References(ExpressionNode node) => node switch
    {
        ColumnReference c => [c.Name],
        UnaryOperation u => References(u.Operand),
        BinaryOperation b => References(b.Left).Concat(References(b.Right)),
        FunctionCall f => f.Arguments.SelectMany(References),
        _ => [],
    };

    private static void Validate(ExpressionNode node, List<string> problems)
    {
        switch (node)
        {
            case NumberLiteral or ColumnReference:
                return;
            case UnaryOperation { Operator: "-" } u:
                Validate(u.Operand, problems);
                return;
            case BinaryOperation { Operator: "+" or "-" or "*" or "/" } b:
                Validate(b.Left, problems);
                Validate(b.Right, problems);
                return;
            case BinaryOperation b:
                problems.Add($"the operator '{b.Operator}' is not allowed in a formula; use + - * / and parentheses.");
                return;
            case FunctionCall f:
                int count = f.Arguments.Length;
                string? arity = f.Name switch
                {
                    "round" when count is not (1 or 2) => "round(x) or round(x, digits)",
                    "abs" when count != 1 => "abs(x)",
                    "min" or "max" when count < 2 => $"{f.Name}(a, b, …) with at least two arguments",
                    _ => null,
                };
                if (!Functions.Contains(f.Name)) problems.Add($"the function '{f.Name}' is not allowed; use {string.Join(", ", Functions)}.");
                else if (arity is not null) problems.Add($"'{f.Name}' takes {arity}; it was given {count} argument{(count == 1 ? "" : "s")}.");
                foreach (ExpressionNode argument in f.Arguments) Validate(argument, problems);
                return;
            case TextLiteral or BooleanLiteral or NullLiteral:
                problems.Add("a formula computes a number: text, true, false and null are not allowed.");
                return;
            default:
                problems.Add($"'{node}' is not allowed in a formula.");
                return;
        }
    }

    private static double[] Evaluate(ExpressionNode node, Func<string, double[]> column, int rows)
    {
        double[] Each(ExpressionNode n) => Evaluate(n, column, rows);
        double[] Map(double[] a, Func<double, double> f) { var r = new double[rows]; for (int i = 0; i < rows; i++) r[i] = f(a[i]); return r; }
        double[] Zip(double[] a, double[] b, Func<double, double, double> f) { var r = new double[rows]; for (int i = 0; i < rows; i++) r[i] = f(a[i], b[i]); return r; }
        switch (node)
        {
            case NumberLiteral n:
                var constant = new double[rows];
                Array.Fill(constant, n.Value);
                return constant;
            case ColumnReference c:
                return column(c.Name);
            case UnaryOperation u:
                return Map(Each(u.Operand), x => -x);
            case BinaryOperation b:
                Func<double, double, double> op = b.Operator switch
                {
                    "+" => (x, y) => x + y,
                    "-" => (x, y) => x - y,
                    "*" => (x, y) => x * y,
                    _ => (x, y) => x / y,
                };
                return Zip(Each(b.Left), Each(b.Right), op);
            case FunctionCall { Name: "abs" } f:
                return Map(Each(f.Arguments[0]), Math.Abs);
            case FunctionCall { Name: "round" } f:
                return f.Arguments.Length == 1 ? Map(Each(f.Arguments[0]), x => Math.Round(x, MidpointRounding.AwayFromZero)) : Zip(Each(f.Arguments[0]), Each(f.Arguments[1]), Round);
            case FunctionCall { Name: "min" or "max" } f:
                bool min = f.Name == "min";
                double[] result = Each(f.Arguments[0]);
                foreach (ExpressionNode argument in f.Arguments.Skip(1)) result = Zip(result, Each(argument), min ? Math.Min : Math.Max);
                return result;
            default:
                throw new InvalidOperationException($"Formula node {node} was not validated.");
        }
    }

    /// <summary>Half away from zero, as spreadsheets round; negative digits round to tens, hundreds, ….</summary>
    private static double Round(double x, double digits)
    {
        if (double.IsNaN(x) || double.IsNaN(digits)) return double.NaN;
        int d = (int)Math.Clamp(Math.Round(digits), -15, 15);
        if (d >= 0) return Math.Round(x, d, MidpointRounding.AwayFromZero);
        double scale = Math.Pow(10, -d);
        return Math.Round(x / scale, MidpointRounding.AwayFromZero) * scale;
    }

    internal static double[] Numbers(Column column)
    {
        if (column is NumericColumn numeric) return numeric.Values;
        var result = new double[column.Length];
        for (int r = 0; r < result.Length; r++) result[r] = Value(column, r);
        return result;
    }

    internal static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
