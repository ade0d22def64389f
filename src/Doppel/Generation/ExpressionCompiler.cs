using System.Globalization;

namespace Doppel.Generation;

/// <summary>
/// Type-checks a parsed expression against the table's columns and builds closures that evaluate it per row.
/// No eval, reflection or code generation: each node becomes a small delegate calling its children.
/// Nulls propagate (any null operand gives null); <c>and</c>/<c>or</c> use three-valued logic.
/// </summary>
internal sealed class ExpressionCompiler(Func<string, ColumnSlot?> resolve)
{
    private const double TicksPerDay = TimeSpan.TicksPerDay;
    private readonly HashSet<int> _dependencies = [];

    /// <summary>Parses and compiles; throws <see cref="ExpressionException"/> with a message fit for a schema problem.</summary>
    public static CompiledExpression Compile(string text, Func<string, ColumnSlot?> resolve)
    {
        var compiler = new ExpressionCompiler(resolve);
        CompiledExpression result = compiler.Build(ExpressionParser.Parse(text));
        result.Dependencies.UnionWith(compiler._dependencies);
        return result;
    }

    /// <summary>Days since 0001-01-01 of a date literal, as date columns appear in expressions.</summary>
    public static double DaysOf(DateTime value) => value.Ticks / TicksPerDay;

    private CompiledExpression Build(ExpressionNode node) => node switch
    {
        NumberLiteral n => Number(n.Value),
        TextLiteral t => Text(t.Value),
        BooleanLiteral b => CompiledExpression.OfNumber(b.Value ? static (_, _) => 1.0 : static (_, _) => 0.0, boolean: true),
        NullLiteral => CompiledExpression.OfNull(),
        ColumnReference c => Column(c.Name),
        UnaryOperation u => Unary(u),
        BinaryOperation b => Binary(b),
        FunctionCall f => Call(f),
        _ => throw new ExpressionException("unsupported expression"),
    };

    private static CompiledExpression Number(double value) => CompiledExpression.OfNumber((_, _) => value);

    private static CompiledExpression Text(string value) => CompiledExpression.OfText((_, _) => value);

    private CompiledExpression Column(string name)
    {
        ColumnSlot slot = resolve(name) ?? throw new ExpressionException($"unknown column '{name}' in expression");
        _dependencies.Add(slot.Ordinal);
        int o = slot.Ordinal;
        switch (slot.Kind)
        {
            case ValueKind.Number: return CompiledExpression.OfNumber((f, r) => f.Numbers(o)[r]);
            case ValueKind.Boolean: return CompiledExpression.OfNumber((f, r) => f.Numbers(o)[r], boolean: true);
            case ValueKind.DateTime:
                return CompiledExpression.OfNumber((f, r) =>
                {
                    long ticks = f.Ticks(o)[r];
                    return ticks == Data.DateTimeColumn.Missing ? double.NaN : ticks / TicksPerDay;
                });
            case ValueKind.Text: return CompiledExpression.OfText((f, r) => f.Texts(o)[r]);
            default:
                string[] categories = slot.Categories!;
                return CompiledExpression.OfText((f, r) =>
                {
                    int code = f.Codes(o)[r];
                    return code < 0 ? null : categories[code];
                });
        }
    }

    private CompiledExpression Unary(UnaryOperation u)
    {
        CompiledExpression operand = Build(u.Operand);
        if (u.Operator == "-")
        {
            RequireNumber(operand, "'-'");
            var f = operand.NumberFunction!;
            return CompiledExpression.OfNumber((fr, r) => -f(fr, r));
        }
        RequireBoolean(operand, "'not'");
        var g = operand.NumberFunction!;
        return CompiledExpression.OfNumber((fr, r) => 1.0 - g(fr, r), boolean: true);
    }

