using System.Text.Json;
using Doppel.Data;
using Doppel.Learning;
using Doppel.Models;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Cart;

/// <summary>
/// One column synthesized from observed donors: a tree (or none, for the marginal) routes a synthetic row to a leaf,
/// and the row takes the value of a donor drawn uniformly from the real rows that reached that leaf (a missing value
/// is a value like any other). Float donors may be smoothed by a Gaussian kernel inside the learned bounds. Immutable.
/// </summary>
internal sealed class DonorColumn : Baselines.IColumnSampler
{
    private readonly int[] _leafOfNode;   // tree node -> leaf ordinal (-1 for inner nodes); [0] without a tree
    private readonly int[] _offsets;      // donors of leaf l: [offsets[l], offsets[l + 1])
    private readonly double[]? _numbers;  // numerical donors (NaN = missing)
    private readonly long[]? _ticks;      // datetime donors
    private readonly int[]? _codes;       // categorical / boolean donors (-1 = missing)
    private readonly string[] _categories;
    private readonly double[] _bandwidth; // kernel width per leaf (empty without smoothing)
    private readonly int _decimals;       // smoothed values are rounded to the donors' own decimal grid
    private readonly double _minimum, _maximum;
    private readonly HashSet<double> _atoms;   // float values that are point masses: never smoothed

    private DonorColumn(ColumnMetadata metadata, DecisionTree? tree, int[] offsets, double[]? numbers, long[]? ticks, int[]? codes, string[] categories, bool smoothed)
    {
        Metadata = metadata;
        Tree = tree;
        _offsets = offsets;
        _numbers = numbers;
        _ticks = ticks;
        _codes = codes;
        _categories = categories;
        Smoothed = smoothed && numbers is not null;
        _leafOfNode = tree is null ? [0] : new int[tree.NodeCount];
        if (tree is not null)
        {
            Array.Fill(_leafOfNode, -1);
            for (int l = 0; l < tree.LeafNodes.Count; l++) _leafOfNode[tree.LeafNodes[l]] = l;
        }
        int leaves = offsets.Length - 1;
        if (leaves != (tree?.LeafNodes.Count ?? 1))
            throw new ModelFormatException($"Column '{metadata.Name}' has donors for {leaves} leaves but its tree has {tree?.LeafNodes.Count ?? 1}.");
        for (int l = 0; l < leaves; l++)
            if (offsets[l] > offsets[l + 1] || (offsets[l] == offsets[l + 1] && Donors > 0))
                throw new ModelFormatException($"Column '{metadata.Name}' has an empty or inverted donor range for leaf {l}.");
        if (offsets[0] != 0 || offsets[^1] != Donors)
            throw new ModelFormatException($"Column '{metadata.Name}' has donor offsets that do not cover its {Donors} donors.");
        if (codes is not null && codes.Any(c => c < -1 || c >= categories.Length))
            throw new ModelFormatException($"Column '{metadata.Name}' has a donor code outside its {categories.Length} categories.");
        (_minimum, _maximum) = numbers is null ? (0, 0) : Range(metadata, numbers);
        _atoms = Smoothed ? Atoms(numbers!) : [];
        _bandwidth = Smoothed
            ? [.. Enumerable.Range(0, leaves).Select(l => Bandwidth([.. numbers.AsSpan(offsets[l], offsets[l + 1] - offsets[l]).ToArray().Where(v => !double.IsNaN(v) && !_atoms.Contains(v))]))]
            : [];
        _decimals = Smoothed ? Grid(metadata, numbers!) : 0;
    }

    public ColumnMetadata Metadata { get; }

    /// <summary>The tree on earlier columns, or null when the column is drawn from its marginal.</summary>
    public DecisionTree? Tree { get; }

    /// <summary>True when float donors get kernel noise.</summary>
    public bool Smoothed { get; }

    private int Donors => _numbers?.Length ?? _ticks?.Length ?? _codes!.Length;

    /// <summary>Groups the real rows of <paramref name="data"/> by the leaf they reach in <paramref name="tree"/> (all in one leaf without a tree).</summary>
    public static DonorColumn Fit(ColumnMetadata metadata, Column data, DecisionTree? tree, byte[][]? features, bool smoothing)
    {
        int rows = data.Length;
        int leaves = tree?.LeafNodes.Count ?? 1;
        var leafOf = new int[rows];
        if (tree is not null)
        {
            var ordinal = new Dictionary<int, int>();
            for (int l = 0; l < leaves; l++) ordinal[tree.LeafNodes[l]] = l;
            for (int r = 0; r < rows; r++) leafOf[r] = ordinal[tree.LeafIndex(features!, r)];
        }
        var offsets = new int[leaves + 1];
        foreach (int l in leafOf) offsets[l + 1]++;
        for (int l = 0; l < leaves; l++) offsets[l + 1] += offsets[l];
        var order = new int[rows];
        var next = (int[])offsets.Clone();
        for (int r = 0; r < rows; r++) order[next[leafOf[r]]++] = r;
        bool floats = metadata.Type == ColumnType.Numerical && metadata.Subtype != NumericalSubtype.Integer && metadata.Decimals is not 0;
        return data switch
        {
            NumericColumn n => new DonorColumn(metadata, tree, offsets, [.. order.Select(r => n.Values[r])], null, null, [], smoothing && floats),
            DateTimeColumn d => new DonorColumn(metadata, tree, offsets, null, [.. order.Select(r => d.Ticks[r])], null, [], false),
            CategoricalColumn c => new DonorColumn(metadata, tree, offsets, null, null, [.. order.Select(r => c.Codes[r])], c.Categories, false),
            _ => throw new ArgumentException($"Column '{metadata.Name}' holds text; only learned columns have donors.", nameof(data)),
        };
    }

