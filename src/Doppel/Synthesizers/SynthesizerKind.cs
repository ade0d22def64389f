namespace Doppel.Synthesizers;

/// <summary>The synthesizer families Doppel can fit, save and load.</summary>
public enum SynthesizerKind
{
    /// <summary>Gaussian copula over per-column marginals (see GaussianCopulaSynthesizer).</summary>
    GaussianCopula,

    /// <summary>Conditional tabular GAN (see CtganSynthesizer).</summary>
    Ctgan,

    /// <summary>Tabular variational autoencoder (see TvaeSynthesizer).</summary>
    Tvae,

    /// <summary>Bayesian network over discretised columns, optionally ε-differentially private (see BayesNetSynthesizer).</summary>
    BayesNet,
}