    private CompiledExpression Binary(BinaryOperation b)
    {
        CompiledExpression left = Build(b.Left), right = Build(b.Right);
        switch (b.Operator)
        {
            case "and" or "or":
            {
                RequireBoolean(left, $"'{b.Operator}'");
                RequireBoolean(right, $"'{b.Operator}'");
                var l = left.NumberFunction!;
                var r = right.NumberFunction!;
                return b.Operator == "and"
                    ? CompiledExpression.OfNumber((f, i) =>
                    {
                        double a = l(f, i);
                        if (a == 0) return 0;
                        double c = r(f, i);
                        return c == 0 ? 0 : double.IsNaN(a) || double.IsNaN(c) ? double.NaN : 1;
                    }, boolean: true)
                    : CompiledExpression.OfNumber((f, i) =>
                    {
                        double a = l(f, i);
                        if (a == 1) return 1;
                        double c = r(f, i);
                        return c == 1 ? 1 : double.IsNaN(a) || double.IsNaN(c) ? double.NaN : 0;
                    }, boolean: true);
            }
            case "==" or "!=" or "<" or "<=" or ">" or ">=":
                return Compare(b.Operator, left, right);
            case "+" when left.Type == ExpressionType.Text || right.Type == ExpressionType.Text:
            {
                if (left.Type != ExpressionType.Text && left.Type != ExpressionType.Null || right.Type != ExpressionType.Text && right.Type != ExpressionType.Null)
                    throw new ExpressionException("'+' joins two texts or adds two numbers; use concat(...) to join text with a number");
                var l = left.TextFunction!;
                var r = right.TextFunction!;
                return CompiledExpression.OfText((f, i) => l(f, i) is string a && r(f, i) is string c ? a + c : null);
            }
            default:
            {
                RequireNumber(left, $"'{b.Operator}'");
                RequireNumber(right, $"'{b.Operator}'");
                var l = left.NumberFunction!;
                var r = right.NumberFunction!;
                return b.Operator switch
                {
                    "+" => CompiledExpression.OfNumber((f, i) => l(f, i) + r(f, i)),
                    "-" => CompiledExpression.OfNumber((f, i) => l(f, i) - r(f, i)),
                    "*" => CompiledExpression.OfNumber((f, i) => l(f, i) * r(f, i)),
                    // Division by zero gives null, never infinity: outputs hold no NaN or infinity.
                    "/" => CompiledExpression.OfNumber((f, i) => { double d = r(f, i); return d == 0 ? double.NaN : l(f, i) / d; }),
                    _ => CompiledExpression.OfNumber((f, i) => { double d = r(f, i); return d == 0 ? double.NaN : l(f, i) % d; }),
                };
            }
        }
    }

    private static CompiledExpression Compare(string op, CompiledExpression left, CompiledExpression right)
    {
        bool text = left.Type == ExpressionType.Text || right.Type == ExpressionType.Text;
        if (text)
        {
            if (left.Type is not (ExpressionType.Text or ExpressionType.Null) || right.Type is not (ExpressionType.Text or ExpressionType.Null))
                throw new ExpressionException($"'{op}' compares text with a number or boolean; compare values of the same type (quote text: 'DE')");
            var l = left.TextFunction!;
            var r = right.TextFunction!;
            return CompiledExpression.OfNumber((f, i) =>
            {
                string? a = l(f, i), c = r(f, i);
                if (a is null || c is null) return double.NaN;
                int order = string.CompareOrdinal(a, c);
                return Holds(op, order) ? 1 : 0;
            }, boolean: true);
        }
        if (left.Type == ExpressionType.Boolean != (right.Type == ExpressionType.Boolean) && left.Type != ExpressionType.Null && right.Type != ExpressionType.Null)
            throw new ExpressionException($"'{op}' compares a boolean with a number; compare values of the same type");
        var ln = left.NumberFunction!;
        var rn = right.NumberFunction!;
        return CompiledExpression.OfNumber((f, i) =>
        {
            double a = ln(f, i), c = rn(f, i);
            if (double.IsNaN(a) || double.IsNaN(c)) return double.NaN;
            return Holds(op, a.CompareTo(c)) ? 1 : 0;
        }, boolean: true);
    }

    private static bool Holds(string op, int order) => op switch
    {
        "==" => order == 0,
        "!=" => order != 0,
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        _ => order >= 0,
    };

