using Doppel.Data;
using Doppel.Neural;
using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Synthesizers.BayesianNetwork;

/// <summary>
/// The Bayesian-network synthesizer (PrivBayes, Zhang et al. 2014/2017): columns become discrete states (categories,
/// exact values or bins, plus a missing state), a network of at most k parents per column is learned greedily by
/// mutual information, and each column gets a smoothed conditional table given its parents. Sampling draws the
/// columns in the network's order. With <see cref="BayesNetOptions.Epsilon"/> the fit is ε-differentially private:
/// a share β of ε picks the structure (exponential mechanism), the rest adds Laplace noise to the tables' counts.
/// </summary>
public sealed class BayesNetSynthesizer(BayesNetOptions? options = null) : ISynthesizer
{
    /// <summary>The options this synthesizer fits with.</summary>
    public BayesNetOptions Options { get; } = options ?? new BayesNetOptions();

    /// <summary>With differential privacy and datetime columns: the share of ε that finds their ranges.</summary>
    private const double DateRangeShare = 0.05;

    public SynthesizerKind Kind => SynthesizerKind.BayesNet;

    public ILearnedModel FitLearned(Table table, Metadata metadata, Rng rng, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(rng);
        bool isPrivate = Options.Epsilon is not null;
        int count = metadata.Columns.Count;
        double epsilon = Options.Epsilon ?? 0;
        // Datetimes have no declared bounds: a small share of ε finds each one's range.
        int dates = isPrivate ? metadata.Columns.Count(c => c.Type == ColumnType.DateTime) : 0;
        double rangeEpsilon = dates > 0 ? epsilon * DateRangeShare : 0;
        Rng ranges = rng.Fork("date ranges");
        var columns = new BayesColumn[count];
        var states = new int[count][];
        for (int c = 0; c < count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ColumnMetadata column = metadata.Columns[c];
            (columns[c], states[c]) = BayesColumn.Fit(column, table[column.Name], Options.Bins, isPrivate,
                values => PrivateYearSpan.Laplace(values, rangeEpsilon / dates, ranges.Fork(column.Name)));
        }
        progress?.Report(new FitProgress("states", 0.1));

        int rows = table.RowCount;
        int[] cardinalities = [.. columns.Select(c => c.States)];
        // With a single column there is no structure to pick: the rest of ε goes to its table.
        double structureEpsilon = count > 1 ? (epsilon - rangeEpsilon) * Options.StructureShare : 0;
        double tableEpsilon = epsilon - rangeEpsilon - structureEpsilon;
        int maxCells = isPrivate
            ? (int)Math.Clamp(rows * tableEpsilon / (2.0 * Math.Max(count, 1) * Options.Usefulness), 1, Options.MaxTableCells)
            : Options.MaxTableCells;
        double? perPick = isPrivate && count > 1 ? structureEpsilon / (count - 1) : null;
        StructureLearner.Pick[] network = StructureLearner.Learn(states, cardinalities, Options.MaxParents, maxCells, perPick, rng.Fork("structure"), cancellationToken);
        progress?.Report(new FitProgress("structure", 0.8));

        // Every table's joint counts are one release: a changed row moves one count down and one up (L1 sensitivity 2).
        double noiseScale = isPrivate ? LaplaceMechanism.Scale(2.0, tableEpsilon / Math.Max(count, 1)) : 0;
        Rng noise = rng.Fork("tables");
        var tables = new ConditionalTable[network.Length];
        for (int i = 0; i < network.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tables[i] = Estimate(network[i], states, cardinalities, noiseScale, noise.Fork(metadata.Columns[network[i].Node].Name));
        }
        progress?.Report(new FitProgress("tables", 1.0));

        PrivacySpent? spent = isPrivate ? Spent(epsilon, rangeEpsilon, structureEpsilon, tableEpsilon, noiseScale, count, metadata) : null;
        return new BayesNetModel(metadata, columns, tables, spent);
    }

