using Doppel.Evaluation;
using Doppel.Evaluation.Fidelity;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.BayesianNetwork;

namespace Doppel.Tests.Synthesizers;

/// <summary>The Bayesian network on real data (Adult): the SDMetrics-style quality targets of issue 5, with and without differential privacy.</summary>
public class BayesNetDatasetTests
{
    private static readonly Lazy<LoadedTable> Adult = new(() => TableLoader.Load(Datasets.Require("adult/train.csv")));

    private static double Quality(BayesNetOptions options)
    {
        LoadedTable real = Adult.Value;
        SynthesizerModel model = new BayesNetSynthesizer(options).Fit(real.Table, real.Metadata, new FitOptions { Seed = 1 });
        var inputs = new EvaluationInputs(real.Table, model.Sample(real.Table.RowCount, seed: 2), real.Metadata) { Seed = 1 };
        return FidelityMetrics.Compute(inputs).First(m => m.Name == FidelityMetrics.QualityScoreName).Score!.Value;
    }

    [DatasetFact("adult/train.csv")]
    public void Quality_on_adult_is_at_least_0_88() => Quality(new BayesNetOptions()).ShouldBeGreaterThanOrEqualTo(0.88);

    [DatasetFact("adult/train.csv")]
    public void Quality_on_adult_at_epsilon_1_is_at_least_0_80() => Quality(new BayesNetOptions { Epsilon = 1 }).ShouldBeGreaterThanOrEqualTo(0.80);
}