    private CompiledExpression Call(FunctionCall call)
    {
        CompiledExpression[] args = [.. call.Arguments.Select(Build)];
        switch (call.Name)
        {
            case "round":
            {
                Arity(call, args, 1, 2);
                Numbers(call, args);
                var x = args[0].NumberFunction!;
                if (args.Length == 1) return CompiledExpression.OfNumber((f, i) => Math.Round(x(f, i), MidpointRounding.AwayFromZero));
                var d = args[1].NumberFunction!;
                return CompiledExpression.OfNumber((f, i) =>
                {
                    double digits = d(f, i);
                    return double.IsNaN(digits) ? double.NaN : Math.Round(x(f, i), (int)Math.Clamp(digits, 0, 15), MidpointRounding.AwayFromZero);
                });
            }
            case "floor": return Math1(call, args, Math.Floor);
            case "ceil": return Math1(call, args, Math.Ceiling);
            case "abs": return Math1(call, args, Math.Abs);
            case "sqrt": return Math1(call, args, v => v < 0 ? double.NaN : Math.Sqrt(v));
            case "ln" or "log": return Math1(call, args, v => v <= 0 ? double.NaN : Math.Log(v));
            case "exp": return Math1(call, args, v => Math.Exp(v) is var e && double.IsFinite(e) ? e : double.NaN);
            case "pow":
            {
                Arity(call, args, 2, 2);
                Numbers(call, args);
                var a = args[0].NumberFunction!;
                var b = args[1].NumberFunction!;
                return CompiledExpression.OfNumber((f, i) => Math.Pow(a(f, i), b(f, i)) is var p && double.IsFinite(p) ? p : double.NaN);
            }
            case "min" or "max":
            {
                Arity(call, args, 2, 16);
                Numbers(call, args);
                Func<Frame, int, double>[] fs = [.. args.Select(a => a.NumberFunction!)];
                bool min = call.Name == "min";
                return CompiledExpression.OfNumber((f, i) =>
                {
                    double best = fs[0](f, i);
                    for (int k = 1; k < fs.Length; k++)
                    {
                        double v = fs[k](f, i);
                        best = min ? Math.Min(best, v) : Math.Max(best, v);
                    }
                    return best;
                });
            }
            case "if":
            {
                Arity(call, args, 3, 3);
                RequireBoolean(args[0], "if(...)'s condition");
                var c = args[0].NumberFunction!;
                ExpressionType type = args[1].Type == ExpressionType.Null ? args[2].Type : args[1].Type;
                if (args[2].Type != ExpressionType.Null && args[2].Type != type)
                    throw new ExpressionException($"if(...) gives {Name(args[1].Type)} in one branch and {Name(args[2].Type)} in the other; give both branches the same type");
                if (type == ExpressionType.Text)
                {
                    var a = args[1].TextFunction!;
                    var b = args[2].TextFunction!;
                    return CompiledExpression.OfText((f, i) => c(f, i) == 1 ? a(f, i) : b(f, i));
                }
                var x = args[1].NumberFunction!;
                var y = args[2].NumberFunction!;
                return CompiledExpression.OfNumber((f, i) => c(f, i) == 1 ? x(f, i) : y(f, i), boolean: type == ExpressionType.Boolean);
            }
            case "concat":
            {
                Arity(call, args, 1, 32);
                Func<Frame, int, string?>[] parts = [.. args.Select(AsText)];
                return CompiledExpression.OfText((f, i) =>
                {
                    var builder = new System.Text.StringBuilder();
                    foreach (var part in parts) builder.Append(part(f, i));
                    return builder.ToString();
                });
            }
            case "lower" or "upper":
            {
                Arity(call, args, 1, 1);
                RequireText(args[0], call.Name + "(...)");
                var t = args[0].TextFunction!;
                bool lower = call.Name == "lower";
                return CompiledExpression.OfText((f, i) => t(f, i) is string s ? lower ? s.ToLowerInvariant() : s.ToUpperInvariant() : null);
            }
            case "length":
            {
                Arity(call, args, 1, 1);
                RequireText(args[0], "length(...)");
                var t = args[0].TextFunction!;
                return CompiledExpression.OfNumber((f, i) => t(f, i) is string s ? s.Length : double.NaN);
            }
            case "date":
            {
                Arity(call, args, 1, 1);
                if (call.Arguments[0] is not TextLiteral literal || !TryParseDate(literal.Value, out DateTime date))
                    throw new ExpressionException("date(...) takes a quoted date such as date('2024-01-31') or date('2024-01-31T08:00:00')");
                return Number(DaysOf(date));
            }
            case "year" or "month" or "day" or "weekday":
            {
                Arity(call, args, 1, 1);
                Numbers(call, args);
                var d = args[0].NumberFunction!;
                string part = call.Name;
                return CompiledExpression.OfNumber((f, i) =>
                {
                    double days = d(f, i);
                    if (!(days >= 0 && days < DateTime.MaxValue.Ticks / TicksPerDay)) return double.NaN;
                    var value = new DateTime((long)(days * TicksPerDay));
                    return part switch
                    {
                        "year" => value.Year,
                        "month" => value.Month,
                        "day" => value.Day,
                        _ => ((int)value.DayOfWeek + 6) % 7 + 1,
                    };
                });
            }
            default:
                throw new ExpressionException($"unknown function '{call.Name}'; available: abs, ceil, concat, date, day, exp, floor, if, length, ln, lower, max, min, month, pow, round, sqrt, upper, weekday, year");
        }
    }

