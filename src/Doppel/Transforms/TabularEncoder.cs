using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Neural;
using Doppel.Privacy;
using Doppel.Randomness;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Transforms;

/// <summary>
/// Turns the learned columns of a table into the float rows deep synthesizers train on, and back:
/// numerical and datetime columns through <see cref="ModeSpecificNormalizer"/> (an offset then a one-hot of
/// modes), categorical and boolean columns through <see cref="CappedOneHotEncoder"/>. Decoding rounds to the
/// column's step (integers, whole days or seconds for datetimes, declared decimals) and keeps values inside the
/// fitted range. Datetimes are handled as seconds.
/// </summary>
public sealed class TabularEncoder
{
    /// <summary>Default cap on one-hot slots per categorical column.</summary>
    public const int DefaultCategoryCap = 100;

    private readonly ColumnPart[] _parts;

    private TabularEncoder(Metadata metadata, ColumnPart[] parts)
    {
        Metadata = metadata;
        _parts = parts;
        var spans = new List<OutputSpan>();
        var discrete = new List<DiscreteSpan>();
        int start = 0;
        for (int c = 0; c < parts.Length; c++)
        {
            ColumnPart part = parts[c];
            part.Start = start;
            if (part.Normalizer is { } normalizer)
            {
                spans.Add(new OutputSpan(start, 1, SpanKind.Tanh));
                spans.Add(new OutputSpan(start + 1, normalizer.Width - 1, SpanKind.Softmax));
                start += normalizer.Width;
            }
            else
            {
                CappedOneHotEncoder oneHot = part.OneHot!;
                spans.Add(new OutputSpan(start, oneHot.Width, SpanKind.Softmax));
                discrete.Add(new DiscreteSpan(c, start, oneHot.Width, [.. oneHot.SlotCounts]));
                start += oneHot.Width;
            }
        }
        Spans = spans;
        DiscreteColumns = discrete;
        Width = start;
    }

    /// <summary>The learned columns, in encoded order.</summary>
    public Metadata Metadata { get; }

    /// <summary>Encoded columns per row.</summary>
    public int Width { get; }

    /// <summary>How each part of a row is activated by a generator (tanh offsets, softmax one-hots).</summary>
    public IReadOnlyList<OutputSpan> Spans { get; }

    /// <summary>The one-hot groups of categorical and boolean columns (what CTGAN conditions on).</summary>
    public IReadOnlyList<DiscreteSpan> DiscreteColumns { get; }

    /// <summary>
    /// Categorical and boolean columns left without a single category (a private fit keeps a category only when its
    /// noisy count clears the threshold): every value they generate is missing.
    /// </summary>
    public IReadOnlyList<string> ColumnsWithoutCategories =>
        [.. _parts.Where(p => p.OneHot is { } oneHot && oneHot.SlotCodes.All(code => code == -1)).Select(p => p.Metadata.Name)];

    /// <summary>The per-column encoders: a normaliser for numbers and datetimes, a one-hot encoder for categories.</summary>
    public (ModeSpecificNormalizer? Normalizer, CappedOneHotEncoder? OneHot) Column(int index) => (_parts[index].Normalizer, _parts[index].OneHot);