    /// <summary>True when some donor holds this category.</summary>
    public bool Holds(string value)
    {
        int code = Array.IndexOf(_categories, value);
        return code >= 0 && _codes is not null && Array.IndexOf(_codes, code) >= 0;
    }

    /// <summary>The code of a condition's category, checked against the donors; throws listing the values that can be asked for.</summary>
    public int CodeOf(Condition condition)
    {
        if (_codes is null || condition.IsRange)
            throw new UsageException($"Condition {condition}: column '{Metadata.Name}' is met natively only by equality on a category.");
        if (!Holds(condition.Value))
        {
            string[] seen = [.. _codes.Where(c => c >= 0).Distinct().Order().Select(c => _categories[c])];
            throw new InfeasibleRequestException($"Condition {condition}: '{condition.Value}' never occurs in column '{Metadata.Name}'. Values seen: {string.Join(", ", seen.Take(20))}{(seen.Length > 20 ? ", ..." : "")}.");
        }
        return Array.IndexOf(_categories, condition.Value);
    }

    public bool IsCategorical => _codes is not null;

    /// <summary>Draws from the marginal (no tree), or fixes every row to a category.</summary>
    public Column Draw(int rows, Rng rng, int? fixedCode) => fixedCode is int code ? Fixed(rows, code) : Draw(rows, null, rng, out _);

    /// <summary>Reads a column without a tree (the independence baseline).</summary>
    public static DonorColumn ReadMarginal(ColumnMetadata metadata, JsonElement element)
    {
        DonorColumn column = Read(metadata, element, 0);
        return column.Tree is null ? column : throw new ModelFormatException($"Column '{metadata.Name}' of an independent model has a tree.");
    }

    /// <summary>A column of <paramref name="rows"/> rows all holding category <paramref name="code"/>.</summary>
    public Column Fixed(int rows, int code)
    {
        var codes = new int[rows];
        Array.Fill(codes, code);
        return new CategoricalColumn(Metadata.Name, codes, _categories);
    }

