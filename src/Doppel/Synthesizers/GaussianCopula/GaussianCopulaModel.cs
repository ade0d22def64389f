using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Text.Json;
using Doppel.Data;
using Doppel.Models;
using Doppel.Randomness;
using Doppel.Statistics;

namespace Doppel.Synthesizers.GaussianCopula;

/// <summary>A fitted Gaussian copula: per-column mappings to normal scores and their correlation matrix. Immutable and thread-safe.</summary>
public sealed partial class GaussianCopulaModel : ILearnedModel
{
    /// <summary>Gibbs sweeps per row when several conditioned dimensions must be drawn jointly from their truncated normal.</summary>
    private const int GibbsSweeps = 24;

    private readonly ICopulaColumn[] _columns;
    private readonly double[,] _correlation;
    private readonly double[,] _cholesky;
    private readonly int _dimensions;
    private readonly ConcurrentDictionary<string, ConditionalPlan> _plans = new(StringComparer.Ordinal);

    internal GaussianCopulaModel(Metadata metadata, IReadOnlyList<ICopulaColumn> columns, double[,] correlation)
    {
        Metadata = metadata;
        _columns = [.. columns];
        _correlation = correlation;
        _dimensions = correlation.GetLength(0);
        _cholesky = _dimensions == 0 ? new double[0, 0] : Correlation.Cholesky(correlation);
    }

    public SynthesizerKind Kind => SynthesizerKind.GaussianCopula;
    public Metadata Metadata { get; }

    /// <summary>The correlation matrix of normal scores (a copy), one row and column per dimension.</summary>
    public double[,] CorrelationMatrix => (double[,])_correlation.Clone();

    /// <summary>The marginal family chosen for each numerical or datetime column.</summary>
    public IReadOnlyDictionary<string, Distribution> Marginals =>
        _columns.OfType<NumericCopulaColumn>().Where(c => c.Marginal is not null).ToDictionary(c => c.Metadata.Name, c => c.Marginal!.Family);

    public void Validate(ConditionSet conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (!conditions.IsEmpty) PlanFor(conditions);
    }

    public Table Sample(int rows, Rng rng, ConditionSet conditions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(conditions);
        var scores = new double[_dimensions][];
        for (int d = 0; d < _dimensions; d++) scores[d] = new double[rows];
        if (conditions.IsEmpty) SampleUnconditional(scores, rows, rng);
        else SampleConditional(scores, rows, rng, PlanFor(conditions));
        var columns = new Column[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            columns[c] = _columns[c].Decode(scores, rows);
            if (_columns[c] is NumericCopulaColumn numeric && conditions.Conditions.Any(k => k.Column == numeric.Metadata.Name))
                columns[c] = numeric.Enforce(columns[c], numeric.Bounds(conditions.Conditions.Where(k => k.Column == numeric.Metadata.Name)));
        }
        return new Table(columns);
    }

    private void SampleUnconditional(double[][] scores, int rows, Rng rng)
    {
        var noise = new double[_dimensions][];
        for (int d = 0; d < _dimensions; d++)
        {
            noise[d] = new double[rows];
            for (int r = 0; r < rows; r++) noise[d][r] = rng.NextGaussian();
        }
        // z = L e, one dimension at a time over all rows (vectorised).
        for (int i = 0; i < _dimensions; i++)
        {
            Span<double> target = scores[i];
            target.Clear();
            for (int k = 0; k <= i; k++)
            {
                double weight = _cholesky[i, k];
                if (weight != 0) TensorPrimitives.MultiplyAdd(noise[k], weight, target, target);
            }
        }
    }

    private ICopulaColumn Find(Condition condition) =>
        Array.Find(_columns, c => c.Metadata.Name == condition.Column)
        ?? throw new UsageException($"Condition {condition}: the model has no learned column '{condition.Column}'. Columns that can be conditioned on: {string.Join(", ", _columns.Select(c => c.Metadata.Name))}.");
}
