using System.Text.Json;
using Doppel.Data;
using Doppel.Randomness;

namespace Doppel.Synthesizers;

/// <summary>A fitted synthesizer over the learned columns. Immutable: sampling never changes it, and it is safe to sample from several threads.</summary>
public interface ILearnedModel
{
    /// <summary>Which family fitted it.</summary>
    SynthesizerKind Kind { get; }

    /// <summary>The learned columns, in the order <see cref="Sample"/> returns them.</summary>
    Metadata Metadata { get; }

    /// <summary>
    /// Whether <see cref="Sample"/> meets this condition by construction. Conditions a model does not meet natively
    /// are met by rejection in the sampler (with a measured acceptance rate and a clear error when it is too low);
    /// they are left out of the set passed to <see cref="Validate"/> and <see cref="Sample"/>.
    /// </summary>
    bool SupportsNatively(Condition condition) => true;

    /// <summary>Checks conditions against what the model learned; throws <see cref="InfeasibleRequestException"/> or <see cref="UsageException"/> with the reason.</summary>
    void Validate(ConditionSet conditions);

    /// <summary>Samples <paramref name="rows"/> rows that satisfy <paramref name="conditions"/> exactly.</summary>
    Table Sample(int rows, Rng rng, ConditionSet conditions);

    /// <summary>Writes the fitted parameters (the documented, versioned form stored in the model file).</summary>
    void WriteParameters(Utf8JsonWriter writer);
}
