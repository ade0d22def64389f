using Doppel.Neural;

namespace Doppel.Synthesizers;

/// <summary>A learned model trained with differential privacy: the budget it spent goes into the model's manifest and reports.</summary>
public interface IPrivateModel
{
    /// <summary>The privacy spent, or null when trained without differential privacy.</summary>
    PrivacySpent? Privacy { get; }
}
