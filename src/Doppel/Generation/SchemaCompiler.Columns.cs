using System.Globalization;
using Doppel.Data;
using Doppel.Privacy;

namespace Doppel.Generation;

// Columns: one generator per column, compiled on demand so that a column referenced by an expression is built
// first; the order in which columns finish is the order in which a block fills them.
internal sealed partial class SchemaCompiler
{
    /// <summary>Generator type names other than the fake-value ones.</summary>
    private static readonly string[] CoreTypes =
        ["sequence", "uuid", "uniform", "normal", "lognormal", "exponential", "poisson", "zipf", "categorical", "boolean", "date", "datetime", "pattern", "regex", "reference"];

    private static readonly string[] CommonKeys = ["type", "null_rate", "when", "else", "unique", "description"];

    /// <summary>Thrown to abandon a column whose dependency already has a reported problem.</summary>
    private sealed class SkipColumn : Exception;

    public static IEnumerable<string> AllTypes => CoreTypes.Concat(FakeValues.Types.Keys).Order(StringComparer.Ordinal);

    private static bool IsType(string text) => CoreTypes.Contains(text) || FakeValues.Types.ContainsKey(text);

    private ColumnPlan? CompileColumn(TableContext context, int ordinal)
    {
        switch (context.States[ordinal])
        {
            case 2: return context.Plans![ordinal];
            case 3: throw new SkipColumn();
            case 1:
            {
                int start = context.Stack.IndexOf(context.Names[ordinal]);
                _problems.Add($"{context.Path}.columns.{context.Names[ordinal]}: columns depend on each other in a cycle ({string.Join(" → ", context.Stack.Skip(start).Append(context.Names[ordinal]))})");
                throw new SkipColumn();
            }
        }
        context.States[ordinal] = 1;
        context.Stack.Add(context.Names[ordinal]);
        ColumnPlan? plan = null;
        try
        {
            plan = BuildColumn(context, ordinal);
        }
        catch (SkipColumn) when (context.Stack.Count > 1)
        {
            context.Stack.RemoveAt(context.Stack.Count - 1);
            context.States[ordinal] = 3;
            throw;
        }
        catch (SkipColumn)
        {
        }
        context.Stack.RemoveAt(context.Stack.Count - 1);
        context.States[ordinal] = plan is null ? 3 : 2;
        if (plan is null) return null;
        context.Plans![ordinal] = plan;
        context.Plan.FillOrder.Add(ordinal);
        return plan;
    }

