namespace Doppel.Evaluation;

/// <summary>One report section's score card.</summary>
/// <param name="Group">The section: "fidelity", "diagnostic", "utility", "privacy".</param>
/// <param name="Score">In [0, 1], 1 best; null when none of its metrics could be computed.</param>
/// <param name="Basis">How the score was formed: the name of the group's summary metric, or "mean of N metrics".</param>
/// <param name="Metrics">Number of metrics in the section.</param>
/// <param name="Skipped">How many of them were skipped.</param>
/// <param name="Elapsed">Time spent computing the section.</param>
public sealed record GroupSummary(string Group, double? Score, string Basis, int Metrics, int Skipped, TimeSpan Elapsed);
