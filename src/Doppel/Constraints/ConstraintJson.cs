using System.Text.Json;

namespace Doppel.Constraints;

/// <summary>
/// The <c>"constraints"</c> array of metadata.json. Each entry has a <c>"type"</c>: <c>inequality</c>
/// (<c>low</c>, <c>high</c>, or a chain <c>columns</c>; <c>strict</c>, default true), <c>between</c> (<c>column</c>,
/// <c>low</c>, <c>high</c> columns), <c>range</c> (<c>column</c>, numbers <c>low</c> and/or <c>high</c>, <c>strictLow</c>,
/// <c>strictHigh</c>), <c>positive</c>, <c>negative</c> (<c>column</c>), <c>fixedIncrements</c> (<c>column</c>, <c>step</c>),
/// <c>fixedCombinations</c> (<c>columns</c>), <c>conditionalNull</c> (<c>if</c>, <c>then</c>), <c>oneHot</c> (<c>columns</c>),
/// <c>unique</c> (<c>columns</c>), <c>formula</c> (<c>column</c>, <c>expression</c>, optional <c>tolerance</c>).
/// A <see cref="PredicateConstraint"/> is code and has no JSON form.
/// </summary>
public static class ConstraintJson
{
    private static readonly string[] Types = ["inequality", "between", "range", "positive", "negative", "fixedIncrements", "fixedCombinations", "conditionalNull", "oneHot", "unique", "formula"];

