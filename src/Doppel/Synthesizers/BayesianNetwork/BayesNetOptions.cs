namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>Options of the Bayesian-network synthesizer (PrivBayes). Immutable; change with <c>with</c>.</summary>
public sealed record BayesNetOptions
{
    /// <summary>Bins of a numerical or datetime column (default 20); a column with at most this many distinct values keeps them exactly.</summary>
    public int Bins
    {
        get;
        init => field = value is >= 2 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(Bins), value, "must lie in [2, 1000].");
    } = 20;

    /// <summary>The most parents a column may have (default 2): the network's in-degree bound k.</summary>
    public int MaxParents
    {
        get;
        init => field = value is >= 0 and <= 6 ? value : throw new ArgumentOutOfRangeException(nameof(MaxParents), value, "must lie in [0, 6].");
    } = 2;

    /// <summary>Pseudo-rows added to every parent configuration, spread like the column's marginal (additive smoothing; default 1).</summary>
    public double Smoothing
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Smoothing), value, "must be a non-negative number.");
    } = 1.0;

    /// <summary>The largest conditional table (parent configurations × states) a column may get (default 65,536).</summary>
    public int MaxTableCells
    {
        get;
        init => field = value >= 4 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTableCells), value, "must be at least 4.");
    } = 1 << 16;

    /// <summary>
    /// Fit with pure ε-differential privacy spending this ε (null, the default: no differential privacy). δ is 0.
    /// Numerical columns then need declared bounds (metadata minimum and maximum), which set equal-width bins.
    /// </summary>
    public double? Epsilon
    {
        get;
        init => field = value is null || (value > 0 && double.IsFinite(value.Value)) ? value
            : throw new UsageException($"--epsilon must be a positive number (e.g. 1 or 10), not {value}.");
    }

    /// <summary>With <see cref="Epsilon"/>: the share of ε spent on learning the structure (PrivBayes' β, default 0.3); the rest goes to the conditional tables.</summary>
    public double StructureShare
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(StructureShare), value, "must lie in (0, 1).");
    } = 0.3;

    /// <summary>With <see cref="Epsilon"/>: PrivBayes' θ-usefulness — a released table may have at most rows·ε₂/(2·columns·θ) cells, so its counts stay θ times larger than the noise (default 4).</summary>
    public double Usefulness
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Usefulness), value, "must be a positive number.");
    } = 4.0;
}