    private ColumnPlan? BuildColumn(TableContext context, int ordinal)
    {
        string name = context.Names[ordinal];
        string path = $"{context.Path}.columns.{name}";
        SchemaNode node = context.Specs[ordinal];
        MapNode map;
        if (node is ScalarNode scalar)
        {
            // A bare word that names a generator is that generator; anything else is an expression.
            map = IsType(scalar.Text.Trim()) ? new MapNode().Set("type", scalar.Text.Trim()) : new MapNode().Set("expression", scalar.Text);
        }
        else if (node is MapNode m) map = m;
        else
        {
            _problems.Add($"{path}: expected a generator (e.g. {{ type: normal, mean: 0, sd: 1 }}) or an expression but found {node.Describe()}");
            return null;
        }

        var reader = new SpecReader(map, path, _problems);
        string? type = reader.Text("type");
        string? expression = reader.Text("expression");
        if (type is null == (expression is null))
        {
            reader.Problem(type is null ? $"give a 'type' (one of {string.Join(", ", AllTypes)}) or an 'expression'" : "give either 'type' or 'expression', not both");
            return null;
        }
        if (type is not null && !IsType(type))
        {
            reader.Problem($"unknown generator '{type}'; available: {string.Join(", ", AllTypes)}");
            return null;
        }
        var column = new ColumnBuild(context, reader, ordinal, name);
        ColumnPlan? core = expression is not null ? BuildExpression(column, expression) : BuildTyped(column, type!);
        double nullRate = reader.Number("null_rate", min: 0, max: 1) ?? 0;
        string? whenText = reader.Text("when");
        string? elseText = reader.Text("else");
        bool unique = reader.Boolean("unique");
        reader.Allow("description");
        reader.RejectUnknown(type is null ? "an expression column" : $"a '{type}' column");
        if (core is null) return null;
        if (unique && !column.UniqueHandled)
            reader.Problem("unique", $"'{type ?? "expression"}' columns cannot be made unique by construction; unique works for sequence, uuid, uniform with decimals 0, pattern, email and username");
        if (unique && (nullRate > 0 || whenText is not null))
            reader.Problem("unique", "a unique column cannot also have a null rate or a condition");

        core.Ordinal = ordinal;
        if (context.Groups.TryGetValue(ordinal, out CorrelationGroup? group)) core = JoinGroup(context, column, group, core);
        if (core is null) return null;
        core.Ordinal = ordinal;
        core.Root ??= context.Plan.Root.Fork("column:" + name);

        CompiledExpression? when = whenText is null ? null : Condition(column, "when", whenText);
        CompiledExpression? otherwise = elseText is null ? null : Otherwise(column, core, elseText);
        if (elseText is not null && whenText is null) reader.Problem("else", "'else' needs a 'when' condition");
        ColumnPlan plan = core;
        if (nullRate > 0 || when is not null)
        {
            plan = new MaskedPlan(core, nullRate, when, otherwise, context.Plan.Root.Fork("nulls:" + name))
            {
                Ordinal = ordinal,
                Categories = core.Categories,
                Root = core.Root,
            };
        }
        context.Metadata![ordinal] = column.Metadata ?? DefaultMetadata(name, core);
        if (column.IsKey && context.PrimaryKey is null) context.PrimaryKey = name;
        return plan;
    }

    private ColumnPlan? JoinGroup(TableContext context, ColumnBuild column, CorrelationGroup group, ColumnPlan core)
    {
        if (core is not IQuantileColumn member || core is DistributionPlan { HasRowBounds: true })
        {
            column.Reader.Problem("correlations list this column, but only numeric distributions with constant bounds, categorical and boolean columns can be correlated");
            return null;
        }
        int position = Array.IndexOf(group.Ordinals, column.Ordinal);
        group.Members[position] = member;
        if (position == 0) return new CopulaPlan(core, group.Members, group.Cholesky) { Categories = core.Categories, Root = group.Root };
        // The group fills every member in its first column's slot, so later members come after it.
        if (CompileColumn(context, group.Ordinals[0]) is null) throw new SkipColumn();
        var follower = new FilledByGroupPlan(core.Kind) { Categories = core.Categories };
        follower.Dependencies.Add(group.Ordinals[0]);
        return follower;
    }

