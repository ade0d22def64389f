using Doppel.Data;
using Doppel.Privacy;

namespace Doppel.Generation;

// The generator types: distributions, keys, dates, shapes, fake values and references.
internal sealed partial class SchemaCompiler
{
    private ColumnPlan? BuildTyped(ColumnBuild column, string type)
    {
        SpecReader reader = column.Reader;
        switch (type)
        {
            case "sequence":
            {
                double start = reader.Number("start") ?? 1, step = reader.Number("step") ?? 1;
                if (step == 0) reader.Problem("step", "must not be 0 (the values would repeat)");
                column.UniqueHandled = step != 0;
                column.IsKey = true;
                bool whole = start == Math.Floor(start) && step == Math.Floor(step);
                column.Metadata = new ColumnMetadata(column.Name, ColumnType.Id) { Subtype = whole ? NumericalSubtype.Integer : NumericalSubtype.Float };
                return new KeyPlan(new SequenceKey(start, step));
            }
            case "uuid":
                column.UniqueHandled = true;
                column.IsKey = true;
                column.Metadata = new ColumnMetadata(column.Name, ColumnType.Id) { Pattern = "########-####-####-####-############" };
                return new KeyPlan(new UuidKey(column.Context.Plan.Root.Fork("column:" + column.Name).NextUInt64()));
            case "uniform" or "normal" or "lognormal" or "exponential" or "poisson" or "zipf":
                return BuildDistribution(column, type);
            case "categorical":
                return BuildCategorical(column);
            case "boolean":
            {
                double p = reader.Number("p", min: 0, max: 1) ?? 0.5;
                return new BooleanPlan(p);
            }
            case "date" or "datetime":
                return BuildDate(column, type == "date");
            case "pattern":
                return BuildPattern(column);
            case "regex":
            {
                string? regex = reader.Text("regex", required: true);
                if (regex is null) return null;
                try
                {
                    RegexGenerator generator = RegexGenerator.Compile(regex);
                    return new TextPlan(generator.Next);
                }
                catch (ExpressionException e)
                {
                    reader.Problem("regex", e.Message);
                    return null;
                }
            }
            case "reference":
                return BuildReference(column);
            default:
                return BuildFake(column, type);
        }
    }

    /// <summary>The distribution a type names, from its parameters (shared by columns and child counts).</summary>
    private static NumberDistribution? ReadDistribution(SpecReader reader, string type, bool integerDefault)
    {
        switch (type)
        {
            case "uniform":
            {
                double? low = reader.Number("min", required: true), high = reader.Number("max", required: true);
                if (low is null || high is null) return null;
                if (low > high) { reader.Problem("max", $"must be at least min ({Invariant(low.Value)})"); return null; }
                bool integer = integerDefault || reader.Boolean("integer");
                return new UniformDistribution(low.Value, high.Value, integer);
            }
            case "normal":
            {
                double? mean = reader.Number("mean", required: true), sd = reader.Number("sd", required: true, min: 0, exclusiveMin: true);
                return mean is null || sd is null ? null : new NormalDistribution(mean.Value, sd.Value);
            }
            case "lognormal":
            {
                double? mu = reader.Number("mu", required: true), sigma = reader.Number("sigma", required: true, min: 0, exclusiveMin: true);
                return mu is null || sigma is null ? null : new LogNormalDistribution(mu.Value, sigma.Value);
            }
            case "exponential":
            {
                double? rate = reader.Number("rate", min: 0, exclusiveMin: true), mean = reader.Number("mean", min: 0, exclusiveMin: true);
                if (rate is null == (mean is null))
                {
                    reader.Problem("give either 'rate' or 'mean'");
                    return null;
                }
                return new ExponentialDistribution(rate ?? 1 / mean!.Value);
            }
            case "poisson":
            {
                double? mean = reader.Number("mean", required: true, min: 0, exclusiveMin: true);
                return mean is null ? null : new PoissonDistribution(mean.Value);
            }
            case "zipf":
            {
                int? n = reader.Integer("n", 1, 10_000_000, required: true);
                double s = reader.Number("s", min: 0, exclusiveMin: true) ?? 1;
                return n is null ? null : IndexDistribution.Zipf(n.Value, s);
            }
            default:
                reader.Problem("type", $"'{type}' is not a numeric distribution; use uniform, normal, lognormal, exponential, poisson or zipf");
                return null;
        }
    }

