using System.Text.Json;
using Doppel.Models;
using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Transforms;

/// <summary>
/// CTGAN's mode-specific normalisation of a continuous column: a variational Gaussian mixture (up to 10 modes,
/// those weighing more than 0.005 kept) finds the column's modes; a value is encoded as a mode drawn from
/// its posterior over the modes (a one-hot) and its offset in that mode, (x − μ)/(4σ) clipped to ±0.99.
/// Missing values get a one-hot slot of their own after the modes. Decoding takes the most likely slot.
/// </summary>
public sealed class ModeSpecificNormalizer
{
    /// <summary>The most modes a column gets.</summary>
    public const int MaxModes = 10;

    /// <summary>Modes lighter than this are dropped.</summary>
    public const double WeightThreshold = 0.005;

    private readonly double[] _means, _deviations, _logWeights;

    private ModeSpecificNormalizer(double[] means, double[] deviations, double[] weights, bool hasMissing)
    {
        _means = means;
        _deviations = deviations;
        _logWeights = [.. weights.Select(w => Math.Log(w))];
        Weights = weights;
        HasMissing = hasMissing;
    }

    /// <summary>The modes kept: centres, deviations and renormalised weights.</summary>
    public IReadOnlyList<double> Means => _means;
    public IReadOnlyList<double> Deviations => _deviations;
    public IReadOnlyList<double> Weights { get; }

    /// <summary>True when the column had missing values (one extra slot).</summary>
    public bool HasMissing { get; }

    /// <summary>Encoded width: the offset, one slot per mode, and the missing slot when present.</summary>
    public int Width => 1 + _means.Length + (HasMissing ? 1 : 0);

    /// <summary>Fits the modes of the non-missing <paramref name="values"/> (NaN = missing).</summary>
    public static ModeSpecificNormalizer Fit(ReadOnlySpan<double> values, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var present = new List<double>(values.Length);
        foreach (double v in values) if (!double.IsNaN(v)) present.Add(v);
        bool hasMissing = present.Count < values.Length;
        if (present.Count == 0) return new ModeSpecificNormalizer([0], [1], [1], hasMissing);
        return FromMixture([.. present], rng, hasMissing);
    }

    /// <summary>The most bins a private fit cuts a declared range into.</summary>
    public const int MaxPrivateBins = 100;

    /// <summary>
    /// Bins for a private fit of <paramref name="rows"/> rows under noise <paramref name="noiseStd"/>: as many as keep
    /// about ten noise deviations of rows in an average bin, between 8 and <see cref="MaxPrivateBins"/> (finer bins
    /// would hold mostly noise and fall under the floor).
    /// </summary>
    public static int PrivateBins(int rows, double noiseStd) => (int)Math.Clamp(Math.Round(rows / (10 * noiseStd)), 8, MaxPrivateBins);

    /// <summary>Noisy counts below this many standard deviations of the noise are taken as zero (an empty cell's noise alone rarely reaches it).</summary>
    private const double PrivateFloor = 3;

    /// <summary>Points a private fit's mixture is fitted to, at most.</summary>
    private const int PrivatePoints = 100_000;

