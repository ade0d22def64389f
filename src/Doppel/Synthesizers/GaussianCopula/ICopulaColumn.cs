using System.Text.Json;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers.GaussianCopula;

/// <summary>One learned column's mapping between its values and one or more dimensions of the copula's normal space.</summary>
internal interface ICopulaColumn
{
    /// <summary>The column's metadata.</summary>
    ColumnMetadata Metadata { get; }

    /// <summary>The dimensions this column occupies (in order).</summary>
    IReadOnlyList<int> Dimensions { get; }

    /// <summary>
    /// For each dimension, the share of its score's variance that the encoded value explains: 1 for a
    /// continuous value, less for a category placed at random inside its interval (see
    /// <see cref="Transforms.CategoryIntervalEncoder.ScoreVariance"/>). Correlations are divided by it.
    /// </summary>
    IReadOnlyList<double> ScoreVariances { get; }

    /// <summary>Writes the column's normal scores into <paramref name="scores"/> (NaN where unknown).</summary>
    void Encode(Column column, double[][] scores, Rng rng);

    /// <summary>Turns normal scores back into a column of <paramref name="rows"/> values.</summary>
    Column Decode(double[][] scores, int rows);

    /// <summary>
    /// The normal-space intervals a condition on this column pins its dimensions to (a bound on a number also
    /// pins its missingness dimension to "present"). Throws when the condition cannot apply to this column.
    /// </summary>
    IReadOnlyList<(int Dimension, double Lower, double Upper)> ConditionIntervals(Condition condition);

    /// <summary>Writes the fitted parameters.</summary>
    void Write(Utf8JsonWriter writer);
}
