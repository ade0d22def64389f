using Doppel.Data;
using Doppel.Neural;
using MathNet.Numerics.Distributions;

namespace Doppel.Transforms;

/// <summary>
/// How a differentially private fit of the column encoders releases the data's statistics: one histogram per learned
/// column (a datetime column has two: its years, then its values inside the span they give), each count with Gaussian
/// noise of standard deviation <see cref="NoiseStd"/>. Adding or removing a row changes one count in each histogram,
/// so the releases together have L2 sensitivity √<see cref="Releases"/> and Rényi DP α·Releases/2σ² at every order α,
/// which the training's accountant adds to its own (<see cref="RdpSlope"/>). A category's name is itself data, so a
/// category is kept only when its noisy count clears <see cref="CategoryThreshold"/>: a row whose category no other row
/// holds gets it released with probability at most <see cref="SelectionDelta"/> over all columns together (Gaussian
/// partition selection), which the guarantee's δ includes. Rows of a category left out are encoded as missing. A
/// column whose metadata declares its categories takes their names from that public list instead: it needs no
/// selection, and keeps a declared category when its noisy count reaches <see cref="DeclaredThreshold"/>.
/// </summary>
public sealed record EncoderPrivacy(double NoiseStd, int Releases, double CategoryThreshold, double SelectionDelta, double Share)
{
    /// <summary>The share of ε the encoders' releases take by default (the training keeps the rest).</summary>
    public const double DefaultShare = 0.1;

    /// <summary>The share of δ that covers releasing a category held by too few rows, when there are categorical columns.</summary>
    public const double SelectionDeltaShare = 0.1;

    /// <summary>
    /// By default a declared category is kept when its noisy count reaches this many noise deviations (post-processing,
    /// as its name is public): one that no row holds passes with probability 0.13 %, so the encoder seldom makes room
    /// for noise. A model may ask for a higher cut (<see cref="DeclaredCut"/>).
    /// </summary>
    public const double DefaultDeclaredCut = 3;

    /// <summary>The noise deviations a declared category's noisy count must reach to be kept (default <see cref="DefaultDeclaredCut"/>).</summary>
    public double DeclaredCut { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(DeclaredCut), value, "must be a positive number of noise deviations."); } = DefaultDeclaredCut;

    /// <summary>The noisy count a declared category must reach: <see cref="DeclaredCut"/> noise deviations.</summary>
    public double DeclaredThreshold => DeclaredCut * NoiseStd;

    /// <summary>Categorical columns whose metadata declares their categories (their names need no selection).</summary>
    public int DeclaredCategoryLists { get; init; }

    /// <summary>The releases' Rényi DP divided by the order: Releases / 2σ².</summary>
    public double RdpSlope => Releases / (2 * NoiseStd * NoiseStd);

    /// <summary>
    /// The releases for the learned columns of <paramref name="metadata"/> under a budget (ε, δ): the noise is the
    /// smallest (to 0.1 %) whose releases alone cost <paramref name="share"/>·ε at the δ left after category selection.
    /// </summary>
    public static EncoderPrivacy Plan(Metadata metadata, double epsilon, double delta, double share = DefaultShare)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "must be a positive number.");
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "must lie in (0, 1).");
        if (!(share > 0 && share < 1)) throw new ArgumentOutOfRangeException(nameof(share), share, "must lie in (0, 1).");
        // Only columns whose category names come from the data need selecting.
        int declared = metadata.Columns.Count(c => c.Type is ColumnType.Categorical or ColumnType.Boolean && c.Categories is not null);
        int categorical = metadata.Columns.Count(c => c.Type is ColumnType.Categorical or ColumnType.Boolean) - declared;
        int releases = Math.Max(1, metadata.Columns.Count + metadata.Columns.Count(c => c.Type == ColumnType.DateTime));
        double selectionDelta = categorical > 0 ? delta * SelectionDeltaShare : 0;
        double target = share * epsilon;
        double Cost(double sigma) => RdpAccountant.Epsilon(1, 1, 0, delta - selectionDelta, releases / (2 * sigma * sigma));
        double low = 1e-3, high = 1;
        while (Cost(high) > target) { low = high; high *= 2; }
        while (high / low > 1.001)
        {
            double middle = Math.Sqrt(low * high);
            if (Cost(middle) > target) low = middle;
            else high = middle;
        }
        // A category held by one row passes with probability P(1 + N(0, σ²) ≥ τ) = selectionDelta / categorical.
        double threshold = categorical > 0 ? 1 + high * Normal.InvCDF(0, 1, 1 - selectionDelta / categorical) : 0;
        return new EncoderPrivacy(high, releases, threshold, selectionDelta, share) { DeclaredCategoryLists = declared };
    }
}
