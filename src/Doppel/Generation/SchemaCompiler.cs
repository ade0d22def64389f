using Doppel.Data;
using Doppel.Randomness;
using Doppel.Statistics;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Generation;

/// <summary>
/// Turns a schema tree into table plans: checks every key, type and reference, collects every problem with its
/// path, and orders tables (parents first) and columns (each after those it reads), rejecting cycles.
/// </summary>
internal sealed partial class SchemaCompiler
{
    private readonly List<string> _problems = [];
    private readonly GenerationOptions _options;
    private readonly Dictionary<string, MapNode?> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TablePlan?> _done = new(StringComparer.Ordinal);
    private readonly List<string> _inProgress = [];
    private readonly List<TablePlan> _order = [];
    private readonly Rng _root;
    private string _locale = "en";

    private SchemaCompiler(GenerationOptions options)
    {
        _options = options;
        _root = Rng.FromSeed(options.Seed).Fork("generate");
    }

    /// <summary>The table plans in dependency order; throws <see cref="SchemaException"/> listing every problem.</summary>
    public static List<TablePlan> Compile(SchemaNode root, GenerationOptions options)
    {
        var compiler = new SchemaCompiler(options);
        compiler.CompileSchema(root);
        if (compiler._problems.Count > 0) throw new SchemaException(compiler._problems);
        return compiler._order;
    }

    private void CompileSchema(SchemaNode root)
    {
        if (root is not MapNode map)
        {
            _problems.Add($"schema: expected a mapping with 'tables' but found {root.Describe()}");
            return;
        }
        var reader = new SpecReader(map, "schema", _problems);
        reader.Allow("description");
        if (reader.Text("seed") is string seed && !long.TryParse(seed, System.Globalization.CultureInfo.InvariantCulture, out _))
            reader.Problem("seed", $"expected a whole number but found \"{seed}\"");
        string? locale = reader.Text("locale");
        _locale = _options.Locale ?? locale ?? "en";
        SchemaNode? tables = reader.Node("tables");
        reader.RejectUnknown("a schema");
        if (tables is not MapNode tableMap || tableMap.Entries.Count == 0)
        {
            _problems.Add(tables is null ? "tables: the schema needs a 'tables' mapping of table names to tables" : $"tables: expected a mapping of table names to tables but found {tables.Describe()}");
            return;
        }
        foreach (var (name, node) in tableMap.Entries)
        {
            if (node is MapNode m) _specs[name] = m;
            else
            {
                _specs[name] = null;
                _problems.Add($"tables.{name}: expected a mapping with 'columns' but found {node.Describe()}");
            }
        }
        foreach (string name in _specs.Keys) CompileTable(name, from: null);
    }

    /// <summary>The seed written in a schema (null when none), for callers that let the schema choose it.</summary>
    public static long? SchemaSeed(SchemaNode root) =>
        root is MapNode map && map["seed"] is ScalarNode s && long.TryParse(s.Text, System.Globalization.CultureInfo.InvariantCulture, out long seed) ? seed : null;

    private TablePlan? CompileTable(string name, string? from)
    {
        if (_done.TryGetValue(name, out TablePlan? done)) return done;
        if (!_specs.TryGetValue(name, out MapNode? spec))
        {
            _problems.Add($"{from}: references table '{name}', which the schema does not declare; tables: {string.Join(", ", _specs.Keys)}");
            return null;
        }
        if (_inProgress.Contains(name))
        {
            int start = _inProgress.IndexOf(name);
            _problems.Add($"tables.{name}: foreign keys form a cycle ({string.Join(" → ", _inProgress.Skip(start).Append(name))}); a table cannot be its own ancestor — make one of the references a plain column");
            return null;
        }
        if (spec is null) return _done[name] = null;
        _inProgress.Add(name);
        TablePlan? plan = BuildTable(name, spec);
        _inProgress.Remove(name);
        _done[name] = plan;
        if (plan is not null) _order.Add(plan);
        return plan;
    }

