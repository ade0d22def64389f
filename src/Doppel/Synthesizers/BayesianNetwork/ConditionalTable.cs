using System.Text.Json;
using Doppel.Models;

namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>
/// The conditional distribution of one node given its parents: a row of state probabilities per parent
/// configuration (mixed radix over the parents' states, the first parent varying slowest). Immutable.
/// </summary>
internal sealed class ConditionalTable
{
    private readonly double[] _cumulative;

    public ConditionalTable(int node, int[] parents, int[] parentStates, int states, double[] probabilities)
    {
        int configurations = 1;
        foreach (int s in parentStates) configurations = checked(configurations * s);
        if (parents.Length != parentStates.Length || probabilities.Length != (long)configurations * states)
            throw new ModelFormatException($"The table of column {node + 1} has {probabilities.Length} probabilities; its {parents.Length} parents and {states} states need {(long)configurations * states}.");
        Node = node;
        Parents = parents;
        ParentStates = parentStates;
        States = states;
        Probabilities = probabilities;
        _cumulative = new double[probabilities.Length];
        for (int c = 0; c < configurations; c++)
        {
            double sum = 0;
            for (int s = 0; s < states; s++)
            {
                double p = probabilities[c * states + s];
                if (!(p >= 0) || double.IsInfinity(p)) throw new ModelFormatException($"The table of column {node + 1} holds an invalid probability {p}.");
                sum += p;
                _cumulative[c * states + s] = sum;
            }
            if (!(sum > 0)) throw new ModelFormatException($"The table of column {node + 1} has a configuration whose probabilities sum to 0.");
            for (int s = 0; s < states; s++) _cumulative[c * states + s] /= sum;
        }
    }

    /// <summary>The column this table draws.</summary>
    public int Node { get; }
    public int[] Parents { get; }
    public int[] ParentStates { get; }
    public int States { get; }
    /// <summary>Configurations × states; each configuration's row sums to 1.</summary>
    public double[] Probabilities { get; }

    /// <summary>The configuration index of the parents' states in row <paramref name="row"/>.</summary>
    public int Configuration(int[][] states, int row)
    {
        int configuration = 0;
        for (int p = 0; p < Parents.Length; p++) configuration = configuration * ParentStates[p] + states[Parents[p]][row];
        return configuration;
    }

    /// <summary>P(state | configuration).</summary>
    public double Probability(int configuration, int state) => Probabilities[configuration * States + state];

    /// <summary>The state at cumulative probability <paramref name="u"/> in [0, 1).</summary>
    public int Draw(int configuration, double u)
    {
        int start = configuration * States;
        int state = 0;
        while (state < States - 1 && _cumulative[start + state] <= u) state++;
        return state;
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("column", Node);
        writer.WriteStartArray("parents");
        foreach (int p in Parents) writer.WriteNumberValue(p);
        writer.WriteEndArray();
        writer.WriteStartArray("probabilities");
        foreach (double p in Probabilities) writer.WriteNumberValue(p);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static ConditionalTable Read(JsonElement element, IReadOnlyList<BayesColumn> columns)
    {
        int node = ModelJson.Int(element, "column");
        int[] parents = [.. ModelJson.Array(element, "parents").Select(e => e.GetInt32())];
        if (node < 0 || node >= columns.Count || parents.Any(p => p < 0 || p >= columns.Count || p == node))
            throw new ModelFormatException($"A conditional table refers to a column outside the model's {columns.Count} columns.");
        return new ConditionalTable(node, parents, [.. parents.Select(p => columns[p].States)], columns[node].States, ModelJson.Doubles(element, "probabilities"));
    }
}
