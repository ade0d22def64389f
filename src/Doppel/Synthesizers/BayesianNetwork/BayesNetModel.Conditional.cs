using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers.BayesianNetwork;

public sealed partial class BayesNetModel
{
    /// <summary>The most joint states of a condition's free ancestors for it to be met exactly by enumeration.</summary>
    private const int MaxAncestorStates = 1 << 12;

    /// <summary>The most joint states of one group of overlapping ancestries under several conditions.</summary>
    private const int MaxGroupStates = 1 << 20;

    /// <summary>
    /// Equality on a column held as states (categories, or numbers kept exactly) whose ancestors have at most
    /// <see cref="MaxAncestorStates"/> joint states: the ancestors are then drawn exactly from their posterior given the
    /// evidence (by enumeration) and the rest forward. Bounds, binned numbers and deep columns go to the sampler's rejection.
    /// </summary>
    public bool SupportsNatively(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        int column = IndexOf(condition.Column);
        if (column < 0 || condition.IsRange) return false;
        if (_columns[column].Kind == StateKind.Categorical) return JointStates(Ancestors([column]), [column]) <= MaxAncestorStates;
        return _columns[column].Kind == StateKind.Exact && condition.Number is not null && Metadata.Columns[column].Type != ColumnType.DateTime
            && JointStates(Ancestors([column]), [column]) <= MaxAncestorStates;
    }

    public void Validate(ConditionSet conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (!conditions.IsEmpty) PlanFor(conditions);
    }

    private int IndexOf(string name) => Array.FindIndex(_columns, c => c.Metadata.Name == name);

    private EvidencePlan PlanFor(ConditionSet conditions)
    {
        var evidence = new SortedDictionary<int, int>();
        foreach (Condition condition in conditions.Conditions)
        {
            int column = IndexOf(condition.Column);
            if (column < 0)
                throw new UsageException($"Condition {condition}: the model has no learned column '{condition.Column}'. Columns that can be conditioned on: {string.Join(", ", _columns.Select(c => c.Metadata.Name))}.");
            evidence[column] = _columns[column].StateOfCondition(condition)
                ?? throw new UsageException($"Condition {condition}: the Bayesian network holds '{condition.Column}' in bins, so it cannot meet this condition by itself; the sampler meets it by rejection.");
        }
        string key = string.Join(";", evidence.Select(e => $"{e.Key}:{e.Value}"));
        return _plans.GetOrAdd(key, _ => BuildPlan(evidence, conditions));
    }