    private static ColumnMetadata DefaultMetadata(string name, ColumnPlan plan) => plan.Kind switch
    {
        ValueKind.Number => new ColumnMetadata(name, ColumnType.Numerical) { Subtype = NumericalSubtype.Float },
        ValueKind.Boolean => new ColumnMetadata(name, ColumnType.Boolean),
        ValueKind.Category => new ColumnMetadata(name, ColumnType.Categorical),
        ValueKind.DateTime => new ColumnMetadata(name, ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd HH:mm:ss" },
        _ => new ColumnMetadata(name, ColumnType.Text),
    };

    /// <summary>What one column's builders share: where it is, its reader, and what they decided about it.</summary>
    private sealed class ColumnBuild(TableContext context, SpecReader reader, int ordinal, string name)
    {
        public TableContext Context { get; } = context;
        public SpecReader Reader { get; } = reader;
        public int Ordinal { get; } = ordinal;
        public string Name { get; } = name;
        public ColumnMetadata? Metadata { get; set; }
        public bool UniqueHandled { get; set; }
        public bool IsKey { get; set; }
        public string Locale => Reader.Text("locale") ?? Context.Locale;
    }

    private Func<string, ColumnSlot?> Resolver(ColumnBuild column) => name =>
    {
        if (!column.Context.Ordinals.TryGetValue(name, out int ordinal)) return null;
        ColumnPlan plan = CompileColumn(column.Context, ordinal) ?? throw new SkipColumn();
        return new ColumnSlot(ordinal, plan.Kind, plan.Categories);
    };

    private CompiledExpression? Expression(ColumnBuild column, string key, string text, bool atColumn = false)
    {
        try
        {
            return ExpressionCompiler.Compile(text, Resolver(column));
        }
        catch (ExpressionException e)
        {
            if (atColumn) column.Reader.Problem(e.Message);
            else column.Reader.Problem(key, e.Message + " in expression");
            return null;
        }
    }

    private ColumnPlan? BuildExpression(ColumnBuild column, string text)
    {
        int? decimals = column.Reader.Integer("decimals", 0, MetadataValidator.MaxDecimals);
        CompiledExpression? expression = Expression(column, "expression", text, atColumn: true);
        if (expression is null) return null;
        switch (expression.Type)
        {
            case ExpressionType.Text:
                return new ExpressionPlan(expression, ValueKind.Text, null);
            case ExpressionType.Boolean:
                return new ExpressionPlan(expression, ValueKind.Boolean, null);
            case ExpressionType.Null:
                column.Reader.Problem("the expression is always null; give a value");
                return null;
            default:
                // Products of prices carry binary noise (19.99 * 3 = 59.970000000000006): six decimals hide it.
                int places = decimals ?? 6;
                column.Metadata = new ColumnMetadata(column.Name, ColumnType.Numerical)
                {
                    Subtype = places == 0 ? NumericalSubtype.Integer : NumericalSubtype.Float,
                    Decimals = places,
                };
                return new ExpressionPlan(expression, ValueKind.Number, places);
        }
    }

    private CompiledExpression? Condition(ColumnBuild column, string key, string text)
    {
        CompiledExpression? condition = Expression(column, key, text);
        if (condition is not null && condition.Type != ExpressionType.Boolean)
        {
            column.Reader.Problem(key, "must be a condition (true or false), such as country == 'DE'");
            return null;
        }
        return condition;
    }

    private CompiledExpression? Otherwise(ColumnBuild column, ColumnPlan core, string text)
    {
        CompiledExpression? value = Expression(column, "else", text);
        if (value is null) return null;
        bool fits = core.Kind switch
        {
            ValueKind.Text or ValueKind.Category => value.Type is ExpressionType.Text or ExpressionType.Null,
            ValueKind.Boolean => value.Type is ExpressionType.Boolean or ExpressionType.Null,
            _ => value.Type is ExpressionType.Number or ExpressionType.Null,
        };
        if (!fits)
        {
            column.Reader.Problem("else", $"gives a value of another type than the column's own values; give {(core.Kind is ValueKind.Text or ValueKind.Category ? "text (quoted)" : core.Kind == ValueKind.Boolean ? "true or false" : "a number")}");
            return null;
        }
        if (core.Kind == ValueKind.Category && value.Type == ExpressionType.Text)
        {
            if (!value.IsConstant)
            {
                column.Reader.Problem("else", "for a categorical column, 'else' must be a fixed value such as 'none'");
                return null;
            }
            string constant = value.Text(new Frame(1, 0, 0, 0), 0)!;
            if (!core.Categories!.Contains(constant)) core.Categories = [.. core.Categories!, constant];
        }
        return value;
    }

    /// <summary>A numeric bound: a number, or an expression over other columns (an inequality between columns).</summary>
    private (double Constant, CompiledExpression? Expression) NumberBound(ColumnBuild column, string key, double absent)
    {
        string? text = column.Reader.Text(key);
        if (text is null) return (absent, null);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)) return (value, null);
        CompiledExpression? expression = Expression(column, key, text);
        if (expression is null) return (absent, null);
        if (expression.Type != ExpressionType.Number)
        {
            column.Reader.Problem(key, "must be a number or a numeric expression such as 'price * 1.2'");
            return (absent, null);
        }
        return expression.IsConstant ? (expression.Constant(), null) : (absent, expression);
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