    /// <summary>
    /// Fits the modes privately: the values (clamped into the public range [<paramref name="low"/>, <paramref name="high"/>])
    /// are counted in cells, the range's ends and 0 as cells of their own (public values where real columns pile up),
    /// the rest in <paramref name="bins"/> equal bins, or one cell per <paramref name="step"/> when the range holds
    /// no more steps than that. Every count gets Gaussian noise of standard deviation <paramref name="noiseStd"/> from
    /// <paramref name="noise"/> (one row changes one count: sensitivity 1); counts under 3σ become 0. The mixture is then
    /// fitted to points spread evenly over each cell as many as its noisy count, which is post-processing: the result
    /// depends on the data only through the noisy counts. The missing slot is always there, so whether the column has
    /// missing values is not released either.
    /// </summary>
    public static ModeSpecificNormalizer FitPrivate(ReadOnlySpan<double> values, double low, double high, double step, int bins, double noiseStd, Rng noise, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(high >= low) || !double.IsFinite(low) || !double.IsFinite(high)) throw new ArgumentException($"The range [{low}, {high}] is not a finite interval.", nameof(high));
        if (!(noiseStd > 0) || double.IsInfinity(noiseStd)) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "must be a positive number.");
        bool grid = step > 0 && (high - low) / step + 1 <= bins;
        double[] atoms = grid
            ? [.. Enumerable.Range(0, (int)Math.Floor((high - low) / step + 1e-9) + 1).Select(i => low + i * step)]
            : [.. new[] { low, 0.0, high }.Where(a => a >= low && a <= high).Distinct().Order()];
        if (grid || high == low) bins = 0;
        double width = bins > 0 ? (high - low) / bins : 0;
        var counts = new double[atoms.Length + bins];
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            double x = Math.Clamp(v, low, high);
            int atom = Array.BinarySearch(atoms, x);
            if (grid && atom < 0)
            {
                // Off the grid (the declared bounds need not sit on it): the nearest grid value.
                int above = Math.Min(~atom, atoms.Length - 1), below = Math.Max(~atom - 1, 0);
                atom = Math.Abs(atoms[above] - x) < Math.Abs(atoms[below] - x) ? above : below;
            }
            counts[atom >= 0 ? atom : atoms.Length + Math.Min((int)((x - low) / width), bins - 1)]++;
        }
        double total = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double noisy = counts[i] + noiseStd * noise.NextGaussian();
            counts[i] = noisy >= PrivateFloor * noiseStd ? noisy : 0;
            total += counts[i];
        }
        // With nothing above the floor, one wide mode over the range.
        ModeSpecificNormalizer Flat() => new([(low + high) / 2], [Math.Max((high - low) / 4, 1e-6)], [1], hasMissing: true);
        if (total < 1) return Flat();
        double scale = Math.Min(1, PrivatePoints / total);
        var points = new List<double>((int)Math.Min(total, PrivatePoints) + counts.Length);
        for (int i = 0; i < counts.Length; i++)
        {
            int n = (int)Math.Round(counts[i] * scale);
            if (i < atoms.Length) { for (int j = 0; j < n; j++) points.Add(atoms[i]); continue; }
            double start = low + (i - atoms.Length) * width;
            for (int j = 0; j < n; j++) points.Add(start + (j + 0.5) / n * width);
        }
        return points.Count == 0 ? Flat() : FromMixture([.. points], rng, hasMissing: true);
    }

    private static ModeSpecificNormalizer FromMixture(double[] present, Rng rng, bool hasMissing)
    {
        var mixture = VariationalGaussianMixture.Fit(present, MaxModes, rng);
        var kept = Enumerable.Range(0, mixture.Weights.Count).Where(k => mixture.Weights[k] > WeightThreshold).ToList();
        if (kept.Count == 0) kept.Add(mixture.Weights.Select((w, k) => (w, k)).Max().k);
        double total = kept.Sum(k => mixture.Weights[k]);
        return new ModeSpecificNormalizer(
            [.. kept.Select(k => mixture.Means[k])],
            [.. kept.Select(k => Math.Max(mixture.Deviations[k], 1e-6))],
            [.. kept.Select(k => mixture.Weights[k] / total)],
            hasMissing);
    }

    /// <summary>Writes the encoding of <paramref name="value"/> into <paramref name="target"/> (<see cref="Width"/> values, zeroed first).</summary>
    public void Encode(double value, Span<float> target, Rng rng)
    {
        target[..Width].Clear();
        if (double.IsNaN(value))
        {
            if (!HasMissing) throw new ArgumentException("The column had no missing values when fitted.", nameof(value));
            target[Width - 1] = 1;
            return;
        }
        int modes = _means.Length;
        Span<double> posterior = stackalloc double[modes];
        double max = double.NegativeInfinity;
        for (int k = 0; k < modes; k++)
        {
            double z = (value - _means[k]) / _deviations[k];
            posterior[k] = _logWeights[k] - Math.Log(_deviations[k]) - 0.5 * z * z;
            max = Math.Max(max, posterior[k]);
        }
        double sum = 0;
        for (int k = 0; k < modes; k++) sum += posterior[k] = Math.Exp(posterior[k] - max);
        double u = rng.NextDouble() * sum;
        int mode = 0;
        for (; mode < modes - 1 && (u -= posterior[mode]) >= 0; mode++) { }
        target[0] = (float)Math.Clamp((value - _means[mode]) / (4 * _deviations[mode]), -0.99, 0.99);
        target[1 + mode] = 1;
    }

    /// <summary>The value an encoded (or generated) row stands for: the most likely slot's mode and the offset; NaN for the missing slot.</summary>
    public double Decode(ReadOnlySpan<float> source)
    {
        int best = 0;
        for (int k = 1; k < Width - 1; k++) if (source[1 + k] > source[1 + best]) best = k;
        if (best == _means.Length) return double.NaN;
        return Math.Clamp(source[0], -1f, 1f) * 4 * _deviations[best] + _means[best];
    }

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteArray(writer, "means", _means);
        WriteArray(writer, "deviations", _deviations);
        WriteArray(writer, "weights", [.. Weights]);
        writer.WriteBoolean("hasMissing", HasMissing);
    }

    public static ModeSpecificNormalizer Read(JsonElement element)
    {
        double[] means = ModelJson.Doubles(element, "means"), deviations = ModelJson.Doubles(element, "deviations"), weights = ModelJson.Doubles(element, "weights");
        if (means.Length == 0 || means.Length > MaxModes || deviations.Length != means.Length || weights.Length != means.Length)
            throw new ModelFormatException($"A mode-specific normaliser needs 1 to {MaxModes} modes with as many deviations and weights.");
        if (deviations.Any(d => !(d > 0) || double.IsInfinity(d)) || weights.Any(w => !(w > 0)) || means.Any(m => !double.IsFinite(m)))
            throw new ModelFormatException("A mode-specific normaliser has a non-finite mean, a non-positive deviation or weight.");
        return new ModeSpecificNormalizer(means, deviations, weights, ModelJson.Property(element, "hasMissing").GetBoolean());
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, double[] values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