    private ColumnPlan? BuildDistribution(ColumnBuild column, string type)
    {
        SpecReader reader = column.Reader;
        bool discrete = type is "poisson" or "zipf";
        if (type == "zipf" && reader.Has("values")) return BuildCategorical(column);
        bool unique = type == "uniform" && reader.Map["unique"] is ScalarNode { Text: "true" };
        int? decimals = reader.Integer("decimals", 0, MetadataValidator.MaxDecimals);
        bool integer = discrete || decimals == 0 || (type == "uniform" && reader.Map["integer"] is ScalarNode { Text: "true" });
        int places = integer ? 0 : decimals ?? 2;
        column.Metadata = new ColumnMetadata(column.Name, ColumnType.Numerical) { Subtype = integer ? NumericalSubtype.Integer : NumericalSubtype.Float, Decimals = places };

        if (type == "uniform")
        {
            // For uniform, min and max are the distribution itself; either may be an expression over other columns.
            var (low, lowExpression) = NumberBound(column, "min", double.NaN);
            var (high, highExpression) = NumberBound(column, "max", double.NaN);
            reader.Boolean("integer");
            if (!reader.Has("min") || !reader.Has("max")) { reader.Problem("uniform needs 'min' and 'max'"); return null; }
            if (double.IsNaN(low) && lowExpression is null || double.IsNaN(high) && highExpression is null) return null;
            if (lowExpression is null && highExpression is null)
            {
                if (low > high) { reader.Problem("max", $"must be at least min ({Invariant(low)})"); return null; }
                if (integer && Math.Ceiling(low) > Math.Floor(high)) { reader.Problem("max", "the range holds no whole number"); return null; }
                if (unique) return UniqueInteger(column, low, high);
                var fixedRange = new UniformDistribution(low, high, integer);
                return new DistributionPlan(fixedRange, low, high, null, null, places);
            }
            // Per-row bounds: draw a standard uniform and place it in [low, high] of the row.
            return new RowUniformPlan(low, high, lowExpression, highExpression, integer, places);
        }

        NumberDistribution? distribution = ReadDistribution(reader, type, integerDefault: false);
        var (min, minExpression) = NumberBound(column, "min", double.NegativeInfinity);
        var (max, maxExpression) = NumberBound(column, "max", double.PositiveInfinity);
        if (distribution is null) return null;
        if (type == "zipf" && (minExpression is not null || maxExpression is not null)) { reader.Problem("zipf ranks take constant bounds only"); return null; }
        if (min > max) { reader.Problem("max", $"must be at least min ({Invariant(min)})"); return null; }
        if (type == "lognormal" || type == "exponential") min = Math.Max(min, 0);
        // Zipf draws ranks 1..n: the distribution counts from 0, so shift by one.
        return new DistributionPlan(distribution, min, max, minExpression, maxExpression, places, shift: type == "zipf" ? 1 : 0);
    }

    private ColumnPlan? UniqueInteger(ColumnBuild column, double low, double high)
    {
        long first = (long)Math.Ceiling(low), last = (long)Math.Floor(high);
        ulong size = (ulong)(last - first) + 1;
        if (size < (ulong)column.Context.Plan.Rows)
        {
            column.Reader.Problem("unique", $"the range [{first}, {last}] holds {size} whole numbers, fewer than the {column.Context.Plan.Rows} rows; widen the range");
            return null;
        }
        column.UniqueHandled = true;
        return new KeyPlan(new UniqueIntegerKey(first, new Permutation(size, column.Context.Plan.Root.Fork("column:" + column.Name).NextUInt64())));
    }

    private ColumnPlan? BuildCategorical(ColumnBuild column)
    {
        SpecReader reader = column.Reader;
        SchemaNode? values = reader.Node("values");
        double exponent = reader.Map["type"] is ScalarNode { Text: "zipf" } ? reader.Number("s", min: 0, exclusiveMin: true) ?? 1 : 0;
        var categories = new List<string>();
        var weights = new List<double>();
        switch (values)
        {
            case ListNode list:
                foreach (SchemaNode item in list.Items)
                {
                    if (item is ScalarNode s) { categories.Add(s.Text); weights.Add(1); }
                    else reader.Problem("values", $"expected plain values but found {item.Describe()}; for weights write a mapping value: weight");
                }
                break;
            case MapNode map:
                if (exponent > 0) { reader.Problem("values", "zipf takes a list of values in rank order (its weights come from the ranks)"); return null; }
                foreach (var (key, node) in map.Entries)
                {
                    if (node is ScalarNode s && double.TryParse(s.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double w) && w >= 0 && double.IsFinite(w))
                    {
                        categories.Add(key);
                        weights.Add(w);
                    }
                    else
                    {
                        reader.Problem("values", $"the weight of '{key}' must be a number ≥ 0");
                        return null;
                    }
                }
                break;
            default:
                reader.Problem("values", values is null ? "is required: a list of values or a mapping of value: weight" : $"expected a list or mapping but found {values.Describe()}");
                return null;
        }
        if (categories.Count == 0 || weights.Sum() <= 0) { reader.Problem("values", "needs at least one value with a positive weight"); return null; }
        if (categories.Distinct().Count() != categories.Count) { reader.Problem("values", "lists a value twice"); return null; }
        if (exponent > 0) for (int k = 0; k < weights.Count; k++) weights[k] = Math.Pow(k + 1, -exponent);
        return new CategoricalPlan([.. categories], new IndexDistribution(weights));
    }