    private TablePlan? BuildTable(string name, MapNode spec)
    {
        string path = $"tables.{name}";
        var reader = new SpecReader(spec, path, _problems);
        reader.Allow("description");
        string locale = reader.Text("locale") ?? _locale;
        SchemaNode? columnsNode = reader.Node("columns");
        SchemaNode? correlations = reader.Node("correlations");
        bool hasRows = reader.Has("rows");
        double? rows = reader.Number("rows", min: 0);
        reader.RejectUnknown("a table");
        if (columnsNode is not MapNode columns || columns.Entries.Count == 0)
        {
            reader.Problem("columns", columnsNode is null ? "a table needs 'columns'" : $"expected a mapping of column names to generators but found {columnsNode.Describe()}");
            return null;
        }

        // Parents first: every referenced table is compiled (and its row count known) before this one.
        var parents = new List<(string Column, MapNode Spec, string Table)>();
        foreach (var (column, node) in columns.Entries)
            if (node is MapNode m && m["type"] is ScalarNode { Text: "reference" } && m["table"] is ScalarNode t) parents.Add((column, m, t.Text));
        // A missing parent is reported once; the rest of the table is still checked so every problem is listed.
        foreach (var parent in parents) CompileTable(parent.Table, $"{path}.columns.{parent.Column}");

        var plan = new TablePlan(name, _root.Fork("table:" + name));
        plan.Parents.AddRange(parents.Select(p => p.Table).Distinct());
        var perParent = parents.Where(p => p.Spec["children"] is not null).ToList();
        if (perParent.Count > 1)
        {
            reader.Problem($"columns {string.Join(" and ", perParent.Select(p => p.Column))} both set 'children'; a table is generated per row of one parent only");
            return null;
        }
        if (perParent.Count == 1)
        {
            if (hasRows) reader.Problem("rows", $"the row count follows from '{perParent[0].Column}.children' (rows per parent); remove 'rows'");
            if (_done.GetValueOrDefault(perParent[0].Table) is TablePlan parentPlan
                && !ChildCounts(plan, perParent[0].Spec, parentPlan, $"{path}.columns.{perParent[0].Column}")) return null;
        }
        else if (parents.Count == 0 && _options.Rows is long forced) plan.Rows = forced;
        else if (rows is double r) plan.Rows = (long)r;
        else
        {
            if (!hasRows) reader.Problem(parents.Count == 0 ? "'rows' is required (or pass the row count, e.g. -n 1000)" : "'rows' is required (or generate it per parent with 'children' on its reference)");
            return null;
        }

        int problemsBefore = _problems.Count;
        var context = new TableContext(plan, columns, locale, path);
        ReadCorrelations(context, correlations);
        for (int i = 0; i < context.Names.Length; i++)
            if (context.States[i] == 0) CompileColumn(context, i);
        if (_problems.Count > problemsBefore) return null;
        plan.ColumnNames = context.Names;
        plan.Columns = context.Plans!;
        plan.Metadata = new Metadata(context.Metadata!, context.PrimaryKey);
        return plan;
    }

