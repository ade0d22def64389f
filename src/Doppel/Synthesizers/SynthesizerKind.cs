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

    /// <summary>Sequential CART with donors drawn from tree leaves, as R's synthpop (see CartSynthesizer).</summary>
    Cart,

    /// <summary>Baseline: every column from its own observed values, no correlations (see IndependentSynthesizer).</summary>
    Independent,

    /// <summary>Baseline: uniform over observed ranges and categories (see UniformSynthesizer).</summary>
    Uniform,
    /// <summary>Bayesian network over discretised columns, optionally ε-differentially private (see BayesNetSynthesizer).</summary>
    BayesNet,
}
