namespace Doppel.Data;

/// <summary>How <see cref="Profiler"/> decides column types. Immutable; change it with <c>with</c>; invalid values throw when set.</summary>
public sealed record ProfileOptions
{
    /// <summary>The defaults: 10,000-value samples, seed 0, at most 1,000 categories covering at most half the rows.</summary>
    public static ProfileOptions Default { get; } = new();

    /// <summary>Values per column read by the expensive content checks (PII, date formats); counts and bounds always use every row. Default 10,000; at least 100.</summary>
    public int SampleSize
    {
        get;
        init => field = value >= 100 ? value
            : throw new ArgumentOutOfRangeException(nameof(SampleSize), value, "SampleSize must be at least 100 so that a 90 % match share means something; the default is 10,000.");
    } = 10_000;

    /// <summary>Seed of the sample (profiling is deterministic for a given seed). Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>A text column with more distinct values than this is free text, not categorical. Default 1,000; at least 2.</summary>
    public int MaxCategories
    {
        get;
        init => field = value >= 2 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxCategories), value, "MaxCategories must be at least 2; the default is 1,000.");
    } = 1000;

    /// <summary>A text column whose distinct values exceed this share of its non-missing values is free text, not categorical. Default 0.5; in (0, 1].</summary>
    public double MaxCategoryFraction
    {
        get;
        init => field = value is > 0 and <= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxCategoryFraction), value, "MaxCategoryFraction must be in (0, 1]; the default is 0.5.");
    } = 0.5;
}
