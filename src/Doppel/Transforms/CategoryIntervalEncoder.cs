using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Transforms;

/// <summary>
/// Maps category codes to the standard normal scale: each category owns an interval of probability
/// mass equal to its frequency, a value is encoded as a random normal score inside its interval (so the
/// scores are exactly standard normal), and a normal score decodes to the category whose interval holds it.
/// Code -1 (missing) is a category of its own, so missingness keeps its correlations.
/// The intervals are ordered by a guide (the mean of a related column's scores per category) when one is
/// given, so a category that goes with high values of another column sits high on the scale and the
/// copula's linear correlation can carry the dependency; otherwise most frequent first.
/// </summary>
public sealed class CategoryIntervalEncoder
{
    private readonly int[] _codes;
    private readonly double[] _cumulative;
    private readonly double[] _zBoundaries;
    private readonly int[] _slotOfCode;
    private readonly int _slotOfMissing;

    private CategoryIntervalEncoder(int[] codes, double[] probabilities)
    {
        _codes = codes;
        _cumulative = new double[codes.Length + 1];
        for (int i = 0; i < codes.Length; i++) _cumulative[i + 1] = _cumulative[i] + probabilities[i];
        for (int i = 1; i < codes.Length; i++) _cumulative[i] /= _cumulative[codes.Length];
        _cumulative[codes.Length] = 1.0;
        _zBoundaries = new double[Math.Max(0, codes.Length - 1)];
        for (int i = 0; i < _zBoundaries.Length; i++) _zBoundaries[i] = StandardNormal.Quantile(_cumulative[i + 1]);
        int maxCode = codes.Length == 0 ? -1 : codes.Max();
        _slotOfCode = new int[maxCode + 1];
        Array.Fill(_slotOfCode, -1);
        _slotOfMissing = -1;
        for (int slot = 0; slot < codes.Length; slot++)
        {
            if (codes[slot] < 0) _slotOfMissing = slot;
            else _slotOfCode[codes[slot]] = slot;
        }
        Probabilities = probabilities;
        double variance = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            double mass = _cumulative[i + 1] - _cumulative[i];
            double density = StandardNormal.Pdf(i == 0 ? double.NegativeInfinity : _zBoundaries[i - 1])
                - StandardNormal.Pdf(i == codes.Length - 1 ? double.PositiveInfinity : _zBoundaries[i]);
            if (mass > 0) variance += density * density / mass;
        }
        ScoreVariance = Math.Clamp(variance, 1e-12, 1.0);
    }

    /// <summary>
    /// The variance of the mean score of a category: the share of a score's variance the category explains.
    /// Random placement inside an interval scales the score's correlation with any other variable by this
    /// factor (exactly, when the category is a cut of a latent normal), so a copula divides it back out.
    /// </summary>
    public double ScoreVariance { get; }

    /// <summary>The codes in interval order (lowest interval first); -1 stands for missing.</summary>
    public IReadOnlyList<int> Codes => _codes;

    /// <summary>The probability of each code, in interval order.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>
    /// Learns category frequencies from codes (-1 = missing) of a column with <paramref name="categoryCount"/> categories.
    /// With a <paramref name="guide"/> (one value per row, NaN where unknown), the intervals are ordered by the
    /// guide's mean in each category, lowest first; categories the guide says nothing about, and all of them
    /// without a guide, are ordered most frequent first.
    /// </summary>
    public static CategoryIntervalEncoder Fit(ReadOnlySpan<int> codes, int categoryCount, ReadOnlySpan<double> guide = default)
    {
        if (!guide.IsEmpty && guide.Length != codes.Length)
            throw new ArgumentException($"The guide has {guide.Length} values for {codes.Length} codes.", nameof(guide));
        var counts = new long[categoryCount + 1]; // last slot counts missing
        foreach (int code in codes) counts[code < 0 ? categoryCount : code]++;
        var guideSums = new double[categoryCount + 1];
        var guideCounts = new long[categoryCount + 1];
        for (int i = 0; i < guide.Length; i++)
        {
            if (double.IsNaN(guide[i])) continue;
            int slot = codes[i] < 0 ? categoryCount : codes[i];
            guideSums[slot] += guide[i];
            guideCounts[slot]++;
        }
        var present = new List<int>();
        for (int c = 0; c < categoryCount; c++) if (counts[c] > 0) present.Add(c);
        if (counts[categoryCount] > 0) present.Add(-1);
        var guideMeans = new double[categoryCount + 1];
        for (int slot = 0; slot <= categoryCount; slot++)
            guideMeans[slot] = guideCounts[slot] == 0 ? 0.0 : guideSums[slot] / guideCounts[slot];
        // Ties keep frequency and then code order (missing last), so the order is deterministic.
        int[] ordered = [.. present
            .OrderBy(c => guideMeans[c < 0 ? categoryCount : c])
            .ThenByDescending(c => counts[c < 0 ? categoryCount : c])
            .ThenBy(c => c < 0 ? int.MaxValue : c)];
        double total = codes.Length;
        double[] probabilities = [.. ordered.Select(c => counts[c < 0 ? categoryCount : c] / total)];
        return new CategoryIntervalEncoder(ordered, probabilities);
    }

    /// <summary>Restores an encoder from codes in interval order and their probabilities (as saved in a model file).</summary>
    public static CategoryIntervalEncoder FromParameters(IReadOnlyList<int> codes, IReadOnlyList<double> probabilities)
    {
        if (codes.Count != probabilities.Count || codes.Count == 0)
            throw new ModelFormatException($"A categorical encoder needs one probability per category; the file has {codes.Count} categories and {probabilities.Count} probabilities.");
        if (probabilities.Any(p => !(p > 0) || double.IsNaN(p)))
            throw new ModelFormatException("A categorical encoder's probabilities must all be positive.");
        if (codes.Distinct().Count() != codes.Count)
            throw new ModelFormatException("A categorical encoder lists a category twice.");
        return new CategoryIntervalEncoder([.. codes], [.. probabilities]);
    }

    /// <summary>A random normal score inside the interval of <paramref name="code"/>.</summary>
    public double Encode(int code, Rng rng)
    {
        int slot = code < 0 ? _slotOfMissing : code < _slotOfCode.Length ? _slotOfCode[code] : -1;
        if (slot < 0) throw new ArgumentOutOfRangeException(nameof(code), code, "The code was not seen when the encoder was fitted.");
        double u = _cumulative[slot] + (_cumulative[slot + 1] - _cumulative[slot]) * rng.NextOpenDouble();
        return Math.Clamp(StandardNormal.Quantile(u), -8.3, 8.3);
    }

    /// <summary>The code whose interval holds the normal score <paramref name="z"/>.</summary>
    public int Decode(double z)
    {
        double[] boundaries = _zBoundaries;
        int low = 0, high = boundaries.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (z < boundaries[mid]) high = mid;
            else low = mid + 1;
        }
        return _codes[low];
    }

    /// <summary>The normal-scale interval [lower, upper] of a code, or null when the code was never seen.</summary>
    public (double Lower, double Upper)? IntervalOf(int code)
    {
        int slot = code < 0 ? _slotOfMissing : code < _slotOfCode.Length ? _slotOfCode[code] : -1;
        if (slot < 0) return null;
        double lower = slot == 0 ? double.NegativeInfinity : _zBoundaries[slot - 1];
        double upper = slot == _codes.Length - 1 ? double.PositiveInfinity : _zBoundaries[slot];
        return (lower, upper);
    }
}