    /// <summary>Reads the array; every problem goes to <paramref name="problems"/> (entries with problems are left out).</summary>
    public static List<Constraint> Read(JsonElement array, List<string> problems)
    {
        var result = new List<Constraint>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"constraints\" must be an array of constraint objects.");
            return result;
        }
        int position = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            position++;
            string label = $"constraints[{position}]";
            if (element.ValueKind != JsonValueKind.Object) { problems.Add($"{label} must be an object with a \"type\"."); continue; }
            string? type = Text(element, "type");
            int before = problems.Count;
            string? Column(string name) => Required(element, name, label, problems);
            switch (type)
            {
                case "inequality":
                    bool strict = !element.TryGetProperty("strict", out JsonElement s) || s.ValueKind != JsonValueKind.False;
                    if (element.TryGetProperty("columns", out JsonElement chain))
                    {
                        string[] names = Names(chain, label, problems);
                        if (names.Length < 2) problems.Add($"{label}: \"columns\" of an inequality chain needs at least two names, lowest first.");
                        else if (problems.Count == before)
                            for (int i = 0; i + 1 < names.Length; i++) result.Add(new Inequality(names[i], names[i + 1], strict));
                    }
                    else if (Column("low") is { } low && Column("high") is { } high) result.Add(new Inequality(low, high, strict));
                    break;
                case "between":
                    if (Column("column") is { } x && Column("low") is { } lo && Column("high") is { } hi) result.Add(new Between(x, lo, hi));
                    break;
                case "range":
                    double? l = Number(element, "low", label, problems), h = Number(element, "high", label, problems);
                    if (Column("column") is { } rc && problems.Count == before)
                        result.Add(new ScalarRange(rc, l, h, Flag(element, "strictLow"), Flag(element, "strictHigh")));
                    break;
                case "positive":
                    if (Column("column") is { } pc) result.Add(ScalarRange.Positive(pc));
                    break;
                case "negative":
                    if (Column("column") is { } nc) result.Add(ScalarRange.Negative(nc));
                    break;
                case "fixedIncrements":
                    double? step = Number(element, "step", label, problems);
                    if (Column("column") is { } fc && step is { } st) result.Add(new FixedIncrements(fc, st));
                    else if (step is null) problems.Add($"{label}: \"step\" is required.");
                    break;
                case "fixedCombinations":
                    if (element.TryGetProperty("columns", out JsonElement members)) { string[] of = Names(members, label, problems); if (problems.Count == before) result.Add(new FixedCombinations(of)); }
                    else problems.Add($"{label}: \"columns\" is required.");
                    break;
                case "conditionalNull":
                    if (Column("if") is { } when && Column("then") is { } then) result.Add(new ConditionalNull(when, then));
                    break;
                case "oneHot" or "unique":
                    if (element.TryGetProperty("columns", out JsonElement group))
                    {
                        string[] of = Names(group, label, problems);
                        if (problems.Count == before) result.Add(type == "oneHot" ? new OneHot(of) : new Unique(of));
                    }
                    else problems.Add($"{label}: \"columns\" is required.");
                    break;
                case "formula":
                    double? tolerance = Number(element, "tolerance", label, problems);
                    if (tolerance < 0) problems.Add($"{label}: \"tolerance\" must not be negative.");
                    string? expression = Text(element, "expression");
                    if (string.IsNullOrWhiteSpace(expression)) problems.Add($"{label}: \"expression\" (such as \"price * quantity\") is required.");
                    if (Column("column") is { } target && problems.Count == before) result.Add(new ColumnFormula(target, expression!, tolerance ?? 0));
                    break;
                default:
                    problems.Add($"{label}: \"type\" must be one of {string.Join(", ", Types)}{(type is null ? "" : $"; \"{type}\" is not")}.");
                    break;
            }
        }
        return result;
    }

    /// <summary>Writes the constraints as metadata.json holds them.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Constraint> constraints, string property = "constraints")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(constraints);
        if (constraints.OfType<PredicateConstraint>().FirstOrDefault() is { } predicate)
            throw new UsageException($"The constraint '{predicate.Name}' is code (a predicate), which metadata.json and model files cannot hold; remove it from the metadata before saving, and add it again in code where you sample.");
        writer.WriteStartArray(property);
        foreach (Constraint c in constraints)
        {
            writer.WriteStartObject();
            switch (c)
            {
                case Inequality i:
                    writer.WriteString("type", "inequality");
                    writer.WriteString("low", i.Low);
                    writer.WriteString("high", i.High);
                    writer.WriteBoolean("strict", i.Strict);
                    break;
                case Between b:
                    writer.WriteString("type", "between");
                    writer.WriteString("column", b.Column);
                    writer.WriteString("low", b.LowColumn);
                    writer.WriteString("high", b.HighColumn);
                    break;
                case ScalarRange r:
                    writer.WriteString("type", "range");
                    writer.WriteString("column", r.Column);
                    if (r.Low is { } low) writer.WriteNumber("low", low);
                    if (r.High is { } high) writer.WriteNumber("high", high);
                    if (r.StrictLow) writer.WriteBoolean("strictLow", true);
                    if (r.StrictHigh) writer.WriteBoolean("strictHigh", true);
                    break;
                case FixedIncrements f:
                    writer.WriteString("type", "fixedIncrements");
                    writer.WriteString("column", f.Column);
                    writer.WriteNumber("step", f.Step);
                    break;
                case FixedCombinations or OneHot or Unique:
                    // Rules over a group of columns share one form: a type and the columns.
                    writer.WriteString("type", c.Type);
                    writer.WriteStartArray("columns");
                    foreach (string name in c.Columns) writer.WriteStringValue(name);
                    writer.WriteEndArray();
                    break;
                case ConditionalNull n:
                    writer.WriteString("type", "conditionalNull");
                    writer.WriteString("if", n.If);
                    writer.WriteString("then", n.Then);
                    break;
                case ColumnFormula f:
                    writer.WriteString("type", "formula");
                    writer.WriteString("column", f.Column);
                    writer.WriteString("expression", f.Expression);
                    if (f.Tolerance != 0) writer.WriteNumber("tolerance", f.Tolerance);
                    break;
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Required(JsonElement element, string name, string label, List<string> problems)
    {
        string? text = Text(element, name);
        if (string.IsNullOrWhiteSpace(text)) problems.Add($"{label}: \"{name}\" (a column name) is required.");
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static double? Number(JsonElement element, string name, string label, List<string> problems)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)) return number;
        problems.Add($"{label}: \"{name}\" must be a number.");
        return null;
    }

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    private static string[] Names(JsonElement array, string label, List<string> problems)
    {
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            problems.Add($"{label}: \"columns\" must be an array of column names.");
            return [];
        }
        return [.. array.EnumerateArray().Select(e => e.GetString()!)];
    }
}
