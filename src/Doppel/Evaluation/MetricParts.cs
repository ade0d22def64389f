namespace Doppel.Evaluation;

/// <summary>Helpers every metric group shares to turn per-column or per-pair parts into one <see cref="MetricResult"/>.</summary>
public static class MetricParts
{
    /// <summary>Parts worst first: computed parts by ascending score (then name), skipped parts last (by name).</summary>
    public static IReadOnlyList<MetricPart> WorstFirst(IEnumerable<MetricPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return [.. parts.OrderBy(p => p.Score is null).ThenBy(p => p.Score ?? 0).ThenBy(p => p.Item, StringComparer.Ordinal)];
    }

    /// <summary>A part that could not be computed, with the reason in its note.</summary>
    public static MetricPart Skipped(string item, string reason) => new(item, null, null, reason);

    /// <summary>
    /// A metric whose score is the mean of its computed parts and whose raw value is the mean of their raw values
    /// (when every computed part has one). Skipped with a reason when no part could be computed; the reason counts
    /// skipped parts otherwise.
    /// </summary>
    public static MetricResult Average(string group, string name, string meaning, IReadOnlyList<MetricPart> parts, string whatIsMissing)
    {
        ArgumentNullException.ThrowIfNull(parts);
        MetricPart[] computed = [.. parts.Where(p => p.Score is not null)];
        int skipped = parts.Count - computed.Length;
        if (computed.Length == 0)
        {
            string reason = parts.Count == 0 ? whatIsMissing : $"none of the {parts.Count} parts could be computed (see the breakdown).";
            return MetricResult.Skipped(group, name, reason, meaning) with { Breakdown = WorstFirst(parts) };
        }
        double score = Math.Clamp(computed.Average(p => p.Score!.Value), 0, 1);
        double? raw = computed.All(p => p.Raw is not null) ? computed.Average(p => p.Raw!.Value) : null;
        return new MetricResult(group, name, score, raw, meaning)
        {
            Reason = skipped == 0 ? null : $"{skipped} of {parts.Count} parts skipped (see the breakdown); the score is the mean of the other {computed.Length}.",
            Breakdown = WorstFirst(parts),
        };
    }
}
