using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.Sampling;
using Doppel.Synthesizers.Tvae;

namespace Doppel.Tests.Synthesizers.Deep;

public class DeepStreamingTests
{
    public static TheoryData<string> Kinds => ["tvae", "ctgan"];

    private static SynthesizerModel Fit(string kind)
    {
        var (table, metadata) = DeepTables.Dependency(300, 31);
        ISynthesizer synthesizer = kind == "tvae"
            ? new TvaeSynthesizer(new TvaeOptions { Epochs = 1, BatchSize = 100 })
            : new CtganSynthesizer(new CtganOptions { Epochs = 1, BatchSize = 100, GeneratorDimensions = [32], DiscriminatorDimensions = [32] });
        return synthesizer.Fit(table, metadata, new FitOptions { Seed = 1 });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Streamed_shards_on_any_thread_count_are_exactly_the_single_run(string kind)
    {
        SynthesizerModel model = Fit(kind);
        using var folder = new TempFolder();
        string Write(string name, SamplingRequest request)
        {
            string path = folder.File(name);
            using (var sink = new FileTableSink(path, model.Metadata)) model.Sample(sink, request);
            return path;
        }
        const int rows = 20_000;
        string[] whole = File.ReadAllLines(Write("whole.csv", new SamplingRequest(rows) { Seed = 3, MaxThreads = 1 }));
        File.ReadAllLines(Write("two.csv", new SamplingRequest(rows) { Seed = 3, MaxThreads = 2 })).ShouldBe(whole);
        var parts = new List<string>();
        for (int i = 0; i < 3; i++)
            parts.AddRange(File.ReadAllLines(Write($"p{i}.csv", new SamplingRequest(rows) { Seed = 3, Shard = new Shard(i, 3) })).Skip(1));
        parts.ShouldBe(whole.Skip(1).ToList());
    }
}
