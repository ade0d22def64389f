using System.Globalization;
using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Privacy;
using Doppel.Randomness;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>How a column's values become the discrete states of a network node.</summary>
internal enum StateKind
{
    /// <summary>Categories (categorical and boolean columns).</summary>
    Categorical,

    /// <summary>Each distinct number is a state (few distinct values).</summary>
    Exact,

    /// <summary>Numbers in bins; a value is redrawn inside its bin.</summary>
    Binned,
}

/// <summary>
/// One learned column as the discrete states of a network node, plus the way back to values. A "missing" state,
/// when present, is the last one. Without differential privacy, values as frequent as a bin are atoms (states of
/// their own), the other values fall in bins with quantile edges and are redrawn from the bin's quantile sketch (33
/// evenly spaced quantiles of the bin's own values, linearly interpolated). With it, the atoms are the declared
/// bounds and 0, the bins are equal-width over the declared metadata bounds, and a value is drawn uniformly inside
/// its bin, so neither the states nor the redraw touch a real value.
/// </summary>
internal sealed class BayesColumn
{
    private const int SketchPoints = 33;

    private BayesColumn(ColumnMetadata metadata, StateKind kind, string[] categories, double[] values, double[] edges, double[][]? sketches, bool hasMissing, double step)
    {
        Metadata = metadata;
        Kind = kind;
        Categories = categories;
        Values = values;
        Edges = edges;
        Sketches = sketches;
        HasMissing = hasMissing;
        Step = step;
    }

    public ColumnMetadata Metadata { get; }
    public StateKind Kind { get; }
    public string[] Categories { get; }
    /// <summary>Exact: the value of each state. Binned: the atoms, values held exactly as the first states, before the bins.</summary>
    public double[] Values { get; }
    /// <summary>Binned: bins+1 increasing edges; bin j is [edge j, edge j+1].</summary>
    public double[] Edges { get; }
    /// <summary>Binned without DP: each bin's sorted quantile sketch; null draws uniformly in the bin.</summary>
    public double[][]? Sketches { get; }
    public bool HasMissing { get; }
    /// <summary>The grid values are rounded to (1 for integers, 86,400 s for whole days), or 0.</summary>
    public double Step { get; }

    private bool IsDateTime => Metadata.Type == ColumnType.DateTime;

    public int ValueStates => Kind switch
    {
        StateKind.Categorical => Categories.Length,
        StateKind.Exact => Values.Length,
        _ => Values.Length + Edges.Length - 1,
    };

    public int States => ValueStates + (HasMissing ? 1 : 0);

    public int MissingState => HasMissing ? ValueStates : -1;

    /// <summary>
    /// Chooses the states of a column and encodes its rows; <paramref name="isPrivate"/> keeps real values out of the
    /// states, with numbers binned over their declared bounds and datetimes over <paramref name="privateDates"/>'s range.
    /// </summary>
    public static (BayesColumn Column, int[] States) Fit(ColumnMetadata metadata, Column column, int bins, bool isPrivate, Func<double[], (double Low, double High)>? privateDates = null)
    {
        if (metadata.Type is ColumnType.Categorical or ColumnType.Boolean)
        {
            var categorical = (CategoricalColumn)column;
            if (isPrivate && metadata.Categories is { } declared)
            {
                // The declared list is public: it names the states, and a value outside it is missing.
                var fittedDeclared = new BayesColumn(metadata, StateKind.Categorical, [.. declared], [], [], null, true, 0);
                int[] state = categorical.PositionsIn(declared);
                return (fittedDeclared, [.. categorical.Codes.Select(c => c < 0 || state[c] < 0 ? fittedDeclared.MissingState : state[c])]);
            }
            bool missing = isPrivate || categorical.Codes.Any(c => c < 0);
            var fitted = new BayesColumn(metadata, StateKind.Categorical, categorical.Categories, [], [], null, missing, 0);
            return (fitted, [.. categorical.Codes.Select(c => c < 0 ? fitted.MissingState : c)]);
        }
        if (metadata.Type is not (ColumnType.Numerical or ColumnType.DateTime))
            throw new ArgumentException($"Column '{metadata.Name}' is {metadata.Type}; the Bayesian network learns only numerical, categorical, boolean and datetime columns.", nameof(metadata));
        double[] values = NumericCopulaColumn.ToValues(column);
        double step = metadata.Type == ColumnType.DateTime ? NumericCopulaColumn.DateTimeStep(column) : NumericCopulaColumn.NumericStep(metadata);
        BayesColumn result = !isPrivate ? FitQuantiles(metadata, values, bins, step)
            : metadata.Type == ColumnType.DateTime ? FitPrivate(metadata, (privateDates ?? throw new ArgumentNullException(nameof(privateDates)))(values), bins, step)
            : FitPrivate(metadata, DeclaredBounds.Of(metadata), bins, step);
        var states = new int[values.Length];
        for (int i = 0; i < values.Length; i++) states[i] = result.StateOf(values[i]);
        return (result, states);
    }

