namespace Doppel.Constraints;

/// <summary>Limits of <see cref="ConstraintSuggester"/>; the defaults suit tables of up to a few hundred columns.</summary>
public sealed record SuggestionOptions
{
    /// <summary>Numerical and datetime columns compared pairwise (the first ones in table order); more would cost columns² scans.</summary>
    public int MaxPairColumns
    {
        get;
        init => field = value >= 2 ? value : throw new UsageException($"MaxPairColumns must be at least 2; got {value}.");
    } = 60;

    /// <summary>Numerical columns searched for three-term sums (<c>total = a + b + c</c>), which cost columns⁴ checks; 0 turns the search off.</summary>
    public int MaxTripleColumns
    {
        get;
        init => field = value >= 0 ? value : throw new UsageException($"MaxTripleColumns must be 0 or more; got {value}.");
    } = 20;

    /// <summary>A pair of categorical columns is suggested as fixed combinations when at most this share of the product of their cardinalities occurs.</summary>
    public double MaxCombinationShare
    {
        get;
        init => field = value is > 0 and <= 1 ? value : throw new UsageException($"MaxCombinationShare must be in (0, 1]; got {value}.");
    } = 0.5;
}