    /// <summary>
    /// The conditional table of one node: joint counts of (parents, node), with Laplace noise of scale
    /// <paramref name="noiseScale"/> when private (negatives clipped to 0), smoothed by <see cref="BayesNetOptions.Smoothing"/>
    /// pseudo-rows spread like the node's marginal (from the same counts), then normalised per configuration.
    /// </summary>
    private ConditionalTable Estimate(StructureLearner.Pick pick, int[][] states, int[] cardinalities, double noiseScale, Rng rng)
    {
        int r = cardinalities[pick.Node];
        int[] parentStates = [.. pick.Parents.Select(p => cardinalities[p])];
        int q = (int)StructureLearner.Cells(pick.Parents, cardinalities);
        var counts = new double[q * r];
        int[] x = states[pick.Node];
        for (int i = 0; i < x.Length; i++)
        {
            int configuration = 0;
            foreach (int p in pick.Parents) configuration = configuration * cardinalities[p] + states[p][i];
            counts[configuration * r + x[i]]++;
        }
        if (noiseScale > 0)
        {
            LaplaceMechanism.AddNoise(counts, noiseScale, rng);
            for (int i = 0; i < counts.Length; i++) counts[i] = Math.Max(counts[i], 0);
        }
        var marginal = new double[r];
        for (int i = 0; i < counts.Length; i++) marginal[i % r] += counts[i];
        double total = marginal.Sum();
        for (int s = 0; s < r; s++) marginal[s] = total > 0 ? marginal[s] / total : 1.0 / r;
        var probabilities = new double[q * r];
        for (int c = 0; c < q; c++)
        {
            double rowTotal = 0;
            for (int s = 0; s < r; s++) rowTotal += counts[c * r + s];
            // A configuration without rows (or whose noisy counts all clipped) falls back to the marginal.
            double smoothing = rowTotal > 0 ? Options.Smoothing : 1;
            for (int s = 0; s < r; s++)
                probabilities[c * r + s] = (counts[c * r + s] + smoothing * marginal[s]) / (rowTotal + smoothing);
        }
        return new ConditionalTable(pick.Node, pick.Parents, parentStates, r, probabilities);
    }

    private static PrivacySpent Spent(double epsilon, double ranges, double structure, double tables, double noiseScale, int columns, Metadata metadata) =>
        new(ranges + structure + tables, 0, epsilon, noiseScale, 2.0, 1.0, columns, BudgetExhausted: false)
        {
            Accountant = "pure-dp-sequential-composition",
            Scope = $"PrivBayes: structure by the exponential mechanism (ε = {structure:G4} over {Math.Max(columns - 1, 0)} picks), "
                + $"{columns} conditional tables by Laplace noise of scale {noiseScale:G4} on counts (ε = {tables:G4})"
                + (ranges > 0 ? $", datetime ranges from Laplace histograms of years (ε = {ranges:G4})" : "")
                + "; numerical bins come from the declared metadata bounds; " + CategoryScope(metadata) + "; the row count is taken as public",
        };

    /// <summary>Where the category names come from: the metadata's declared lists are public; a list read from the data is assumed public, which the guarantee does not cover.</summary>
    private static string CategoryScope(Metadata metadata)
    {
        ColumnMetadata[] categorical = [.. metadata.Columns.Where(c => c.Type is ColumnType.Categorical or ColumnType.Boolean)];
        int declared = categorical.Count(c => c.Categories is not null);
        if (categorical.Length == 0) return "there are no category lists";
        if (declared == categorical.Length) return "every category list is declared in the metadata";
        string undeclared = string.Join(", ", categorical.Where(c => c.Categories is null).Select(c => c.Name));
        return declared == 0
            ? "the category lists come from the data and are taken as public"
            : $"category lists are declared in the metadata except for {undeclared}, whose lists come from the data and are taken as public";
    }
}