    private static BayesColumn FitQuantiles(ColumnMetadata metadata, double[] values, int bins, double step)
    {
        double[] sorted = [.. values.Where(v => !double.IsNaN(v))];
        Array.Sort(sorted);
        bool missing = sorted.Length < values.Length;
        double[] distinct = [.. sorted.Distinct()];
        if (distinct.Length <= bins)
            return new BayesColumn(metadata, StateKind.Exact, [], distinct, [], null, missing, step);
        // A value as frequent as a whole bin (the zeros of a mostly-zero column) is an atom: a state of its own, kept exactly.
        double[] atoms = [.. sorted.CountBy(v => v).Where(g => g.Value * (long)bins >= sorted.Length).Select(g => g.Key).Order()];
        if (atoms.Length > 0) sorted = [.. sorted.Where(v => Array.BinarySearch(atoms, v) < 0)];
        var edges = new List<double>(bins + 1);
        for (int b = 0; b <= bins; b++)
        {
            double edge = sorted[(int)((long)b * (sorted.Length - 1) / bins)];
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }
        if (edges.Count == 1) edges.Add(edges[0]);
        var column = new BayesColumn(metadata, StateKind.Binned, [], atoms, [.. edges], null, missing, step);
        // A bin's values are a contiguous run of the sorted values.
        var sketches = new double[edges.Count - 1][];
        int start = 0;
        for (int bin = 0; bin < sketches.Length; bin++)
        {
            int end = start;
            while (end < sorted.Length && column.BinOf(sorted[end]) == bin) end++;
            sketches[bin] = Sketch(sorted.AsSpan(start, end - start), edges[bin]);
            start = end;
        }
        return new BayesColumn(metadata, StateKind.Binned, [], atoms, [.. edges], sketches, missing, step);
    }

    private static double[] Sketch(ReadOnlySpan<double> run, double edge)
    {
        if (run.Length == 0) return [edge];
        var sketch = new double[Math.Min(SketchPoints, run.Length)];
        for (int i = 0; i < sketch.Length; i++)
            sketch[i] = run[sketch.Length == 1 ? 0 : (int)((long)i * (run.Length - 1) / (sketch.Length - 1))];
        return sketch;
    }

    private static BayesColumn FitPrivate(ColumnMetadata metadata, (double Low, double High) bounds, int bins, double step)
    {
        (double low, double high) = bounds;
        if (step > 0 && (high - low) / step + 1 <= bins)
        {
            int count = (int)Math.Floor((high - low) / step) + 1;
            return new BayesColumn(metadata, StateKind.Exact, [], [.. Enumerable.Range(0, count).Select(i => low + i * step)], [], null, true, step);
        }
        double[] edges = high > low ? [.. Enumerable.Range(0, bins + 1).Select(b => low + (high - low) * b / bins)] : [low, low];
        // The declared bounds, and 0 inside them, are atoms: public values at which real columns often pile up
        // (zero amounts, floors and caps), which a uniform draw inside a bin would smear out.
        double[] atoms = [.. new[] { low, 0.0, high }.Where(a => a >= low && a <= high).Distinct().Order()];
        return new BayesColumn(metadata, StateKind.Binned, [], atoms, edges, null, true, step);
    }

    private int BinOf(double value)
    {
        int index = Array.BinarySearch(Edges, value);
        int bin = index >= 0 ? index : ~index - 1;
        return Math.Clamp(bin, 0, Edges.Length - 2);
    }

    private int StateOf(double value)
    {
        if (double.IsNaN(value)) return MissingState;
        int index = Array.BinarySearch(Values, value);
        if (Kind == StateKind.Binned) return index >= 0 ? index : Values.Length + BinOf(value);
        if (index >= 0) return index;
        // Private exact states come from the declared range: a value off the grid goes to the nearest state.
        int above = Math.Min(~index, Values.Length - 1), below = Math.Max(~index - 1, 0);
        return Math.Abs(Values[above] - value) < Math.Abs(Values[below] - value) ? above : below;
    }

    /// <summary>The state an equality condition pins, or null when the column cannot meet it by a state alone (binned numbers).</summary>
    public int? StateOfCondition(Condition condition)
    {
        if (condition.IsRange) return null;
        switch (Kind)
        {
            case StateKind.Categorical:
                int code = Array.IndexOf(Categories, condition.Value);
                return code >= 0 ? code : throw NeverSeen(condition, Categories);
            case StateKind.Exact when !IsDateTime && condition.Number is double number:
                int index = Array.IndexOf(Values, number);
                return index >= 0 ? index : throw NeverSeen(condition, Values.Select(v => v.ToString("G10", CultureInfo.InvariantCulture)));
            default:
                return null;
        }
    }