    private ColumnPlan? BuildDate(ColumnBuild column, bool dateOnly)
    {
        SpecReader reader = column.Reader;
        string format = reader.Text("format") ?? (dateOnly ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss");
        if (DateTimeFormats.Problem(format) is string formatProblem) reader.Problem("format", formatProblem);
        column.Metadata = new ColumnMetadata(column.Name, ColumnType.DateTime) { DateTimeFormat = format };
        var (low, lowExpression) = DateBound(column, "min", new DateTime(2000, 1, 1));
        var (high, highExpression) = DateBound(column, "max", new DateTime(2025, 12, 31, 23, 59, 59));
        double[]? weekdays = Weights(reader, "weekdays", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
        double[]? months = Weights(reader, "months", ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]);
        if (low is null || high is null) return null;
        bool rowBounds = lowExpression is not null || highExpression is not null;
        if (rowBounds && (weekdays is not null || months is not null))
        {
            reader.Problem("weekday and month weights need constant min and max dates");
            return null;
        }
        if (!rowBounds)
        {
            if (low > high) { reader.Problem("max", "must not be before min"); return null; }
            if (DatePlan.WeightProblem(low.Value, high.Value, weekdays, months) is string problem && (weekdays is not null || months is not null)) { reader.Problem(problem); return null; }
        }
        return new DatePlan(low.Value, high.Value, lowExpression, highExpression, dateOnly, weekdays, months);
    }

    private (long? Ticks, CompiledExpression? Expression) DateBound(ColumnBuild column, string key, DateTime absent)
    {
        string? text = column.Reader.Text(key);
        if (text is null) return (absent.Ticks, null);
        if (ExpressionCompiler.TryParseDate(text, out DateTime date)) return (date.Ticks, null);
        CompiledExpression? expression = Expression(column, key, text);
        if (expression is null) return (null, null);
        if (expression.Type != ExpressionType.Number)
        {
            column.Reader.Problem(key, "must be a date (2024-01-31) or an expression over dates, such as birth_date + 18 * 365");
            return (null, null);
        }
        // A bound expression reads other columns; the constant parts of it still give a fallback range.
        return expression.IsConstant ? ((long)(expression.Constant() * TimeSpan.TicksPerDay), null) : (absent.Ticks, expression);
    }

    private static double[]? Weights(SpecReader reader, string key, string[] names)
    {
        SchemaNode? node = reader.Node(key);
        if (node is null) return null;
        var weights = new double[names.Length];
        if (node is ListNode list && list.Items.Count == names.Length)
        {
            for (int i = 0; i < names.Length; i++)
                if (list.Items[i] is not ScalarNode s || !double.TryParse(s.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weights[i]) || weights[i] < 0)
                {
                    reader.Problem(key, $"entry {i + 1} must be a number ≥ 0");
                    return null;
                }
            return weights;
        }
        if (node is MapNode map)
        {
            Array.Fill(weights, 1);
            foreach (var (name, value) in map.Entries)
            {
                int index = Array.IndexOf(names, name.ToLowerInvariant()[..Math.Min(3, name.Length)]);
                if (index < 0) { reader.Problem(key, $"unknown name '{name}'; use {string.Join(", ", names)}"); return null; }
                if (value is not ScalarNode s || !double.TryParse(s.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weights[index]) || weights[index] < 0)
                {
                    reader.Problem(key, $"the weight of '{name}' must be a number ≥ 0");
                    return null;
                }
            }
            return weights;
        }
        reader.Problem(key, $"expected {names.Length} weights ({string.Join(", ", names)}) as a list, or a mapping such as {{ {names[0]}: 2 }}");
        return null;
    }

    private ColumnPlan? BuildPattern(ColumnBuild column)
    {
        SpecReader reader = column.Reader;
        string? pattern = reader.Text("pattern", required: true);
        if (pattern is null) return null;
        if (PatternFiller.PlaceholderCount(pattern) == 0) reader.Problem("pattern", "holds no placeholder ('#' digit, 'A' upper-case letter, 'a' lower-case letter), so every value would be the same");
        column.Metadata = new ColumnMetadata(column.Name, ColumnType.Text) { Pattern = pattern };
        if (reader.Map["unique"] is ScalarNode { Text: "true" })
        {
            ulong space = UniquePatternKey.Space(pattern);
            if (space < (ulong)column.Context.Plan.Rows)
            {
                reader.Problem("unique", $"the pattern has {space} distinct values, fewer than the {column.Context.Plan.Rows} rows; add placeholders");
                return null;
            }
            column.UniqueHandled = true;
            column.Metadata = column.Metadata with { Type = ColumnType.Id };
            return new KeyPlan(new UniquePatternKey(pattern, new Permutation(space, column.Context.Plan.Root.Fork("column:" + column.Name).NextUInt64())));
        }
        return new TextPlan(rng => PatternFiller.Fill(pattern, rng));
    }
}
