using System.Collections.Concurrent;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>A fitted Bayesian network: each column's states and its conditional table given its parents, in topological order. Immutable and thread-safe.</summary>
public sealed partial class BayesNetModel : ILearnedModel, IPrivateModel
{
    private readonly BayesColumn[] _columns;
    private readonly ConditionalTable[] _tables;
    private readonly ConcurrentDictionary<string, EvidencePlan> _plans = new(StringComparer.Ordinal);

    internal BayesNetModel(Metadata metadata, BayesColumn[] columns, ConditionalTable[] tables, PrivacySpent? privacy)
    {
        if (tables.Length != columns.Length || tables.Select(t => t.Node).Distinct().Count() != columns.Length)
            throw new ModelFormatException($"The network has {tables.Length} tables for {columns.Length} columns; each column needs exactly one.");
        var placed = new HashSet<int>();
        foreach (ConditionalTable table in tables)
        {
            if (table.Parents.Any(p => !placed.Contains(p)))
                throw new ModelFormatException($"Column '{columns[table.Node].Metadata.Name}' comes before one of its parents; the tables are not in topological order.");
            placed.Add(table.Node);
        }
        Metadata = metadata;
        _columns = columns;
        _tables = tables;
        Privacy = privacy;
    }

    public SynthesizerKind Kind => SynthesizerKind.BayesNet;
    public Metadata Metadata { get; }
    public PrivacySpent? Privacy { get; }

    /// <summary>The network's edges as (parent, child) column names, in the order the columns are drawn.</summary>
    public IReadOnlyList<(string Parent, string Child)> Edges =>
        [.. _tables.SelectMany(t => t.Parents.Select(p => (_columns[p].Metadata.Name, _columns[t.Node].Metadata.Name)))];

    public Table Sample(int rows, Rng rng, ConditionSet conditions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(conditions);
        var states = new int[_columns.Length][];
        for (int c = 0; c < states.Length; c++) states[c] = new int[rows];
        EvidencePlan? plan = conditions.IsEmpty ? null : PlanFor(conditions);
        Rng draws = rng.Fork("states");
        for (int row = 0; row < rows; row++)
        {
            plan?.Draw(states, row, draws);
            foreach (ConditionalTable table in _tables)
            {
                if (plan is not null && plan.Fixes(table.Node)) continue;
                states[table.Node][row] = table.Draw(table.Configuration(states, row), draws.NextDouble());
            }
        }
        var columns = new Column[_columns.Length];
        for (int c = 0; c < columns.Length; c++)
            columns[c] = _columns[c].Decode(states[c], rng.Fork("values:" + _columns[c].Metadata.Name));
        return new Table(columns);
    }
}