    public InfeasibleRequestException NeverSeen(Condition condition, IEnumerable<string> values)
    {
        string[] list = [.. values.Take(21)];
        return new InfeasibleRequestException($"Condition {condition}: the value '{condition.Value}' never occurs in column '{Metadata.Name}', so no row can meet it. Values seen: {string.Join(", ", list.Take(20).Select(v => $"'{v}'"))}{(list.Length > 20 ? ", ..." : "")}.");
    }

    /// <summary>The column's values for sampled states; values inside bins come from <paramref name="rng"/>.</summary>
    public Column Decode(int[] states, Rng rng)
    {
        if (Kind == StateKind.Categorical)
            return new CategoricalColumn(Metadata.Name, [.. states.Select(s => s == MissingState ? -1 : s)], Categories);
        var values = new double[states.Length];
        for (int i = 0; i < states.Length; i++)
        {
            int state = states[i];
            values[i] = state == MissingState ? double.NaN
                : state < Values.Length ? Values[state]
                : NumericCopulaColumn.RoundToGrid(Within(state - Values.Length, rng.NextDouble()), Step, Metadata.Decimals, Edges[0], Edges[^1]);
        }
        return NumericCopulaColumn.FromValues(Metadata, values);
    }

    private double Within(int bin, double u)
    {
        if (Sketches is null) return Edges[bin] + u * (Edges[bin + 1] - Edges[bin]);
        double[] sketch = Sketches[bin];
        if (sketch.Length == 1) return sketch[0];
        double position = u * (sketch.Length - 1);
        int at = Math.Min((int)position, sketch.Length - 2);
        return sketch[at] + (position - at) * (sketch[at + 1] - sketch[at]);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteString("kind", Kind switch { StateKind.Categorical => "categorical", StateKind.Exact => "exact", _ => "binned" });
        writer.WriteBoolean("missing", HasMissing);
        writer.WriteNumber("step", Step);
        switch (Kind)
        {
            case StateKind.Categorical:
                writer.WriteStartArray("categories");
                foreach (string category in Categories) writer.WriteStringValue(category);
                writer.WriteEndArray();
                break;
            case StateKind.Exact:
                WriteNumbers(writer, "values", Values);
                break;
            default:
                WriteNumbers(writer, "atoms", Values);
                WriteNumbers(writer, "edges", Edges);
                if (Sketches is not null)
                {
                    writer.WriteStartArray("sketches");
                    foreach (double[] sketch in Sketches) WriteNumbers(writer, null, sketch);
                    writer.WriteEndArray();
                }
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string? name, double[] numbers)
    {
        if (name is null) writer.WriteStartArray();
        else writer.WriteStartArray(name);
        foreach (double n in numbers) writer.WriteNumberValue(n);
        writer.WriteEndArray();
    }

    public static BayesColumn Read(ColumnMetadata metadata, JsonElement element)
    {
        if (ModelJson.String(element, "name") != metadata.Name)
            throw new ModelFormatException($"The model's parameters name a column '{ModelJson.String(element, "name")}' where its metadata has '{metadata.Name}'.");
        bool missing = ModelJson.Property(element, "missing").GetBoolean();
        double step = ModelJson.Double(element, "step");
        BayesColumn column = ModelJson.String(element, "kind") switch
        {
            "categorical" => new BayesColumn(metadata, StateKind.Categorical,
                [.. ModelJson.Array(element, "categories").Select(e => e.GetString() ?? throw new ModelFormatException($"Column '{metadata.Name}': a category is null."))], [], [], null, missing, step),
            "exact" => new BayesColumn(metadata, StateKind.Exact, [], ModelJson.Doubles(element, "values"), [], null, missing, step),
            "binned" => new BayesColumn(metadata, StateKind.Binned, [], ModelJson.Doubles(element, "atoms"), ModelJson.Doubles(element, "edges"),
                ModelJson.Has(element, "sketches") ? [.. ModelJson.Array(element, "sketches").Select(s => s.EnumerateArray().Select(e => e.GetDouble()).ToArray())] : null, missing, step),
            string kind => throw new ModelFormatException($"Column '{metadata.Name}' has unknown kind '{kind}' in the model file; expected categorical, exact or binned."),
        };
        if (column.Kind == StateKind.Binned && (column.Edges.Length < 2 || column.Sketches is { } s && (s.Length != column.Edges.Length - 1 || s.Any(k => k.Length == 0))))
            throw new ModelFormatException($"Column '{metadata.Name}': its bins and sketches do not match; the file is damaged.");
        if (column.States == 0)
            throw new ModelFormatException($"Column '{metadata.Name}' has no states; the file is damaged.");
        return column;
    }
}