    /// <summary>Parses a date literal: yyyy-MM-dd, optionally with a time (T or space separated).</summary>
    public static bool TryParseDate(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static Func<Frame, int, string?> AsText(CompiledExpression e)
    {
        if (e.Type is ExpressionType.Text or ExpressionType.Null) return e.TextFunction!;
        var n = e.NumberFunction!;
        if (e.Type == ExpressionType.Boolean) return (f, i) => n(f, i) is var v && double.IsNaN(v) ? null : v == 1 ? "true" : "false";
        return (f, i) => n(f, i) is var v && double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture);
    }

    private static CompiledExpression Math1(FunctionCall call, CompiledExpression[] args, Func<double, double> op)
    {
        Arity(call, args, 1, 1);
        Numbers(call, args);
        var x = args[0].NumberFunction!;
        return CompiledExpression.OfNumber((f, i) => op(x(f, i)));
    }

    private static void Arity(FunctionCall call, CompiledExpression[] args, int min, int max)
    {
        if (args.Length >= min && args.Length <= max) return;
        string wanted = min == max ? $"{min}" : max >= 16 ? $"at least {min}" : $"{min} or {max}";
        throw new ExpressionException($"{call.Name}(...) takes {wanted} argument{(max == 1 ? "" : "s")}, not {args.Length}");
    }

    private static void Numbers(FunctionCall call, CompiledExpression[] args)
    {
        foreach (CompiledExpression arg in args) RequireNumber(arg, call.Name + "(...)");
    }

    private static void RequireNumber(CompiledExpression e, string where)
    {
        if (e.Type is ExpressionType.Text or ExpressionType.Boolean)
            throw new ExpressionException($"{where} needs a number but got {Name(e.Type)}");
    }

    private static void RequireBoolean(CompiledExpression e, string where)
    {
        if (e.Type is ExpressionType.Text or ExpressionType.Number)
            throw new ExpressionException($"{where} needs a condition (true/false) but got {Name(e.Type)}; compare it, e.g. country == 'DE'");
    }

    private static void RequireText(CompiledExpression e, string where)
    {
        if (e.Type is ExpressionType.Number or ExpressionType.Boolean)
            throw new ExpressionException($"{where} needs text but got {Name(e.Type)}");
    }

    private static string Name(ExpressionType type) => type switch
    {
        ExpressionType.Number => "a number",
        ExpressionType.Text => "text",
        ExpressionType.Boolean => "a boolean",
        _ => "null",
    };
}