    /// <summary>Draws each parent's child count (per parent block, in parallel) and sums them into offsets.</summary>
    private bool ChildCounts(TablePlan plan, MapNode referenceSpec, TablePlan parent, string path)
    {
        SchemaNode children = referenceSpec["children"]!;
        NumberDistribution? distribution;
        double low = 0, high = double.PositiveInfinity;
        if (children is ScalarNode constant)
        {
            if (!long.TryParse(constant.Text, out long count) || count < 0)
            {
                _problems.Add($"{path}.children: expected a whole number of rows per parent or a distribution such as {{ type: poisson, mean: 3 }}, not \"{constant.Text}\"");
                return false;
            }
            distribution = new UniformDistribution(count, count, integer: true);
        }
        else if (children is MapNode map)
        {
            var reader = new SpecReader(map, path + ".children", _problems);
            string? type = reader.Text("type", required: true);
            distribution = type is null ? null : ReadDistribution(reader, type, integerDefault: true);
            low = Math.Max(0, reader.Number("min") ?? 0);
            high = reader.Number("max") ?? double.PositiveInfinity;
            reader.RejectUnknown($"a '{type}' child count");
            if (distribution is null) return false;
        }
        else
        {
            _problems.Add($"{path}.children: expected a number or a distribution mapping but found {children.Describe()}");
            return false;
        }

        long parents = parent.Rows;
        // Counts go into offsets[p + 1] and are summed in place: 8 bytes per parent row in all.
        var offsets = new long[parents + 1];
        long blocks = (parents + BlockSampler.BlockSize - 1) / BlockSampler.BlockSize;
        Rng root = plan.Root.Fork("children");
        Parallel.For(0L, blocks, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxThreads }, block =>
        {
            Rng rng = root.Fork(block);
            long end = Math.Min(parents, (block + 1) * BlockSampler.BlockSize);
            for (long p = block * BlockSampler.BlockSize; p < end; p++)
                offsets[p + 1] = (long)Math.Max(0, Math.Round(distribution.Truncated(rng.NextOpenDouble(), low, high)));
        });
        for (long p = 0; p < parents; p++) offsets[p + 1] += offsets[p];
        plan.ParentOffsets = offsets;
        plan.Rows = offsets[parents];
        return true;
    }

    private void ReadCorrelations(TableContext context, SchemaNode? node)
    {
        if (node is null) return;
        string path = context.Path + ".correlations";
        if (node is not ListNode list)
        {
            _problems.Add($"{path}: expected a list of {{ columns: [...], matrix: [[...]] }} but found {node.Describe()}");
            return;
        }
        for (int g = 0; g < list.Items.Count; g++)
        {
            string groupPath = $"{path}[{g}]";
            if (list.Items[g] is not MapNode map)
            {
                _problems.Add($"{groupPath}: expected {{ columns: [...], matrix: [[...]] }}");
                continue;
            }
            var reader = new SpecReader(map, groupPath, _problems);
            SchemaNode? columnsNode = reader.Node("columns"), matrixNode = reader.Node("matrix");
            reader.RejectUnknown("a correlation group");
            string[] names = columnsNode is ListNode cl ? [.. cl.Items.Select(i => (i as ScalarNode)?.Text ?? "")] : [];
            if (names.Length < 2)
            {
                reader.Problem("columns", "list at least two column names to correlate");
                continue;
            }
            bool ok = true;
            foreach (string n in names)
            {
                if (!context.Ordinals.ContainsKey(n)) { reader.Problem("columns", $"unknown column '{n}'"); ok = false; }
                else if (context.Groups.ContainsKey(context.Ordinals[n])) { reader.Problem("columns", $"column '{n}' is already in another correlation group"); ok = false; }
            }
            if (names.Distinct().Count() != names.Length) { reader.Problem("columns", "a column is listed twice"); ok = false; }
            double[,]? matrix = ReadMatrix(reader, matrixNode, names.Length);
            if (!ok || matrix is null) continue;
            double[,] cholesky;
            try
            {
                cholesky = Correlation.Cholesky(matrix);
            }
            catch (ArgumentException)
            {
                reader.Problem("matrix", "is not a valid correlation matrix (it must be positive definite: some correlations contradict each other)");
                continue;
            }
            var group = new CorrelationGroup([.. names.Select(n => context.Ordinals[n])], cholesky, _root.Fork("table:" + context.Plan.Name).Fork("correlated:" + string.Join(",", names)));
            foreach (int o in group.Ordinals) context.Groups[o] = group;
        }
    }

    private static double[,]? ReadMatrix(SpecReader reader, SchemaNode? node, int size)
    {
        if (node is not ListNode rows || rows.Items.Count != size)
        {
            reader.Problem("matrix", $"expected a {size}×{size} list of lists (one row per column)");
            return null;
        }
        var matrix = new double[size, size];
        for (int i = 0; i < size; i++)
        {
            if (rows.Items[i] is not ListNode row || row.Items.Count != size)
            {
                reader.Problem("matrix", $"row {i + 1} must hold {size} numbers");
                return null;
            }
            for (int j = 0; j < size; j++)
            {
                if (row.Items[j] is not ScalarNode s || !double.TryParse(s.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) || v < -1 || v > 1)
                {
                    reader.Problem("matrix", $"entry ({i + 1}, {j + 1}) must be a number between -1 and 1");
                    return null;
                }
                matrix[i, j] = v;
            }
        }
        for (int i = 0; i < size; i++)
        {
            if (matrix[i, i] != 1) { reader.Problem("matrix", $"the diagonal must be 1, but entry ({i + 1}, {i + 1}) is {matrix[i, i]}"); return null; }
            for (int j = 0; j < i; j++)
                if (matrix[i, j] != matrix[j, i]) { reader.Problem("matrix", $"must be symmetric, but entries ({i + 1}, {j + 1}) and ({j + 1}, {i + 1}) differ"); return null; }
        }
        return matrix;
    }

    /// <summary>A Gaussian-copula group: its columns, the Cholesky factor of their correlation and the group's stream.</summary>
    private sealed class CorrelationGroup(int[] ordinals, double[,] cholesky, Rng root)
    {
        public int[] Ordinals { get; } = ordinals;
        public double[,] Cholesky { get; } = cholesky;
        public Rng Root { get; } = root;
        public IQuantileColumn[] Members { get; } = new IQuantileColumn[ordinals.Length];
    }

    /// <summary>The state of one table while its columns compile.</summary>
    private sealed class TableContext
    {
        public TableContext(TablePlan plan, MapNode columns, string locale, string path)
        {
            Plan = plan;
            Locale = locale;
            Path = path;
            Names = [.. columns.Entries.Select(e => e.Key)];
            Specs = [.. columns.Entries.Select(e => e.Value)];
            Plans = new ColumnPlan[Names.Length];
            Metadata = new ColumnMetadata[Names.Length];
            States = new int[Names.Length];
            for (int i = 0; i < Names.Length; i++) Ordinals[Names[i]] = i;
        }

        public TablePlan Plan { get; }
        public string Locale { get; }
        public string Path { get; }
        public string[] Names { get; }
        public SchemaNode[] Specs { get; }
        public ColumnPlan[]? Plans { get; }
        public ColumnMetadata[]? Metadata { get; }
        public string? PrimaryKey { get; set; }

        /// <summary>0 not started, 1 compiling, 2 done, 3 failed.</summary>
        public int[] States { get; }
        public List<string> Stack { get; } = [];
        public Dictionary<string, int> Ordinals { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, CorrelationGroup> Groups { get; } = [];
    }
}
