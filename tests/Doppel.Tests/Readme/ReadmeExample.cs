using Doppel.Data;
using Doppel.IO;
using Doppel.Models;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Tests.Readme;

/// <summary>The README's library example, compiled here; <see cref="ReadmeExampleTests"/> checks the README shows exactly this code and runs it.</summary>
internal static class ReadmeExample
{
    public static Table Run(string folder)
    {
        // README:begin
        // Read a CSV, detect what each column means, and build the typed table.
        LoadedTable data = TableLoader.Load(Path.Combine(folder, "customers.csv"));

        // Fit a Gaussian copula: Fit returns an immutable model, saved as one safe file.
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(data.Table, data.Metadata, new FitOptions { Seed = 42 });
        ModelFile.Save(model, Path.Combine(folder, "customers.doppel"), overwrite: true);

        // 1,000 rows in memory; 100,000 churned customers streamed to a file, block by block.
        Table synthetic = model.Sample(1000, seed: 1);
        var churned = new SamplingRequest(100_000) { Seed = 1, Conditions = new ConditionSet([new Condition("churned", "Yes")]) };
        using (var sink = new FileTableSink(Path.Combine(folder, "churned.csv"), model.Metadata, overwrite: true))
            model.Sample(sink, churned);
        // README:end
        return synthetic;
    }
}
