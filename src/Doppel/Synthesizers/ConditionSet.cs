namespace Doppel.Synthesizers;

/// <summary>
/// The conditions every sampled row must meet: at most one equality per column, and any number of bounds on a
/// numerical column (they intersect: <c>age&gt;=30</c> and <c>age&lt;40</c>).
/// </summary>
public sealed class ConditionSet
{
    /// <summary>No conditions.</summary>
    public static readonly ConditionSet None = new([]);

    public ConditionSet(IEnumerable<Condition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var list = new List<Condition>();
        foreach (Condition condition in conditions)
        {
            if (condition.IsRange)
            {
                if (!list.Contains(condition)) list.Add(condition);
                continue;
            }
            Condition? earlier = list.Find(c => c.Column == condition.Column && !c.IsRange);
            if (earlier is not null && earlier.Value != condition.Value)
                throw new InfeasibleRequestException($"Conditions {earlier} and {condition} contradict each other: a row holds one value in '{condition.Column}'.");
            if (earlier is null) list.Add(condition);
        }
        Conditions = list;
    }

    /// <summary>The conditions, in the order given, without repeats.</summary>
    public IReadOnlyList<Condition> Conditions { get; }

    /// <summary>True when there is nothing to condition on.</summary>
    public bool IsEmpty => Conditions.Count == 0;

    public override string ToString() => IsEmpty ? "(none)" : string.Join(", ", Conditions);
}
