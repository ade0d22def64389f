using System.Text.Json;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers.Baselines;

/// <summary>One column of a model whose columns are drawn independently of each other.</summary>
internal interface IColumnSampler
{
    ColumnMetadata Metadata { get; }

    /// <summary>True for a categorical or boolean column, whose equality conditions are met by fixing the value.</summary>
    bool IsCategorical { get; }

    /// <summary>The code of a condition's category; throws listing the observed values when it was never seen.</summary>
    int CodeOf(Condition condition);

    /// <summary>Draws <paramref name="rows"/> values; with <paramref name="fixedCode"/> every row holds that category.</summary>
    Column Draw(int rows, Rng rng, int? fixedCode);

    /// <summary>Writes the column's parameters as one JSON object.</summary>
    void Write(Utf8JsonWriter writer);
}
