using Doppel.Neural;
using Doppel.Synthesizers;

namespace Doppel.Evaluation;

/// <summary>
/// The model the synthetic rows came from, as far as a report needs it: which synthesizer, what it was fitted on, and
/// the differential-privacy guarantee it spent (null when it promises none), so a report states the budget beside the
/// privacy metrics that measure what it protects.
/// </summary>
public sealed record SourceModel(string Synthesizer, string SourceName, string? SourceSha256, PrivacySpent? Privacy)
{
    public static SourceModel Of(SynthesizerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new SourceModel(SynthesizerRegistry.NameOf(model.Kind), model.Lineage.SourceName, model.Lineage.SourceSha256,
            (model.Learned as IPrivateModel)?.Privacy);
    }

    /// <summary>One line for people: the synthesizer and its guarantee, e.g. "tvae, differentially private: ε = 0.994 of 1 spent (δ = 1E-05)".</summary>
    public string Describe() => Privacy is { } spent
        ? $"{Synthesizer}, differentially private: ε = {spent.Epsilon:0.###} of {spent.EpsilonBudget:G4} spent (δ = {spent.Delta:G2}); covers {spent.Scope}"
        : $"{Synthesizer}, no differential-privacy guarantee";
}