    /// <summary>The conditioned columns and all their ancestors.</summary>
    private HashSet<int> Ancestors(IEnumerable<int> columns)
    {
        var parentsOf = _tables.ToDictionary(t => t.Node, t => t.Parents);
        var result = new HashSet<int>();
        var stack = new Stack<int>(columns);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            if (!result.Add(node)) continue;
            foreach (int parent in parentsOf[node]) stack.Push(parent);
        }
        return result;
    }

    private long JointStates(IEnumerable<int> nodes, ICollection<int> fixedNodes)
    {
        long product = 1;
        foreach (int node in nodes)
            if (!fixedNodes.Contains(node)) product = Math.Min(product * _columns[node].States, long.MaxValue / 4096);
        return product;
    }

    private EvidencePlan BuildPlan(SortedDictionary<int, int> evidence, ConditionSet conditions)
    {
        // Conditions whose ancestries overlap must be enumerated together; disjoint ones are independent given the evidence.
        var groups = new List<HashSet<int>>();
        foreach (int column in evidence.Keys)
        {
            HashSet<int> merged = Ancestors([column]);
            foreach (HashSet<int> group in groups.Where(g => g.Overlaps(merged)).ToList())
            {
                merged.UnionWith(group);
                groups.Remove(group);
            }
            groups.Add(merged);
        }
        var parts = new List<EvidenceGroup>();
        foreach (HashSet<int> group in groups)
        {
            ConditionalTable[] tables = [.. _tables.Where(t => group.Contains(t.Node))];
            int[] free = [.. tables.Select(t => t.Node).Where(n => !evidence.ContainsKey(n))];
            if (JointStates(free, []) > MaxGroupStates)
                throw new UsageException($"Conditions {conditions}: the columns they depend on have too many joint states ({JointStates(free, []):N0}) to meet them exactly together. Give fewer conditions at once.");
            parts.Add(EvidenceGroup.Build(tables, free, evidence, _columns));
        }
        foreach ((EvidenceGroup part, int index) in parts.Select((p, i) => (p, i)))
            if (!(part.Total > 0))
            {
                string which = string.Join(", ", conditions.Conditions.Where(c => groups[index].Contains(IndexOf(c.Column))));
                throw new InfeasibleRequestException($"Conditions {which}: the model gives them probability 0 together, so no row can meet them.");
            }
        return new EvidencePlan(evidence, parts);
    }

    /// <summary>How to draw the conditioned columns' ancestries exactly under a set of equality conditions.</summary>
    private sealed class EvidencePlan(SortedDictionary<int, int> evidence, List<EvidenceGroup> groups)
    {
        private readonly HashSet<int> _fixed = [.. evidence.Keys, .. groups.SelectMany(g => g.Free)];

        public bool Fixes(int node) => _fixed.Contains(node);

        public void Draw(int[][] states, int row, Rng rng)
        {
            foreach ((int column, int state) in evidence) states[column][row] = state;
            foreach (EvidenceGroup group in groups) group.Draw(states, row, rng.NextDouble());
        }
    }

    /// <summary>
    /// One group of overlapping ancestries: every joint state of its free (unconditioned) nodes, weighted by the
    /// product of the group's conditional probabilities with the evidence in place. Drawing from these weights is
    /// drawing from the exact posterior of the ancestors given the evidence.
    /// </summary>
    private sealed class EvidenceGroup
    {
        private readonly int[] _free;
        private readonly int[] _radix;
        private readonly double[] _cumulative;

        private EvidenceGroup(int[] free, int[] radix, double[] cumulative)
        {
            _free = free;
            _radix = radix;
            _cumulative = cumulative;
        }

        public IReadOnlyList<int> Free => _free;
        public double Total => _cumulative.Length == 0 ? 0 : _cumulative[^1];

        public static EvidenceGroup Build(ConditionalTable[] tables, int[] free, SortedDictionary<int, int> evidence, BayesColumn[] columns)
        {
            int[] radix = [.. free.Select(f => columns[f].States)];
            long joint = 1;
            foreach (int r in radix) joint *= r;
            var cumulative = new double[joint];
            // Scratch states for one assignment: one row per column, only the group's nodes are read.
            var states = new int[columns.Length][];
            for (int c = 0; c < columns.Length; c++) states[c] = new int[1];
            foreach ((int column, int state) in evidence) states[column][0] = state;
            double total = 0;
            for (long a = 0; a < joint; a++)
            {
                long rest = a;
                for (int i = free.Length - 1; i >= 0; i--)
                {
                    states[free[i]][0] = (int)(rest % radix[i]);
                    rest /= radix[i];
                }
                double weight = 1;
                foreach (ConditionalTable table in tables)
                {
                    weight *= table.Probability(table.Configuration(states, 0), states[table.Node][0]);
                    if (weight == 0) break;
                }
                total += weight;
                cumulative[a] = total;
            }
            return new EvidenceGroup(free, radix, cumulative);
        }

        public void Draw(int[][] states, int row, double u)
        {
            double target = u * Total;
            int index = Array.BinarySearch(_cumulative, target);
            // The first assignment whose cumulative weight exceeds the target: it has a positive weight.
            long a = Math.Min(index >= 0 ? index + 1 : ~index, _cumulative.Length - 1);
            while (a < _cumulative.Length - 1 && _cumulative[a] <= target) a++;
            for (int i = _free.Length - 1; i >= 0; i--)
            {
                states[_free[i]][row] = (int)(a % _radix[i]);
                a /= _radix[i];
            }
        }
    }
}