    /// <summary>
    /// Draws <paramref name="rows"/> values; <paramref name="features"/> holds the binned columns the tree reads.
    /// <paramref name="donated"/> is the column before smoothing: later trees route on it, because they were fitted on
    /// real values (a zero duration smoothed to 0.3 would otherwise be read as "some time spent").
    /// </summary>
    public Column Draw(int rows, byte[][]? features, Rng rng, out Column donated)
    {
        var donor = new int[rows];
        var leaf = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int l = Tree is null ? 0 : _leafOfNode[Tree.LeafIndex(features!, r)];
            leaf[r] = l;
            donor[r] = _offsets[l] + rng.NextInt(_offsets[l + 1] - _offsets[l]);
        }
        if (_codes is not null) return donated = new CategoricalColumn(Metadata.Name, [.. donor.Select(d => _codes[d])], _categories);
        if (_ticks is not null) return donated = new DateTimeColumn(Metadata.Name, [.. donor.Select(d => _ticks[d])]);
        double[] raw = [.. donor.Select(d => _numbers![d])];
        donated = new NumericColumn(Metadata.Name, raw);
        if (!Smoothed) return donated;
        var values = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double v = raw[r];
            if (!double.IsNaN(v) && _bandwidth[leaf[r]] > 0 && !_atoms.Contains(v))
            {
                // Outside the learned bounds or onto a point mass the donor stays as it is: clamping would pile values on the bounds.
                double smoothed = Math.Round(v + _bandwidth[leaf[r]] * rng.NextGaussian(), _decimals);
                if (smoothed >= _minimum && smoothed <= _maximum && !_atoms.Contains(smoothed)) v = smoothed;
            }
            values[r] = v;
        }
        return new NumericColumn(Metadata.Name, values);
    }

    private static (double Minimum, double Maximum) Range(ColumnMetadata metadata, double[] numbers)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in numbers)
            if (!double.IsNaN(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return (metadata.Minimum ?? min, metadata.Maximum ?? max);
    }

    /// <summary>
    /// The fewest decimals every present donor fits (at most the metadata's, at most 15): a float column written as
    /// "41.0" holds whole numbers, and smoothed values off that grid would be told from real ones at a glance.
    /// </summary>
    private static int Grid(ColumnMetadata metadata, double[] numbers)
    {
        int most = Math.Min(metadata.Decimals ?? 15, 15);
        for (int decimals = 0; decimals < most; decimals++)
            if (numbers.All(v => double.IsNaN(v) || Math.Round(v, decimals) == v)) return decimals;
        return most;
    }

    /// <summary>Values held by at least 1 % of the present donors (such as a duration's zeros): smoothing them would erase the point mass.</summary>
    private static HashSet<double> Atoms(double[] numbers)
    {
        double[] present = [.. numbers.Where(v => !double.IsNaN(v))];
        double threshold = Math.Max(2, 0.01 * present.Length);
        return [.. present.CountBy(v => v).Where(p => p.Value >= threshold).Select(p => p.Key)];
    }

    /// <summary>Silverman's rule of thumb, 0.9·min(sd, IQR/1.34)·n^(−1/5), over one leaf's present donors that are not point masses.</summary>
    private static double Bandwidth(double[] present)
    {
        if (present.Length < 2) return 0;
        Array.Sort(present);
        double mean = present.Average();
        double sd = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1));
        double iqr = present[(int)(0.75 * (present.Length - 1))] - present[(int)(0.25 * (present.Length - 1))];
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.Pow(present.Length, -0.2);
    }

    /// <summary>
    /// Writes <c>{ "name", "kind": numerical|datetime|categorical, "smoothed", "tree": tree or null, "offsets": [leaves+1],
    /// "donors": [numbers (null = missing) | ticks | codes (-1 = missing)], "categories"?: [..] }</c>.
    /// </summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Metadata.Name);
        writer.WriteString("kind", _codes is not null ? "categorical" : _ticks is not null ? "datetime" : "numerical");
        writer.WriteBoolean("smoothed", Smoothed);
        writer.WritePropertyName("tree");
        if (Tree is null) writer.WriteNullValue();
        else Tree.Write(writer);
        writer.WriteStartArray("offsets");
        foreach (int o in _offsets) writer.WriteNumberValue(o);
        writer.WriteEndArray();
        writer.WriteStartArray("donors");
        if (_codes is not null) foreach (int c in _codes) writer.WriteNumberValue(c);
        if (_ticks is not null) foreach (long t in _ticks) writer.WriteNumberValue(t);
        if (_numbers is not null)
            foreach (double v in _numbers)
            {
                if (double.IsNaN(v)) writer.WriteNullValue();
                else writer.WriteNumberValue(v);
            }
        writer.WriteEndArray();
        if (_codes is not null)
        {
            writer.WriteStartArray("categories");
            foreach (string category in _categories) writer.WriteStringValue(category);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads a column written by <see cref="Write"/>; trees may read <paramref name="features"/> features.</summary>
    public static DonorColumn Read(ColumnMetadata metadata, JsonElement element, int features)
    {
        string name = ModelJson.String(element, "name");
        if (name != metadata.Name)
            throw new ModelFormatException($"The model's donors are for column '{name}' but its metadata says '{metadata.Name}'.");
        DecisionTree? tree = ModelJson.Has(element, "tree") ? DecisionTree.Read(element.GetProperty("tree"), features) : null;
        int[] offsets = [.. ModelJson.Array(element, "offsets").Select(e => e.TryGetInt32(out int o) ? o : throw Damaged(name, "an offset is not an integer"))];
        JsonElement[] donors = [.. ModelJson.Array(element, "donors")];
        bool smoothed = Property(element, "smoothed").ValueKind == JsonValueKind.True;
        return ModelJson.String(element, "kind") switch
        {
            "categorical" => new DonorColumn(metadata, tree, offsets, null, null,
                [.. donors.Select(e => e.TryGetInt32(out int c) ? c : throw Damaged(name, "a code is not an integer"))],
                [.. ModelJson.Array(element, "categories").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Damaged(name, "a category is not a string"))], false),
            "datetime" => new DonorColumn(metadata, tree, offsets, null,
                [.. donors.Select(e => e.TryGetInt64(out long t) ? t : throw Damaged(name, "a datetime is not an integer"))], null, [], false),
            "numerical" => new DonorColumn(metadata, tree, offsets,
                [.. donors.Select(e => e.ValueKind switch
                {
                    JsonValueKind.Null => double.NaN,
                    JsonValueKind.Number => e.GetDouble(),
                    _ => throw Damaged(name, "a donor is neither a number nor null"),
                })], null, null, [], smoothed),
            string kind => throw Damaged(name, $"unknown kind '{kind}'"),
        };
    }

    private static JsonElement Property(JsonElement element, string name) => ModelJson.Property(element, name);

    private static ModelFormatException Damaged(string column, string why) => new($"Column '{column}' in the model file is damaged: {why}.");
}