    /// <summary>
    /// Fits an encoder for every column of <paramref name="metadata"/> (all must be learned types). Columns are fitted
    /// independently, each from its own generator, on up to <paramref name="maxThreads"/> threads: the mixtures of
    /// numeric columns are most of an encoder's fitting time, and the result does not depend on the thread count.
    /// With <paramref name="privacy"/> every statistic comes from noisy histograms (see <see cref="EncoderPrivacy"/>):
    /// numbers need declared bounds, which become the decoded range; datetimes find theirs from a noisy histogram of
    /// their years; categories are kept by noisy count; every column keeps a missing slot.
    /// </summary>
    public static TabularEncoder Fit(Table table, Metadata metadata, Rng rng, int categoryCap = DefaultCategoryCap, int maxThreads = 1, EncoderPrivacy? privacy = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        foreach (ColumnMetadata column in metadata.Columns)
            if (column.Type is not (ColumnType.Categorical or ColumnType.Boolean or ColumnType.Numerical or ColumnType.DateTime))
                throw new ArgumentException($"Column '{column.Name}' is {column.Type}; only numerical, categorical, boolean and datetime columns are encoded.", nameof(metadata));
        // Bounds are checked before any work, so a missing one is reported at once.
        if (privacy is not null)
            foreach (ColumnMetadata column in metadata.Columns.Where(c => c.Type == ColumnType.Numerical)) DeclaredBounds.Of(column);
        // Each column's generator is forked by name before any fitting starts, so the draws do not depend on timing.
        Rng[] columnRngs = [.. metadata.Columns.Select(column => rng.Fork("modes:" + column.Name))];
        Rng[] noiseRngs = [.. metadata.Columns.Select(column => rng.Fork("privacy:" + column.Name))];
        var parts = new ColumnPart[metadata.Columns.Count];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, c =>
        {
            ColumnMetadata column = metadata.Columns[c];
            Column data = table[column.Name];
            if (column.Type is ColumnType.Categorical or ColumnType.Boolean)
            {
                var categorical = (CategoricalColumn)data;
                parts[c] = privacy is null
                    ? new ColumnPart(column, null, CappedOneHotEncoder.Fit(categorical.Codes, categorical.Categories.Length, categoryCap), [.. categorical.Categories])
                    : PrivateCategories(column, categorical, categoryCap, privacy, noiseRngs[c]);
                return;
            }
            double[] values = NumericCopulaColumn.ToValues(data);
            if (privacy is not null)
            {
                (double low, double high) = column.Type == ColumnType.DateTime ? PrivateYearSpan.Gaussian(values, privacy.NoiseStd, noiseRngs[c].Fork("years")) : DeclaredBounds.Of(column);
                double privateStep = column.Type == ColumnType.DateTime ? PrivateDateTimeStep(column) : NumericCopulaColumn.NumericStep(column);
                parts[c] = new ColumnPart(column, ModeSpecificNormalizer.FitPrivate(values, low, high, privateStep, ModeSpecificNormalizer.PrivateBins(table.RowCount, privacy.NoiseStd), privacy.NoiseStd, noiseRngs[c], columnRngs[c]), null, [])
                {
                    Step = privateStep,
                    Minimum = low,
                    Maximum = high,
                };
                return;
            }
            double step = column.Type == ColumnType.DateTime ? NumericCopulaColumn.DateTimeStep(data) : NumericCopulaColumn.NumericStep(column);
            double[] present = [.. values.Where(v => !double.IsNaN(v))];
            parts[c] = new ColumnPart(column, ModeSpecificNormalizer.Fit(values, columnRngs[c]), null, [])
            {
                Step = step,
                Minimum = present.Length > 0 ? present.Min() : 0,
                Maximum = present.Length > 0 ? present.Max() : 0,
            };
        });
        return new TabularEncoder(metadata, parts);
    }

    /// <summary>
    /// A private categorical part: every category's count and the missing count get Gaussian noise; a category is kept
    /// when its noisy count clears the selection threshold, with its noisy count rounded; the missing slot always stays.
    /// </summary>
    private static ColumnPart PrivateCategories(ColumnMetadata column, CategoricalColumn data, int categoryCap, EncoderPrivacy privacy, Rng noise)
    {
        // A declared list names the categories (public, so nothing needs selecting; the cut only leaves out
        // categories that are mostly noise); otherwise the data's names, each kept only past the selection threshold.
        string[] names = column.Categories is { } declared ? [.. declared] : data.Categories;
        int categories = names.Length;
        int[] index = column.Categories is null ? [.. Enumerable.Range(0, categories)] : data.PositionsIn(names);
        var counts = new double[categories + 1];
        foreach (int code in data.Codes) counts[code < 0 || index[code] < 0 ? categories : index[code]]++;
        for (int i = 0; i < counts.Length; i++) counts[i] += privacy.NoiseStd * noise.NextGaussian();
        double threshold = column.Categories is null ? privacy.CategoryThreshold : privacy.DeclaredThreshold;
        int[] kept = [.. Enumerable.Range(0, categories).Where(i => counts[i] >= threshold)];
        long[] keptCounts = [.. kept.Select(i => (long)Math.Max(1, Math.Round(counts[i]))), (long)Math.Max(0, Math.Round(counts[categories]))];
        return new ColumnPart(column, null, CappedOneHotEncoder.FromCounts(keptCounts, categoryCap, keepMissing: true), [.. kept.Select(i => names[i])]);
    }

    /// <summary>A private datetime column's rounding step, from its declared format alone: whole days when the format shows no time of day, else seconds.</summary>
    private static double PrivateDateTimeStep(ColumnMetadata column) =>
        column.DateTimeFormat is { } format && !format.StartsWith("unix", StringComparison.Ordinal) && format.IndexOfAny(['H', 'h', 'm', 's', 'f', 'F', 't']) < 0 ? 86400.0 : 1.0;

    /// <summary>
    /// Encodes every row: <c>rows × Width</c> values, row-major. Mode choices are drawn from <paramref name="rng"/>
    /// (a generator per column), so columns are encoded side by side on up to <paramref name="maxThreads"/> threads
    /// with the same result.
    /// </summary>
    public Tensor Encode(Table table, Rng rng, int maxThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        var result = new Tensor(table.RowCount, Width);
        Parallel.ForEach(_parts, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, part =>
        {
            Column data = table[part.Metadata.Name];
            if (part.Normalizer is { } normalizer)
            {
                double[] values = NumericCopulaColumn.ToValues(data);
                Rng columnRng = rng.Fork("encode:" + part.Metadata.Name);
                for (int r = 0; r < values.Length; r++) normalizer.Encode(values[r], result.Row(r).Slice(part.Start, normalizer.Width), columnRng);
            }
            else
            {
                var categorical = (CategoricalColumn)data;
                // The table's codes map to the encoder's by name: a private fit keeps only some categories, and the
                // rows of one it left out are encoded as missing.
                int[] encoderCode = categorical.PositionsIn(part.Categories);
                int[] codes = categorical.Codes;
                for (int r = 0; r < codes.Length; r++)
                {
                    int slot = part.OneHot!.SlotOf(codes[r] < 0 ? -1 : encoderCode[codes[r]]);
                    if (slot >= 0) result.Row(r)[part.Start + slot] = 1;
                }
            }
        });
        return result;
    }

    /// <summary>
    /// Decodes the first <paramref name="rows"/> rows of generated data (one-hot groups by their largest value).
    /// <paramref name="forcedCodes"/> pins a categorical column (by index) to a code, as conditions require.
    /// </summary>
    public Table Decode(Tensor data, int rows, Rng rng, IReadOnlyDictionary<int, int>? forcedCodes = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rng);
        var columns = new Column[_parts.Length];
        for (int c = 0; c < _parts.Length; c++)
        {
            ColumnPart part = _parts[c];
            if (part.Normalizer is { } normalizer)
            {
                var values = new double[rows];
                for (int r = 0; r < rows; r++) values[r] = part.Round(normalizer.Decode(data.Row(r).Slice(part.Start, normalizer.Width)));
                columns[c] = part.Metadata.Type == ColumnType.DateTime ? ToDateTime(part.Metadata.Name, values) : new NumericColumn(part.Metadata.Name, values);
                continue;
            }
            CappedOneHotEncoder oneHot = part.OneHot!;
            var codes = new int[rows];
            Rng columnRng = rng.Fork("decode:" + part.Metadata.Name);
            if (forcedCodes is not null && forcedCodes.TryGetValue(c, out int forced)) Array.Fill(codes, forced);
            else
                for (int r = 0; r < rows; r++)
                {
                    Span<float> slots = data.Row(r).Slice(part.Start, oneHot.Width);
                    int best = 0;
                    for (int s = 1; s < slots.Length; s++) if (slots[s] > slots[best]) best = s;
                    codes[r] = oneHot.Decode(best, columnRng);
                }
            columns[c] = new CategoricalColumn(part.Metadata.Name, codes, part.Categories);
        }
        return new Table(columns);
    }

    /// <summary>The code of <paramref name="value"/> in categorical column <paramref name="column"/>, or -1 when the column never held it.</summary>
    public int CodeOf(int column, string value) => Array.IndexOf(_parts[column].Categories, value);

    /// <summary>The categories of a categorical column.</summary>
    public IReadOnlyList<string> CategoriesOf(int column) => _parts[column].Categories;

    /// <summary>Writes <c>[ per column: { name, kind: "continuous", step, minimum, maximum, means, deviations, weights, hasMissing } or { name, kind: "discrete", categories, slotCodes, slotCounts, otherCodes, otherCounts } ]</c>.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (ColumnPart part in _parts)
        {
            writer.WriteStartObject();
            writer.WriteString("name", part.Metadata.Name);
            if (part.Normalizer is { } normalizer)
            {
                writer.WriteString("kind", "continuous");
                writer.WriteNumber("step", part.Step);
                writer.WriteNumber("minimum", part.Minimum);
                writer.WriteNumber("maximum", part.Maximum);
                normalizer.Write(writer);
            }
            else
            {
                writer.WriteString("kind", "discrete");
                writer.WriteStartArray("categories");
                foreach (string category in part.Categories) writer.WriteStringValue(category);
                writer.WriteEndArray();
                part.OneHot!.Write(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>Restores an encoder written by <see cref="Write"/> for the learned columns in <paramref name="metadata"/>.</summary>
    public static TabularEncoder Read(Metadata metadata, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != metadata.Columns.Count)
            throw new ModelFormatException($"The encoder must list the model's {metadata.Columns.Count} learned columns.");
        var parts = new ColumnPart[metadata.Columns.Count];
        int c = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            ColumnMetadata column = metadata.Columns[c];
            if (ModelJson.String(item, "name") != column.Name)
                throw new ModelFormatException($"Encoded column {c + 1} is named '{ModelJson.String(item, "name")}' but the metadata says '{column.Name}'.");
            parts[c++] = ModelJson.String(item, "kind") switch
            {
                "continuous" => new ColumnPart(column, ModeSpecificNormalizer.Read(item), null, [])
                {
                    Step = ModelJson.Double(item, "step"),
                    Minimum = ModelJson.Double(item, "minimum"),
                    Maximum = ModelJson.Double(item, "maximum"),
                },
                "discrete" => ReadDiscrete(column, item),
                string kind => throw new ModelFormatException($"Encoded column '{column.Name}' has unknown kind '{kind}'."),
            };
        }
        return new TabularEncoder(metadata, parts);
    }

    private static ColumnPart ReadDiscrete(ColumnMetadata column, JsonElement item)
    {
        string[] categories = [.. ModelJson.Array(item, "categories").Select(e => e.GetString() ?? throw new ModelFormatException($"Column '{column.Name}' has a null category."))];
        return new ColumnPart(column, null, CappedOneHotEncoder.Read(item, categories.Length), categories);
    }

    private static DateTimeColumn ToDateTime(string name, double[] seconds)
    {
        var ticks = new long[seconds.Length];
        for (int i = 0; i < seconds.Length; i++)
            ticks[i] = double.IsNaN(seconds[i]) ? DateTimeColumn.Missing : (long)Math.Round(seconds[i] * TimeSpan.TicksPerSecond);
        return new DateTimeColumn(name, ticks);
    }

    private sealed class ColumnPart(ColumnMetadata metadata, ModeSpecificNormalizer? normalizer, CappedOneHotEncoder? oneHot, string[] categories)
    {
        public ColumnMetadata Metadata { get; } = metadata;
        public ModeSpecificNormalizer? Normalizer { get; } = normalizer;
        public CappedOneHotEncoder? OneHot { get; } = oneHot;
        public string[] Categories { get; } = categories;
        public int Start { get; set; }
        public double Step { get; init; }
        public double Minimum { get; init; }
        public double Maximum { get; init; }

        public double Round(double value)
        {
            if (double.IsNaN(value)) return value;
            if (Step > 0) value = Math.Round(value / Step) * Step;
            else if (Metadata.Decimals is int decimals && decimals <= 15) value = Math.Round(value, decimals);
            return Math.Clamp(value, Minimum, Maximum);
        }
    }
}
