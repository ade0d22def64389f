using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Tests.Synthesizers;

public class StreamingSamplingTests
{
    private static readonly Lazy<SynthesizerModel> Model = new(() => TestTables.MixedModel);

    private static byte[] SampleToFile(TempFolder folder, string name, SamplingRequest request)
    {
        string path = folder.File(name);
        using (var sink = new FileTableSink(path, Model.Value.Metadata))
            Model.Value.Sample(sink, request);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void Output_is_byte_identical_for_one_and_two_threads()
    {
        using var folder = new TempFolder();
        byte[] one = SampleToFile(folder, "one.csv", new SamplingRequest(30_000) { Seed = 5, MaxThreads = 1 });
        byte[] two = SampleToFile(folder, "two.csv", new SamplingRequest(30_000) { Seed = 5, MaxThreads = 2 });
        one.Length.ShouldBeGreaterThan(100_000);
        two.ShouldBe(one);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_different_bytes()
    {
        using var folder = new TempFolder();
        byte[] a = SampleToFile(folder, "a.jsonl", new SamplingRequest(5000) { Seed = 1 });
        byte[] b = SampleToFile(folder, "b.jsonl", new SamplingRequest(5000) { Seed = 1 });
        byte[] c = SampleToFile(folder, "c.jsonl", new SamplingRequest(5000) { Seed = 2 });
        b.ShouldBe(a);
        c.ShouldNotBe(a);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Shards_together_are_exactly_the_single_run(int shards)
    {
        using var folder = new TempFolder();
        const int rows = 50_000;
        string[] whole = File.ReadAllLines(WritePath(folder, "whole.csv", new SamplingRequest(rows) { Seed = 9 }));
        var parts = new List<string>();
        long total = 0;
        for (int i = 0; i < shards; i++)
        {
            var request = new SamplingRequest(rows) { Seed = 9, Shard = new Shard(i, shards) };
            string[] lines = File.ReadAllLines(WritePath(folder, $"part{i}.csv", request));
            lines[0].ShouldBe(whole[0]); // every part is a complete CSV with the header
            parts.AddRange(lines.Skip(1));
            total += request.RowsInShard;
        }
        total.ShouldBe(rows);
        parts.ShouldBe(whole.Skip(1).ToList());
    }

    [Fact]
    public void Ids_stay_unique_across_shards()
    {
        using var folder = new TempFolder();
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var raw = CsvTableReader.Read(WritePath(folder, $"p{i}.csv", new SamplingRequest(20_000) { Seed = 1, Shard = new Shard(i, 3) }));
            ids.AddRange(raw.Columns[raw.IndexOf("id")]!.Select(v => v!));
        }
        ids.Count.ShouldBe(20_000);
        ids.Distinct().Count().ShouldBe(20_000);
    }

    [Fact]
    public void Shard_parsing_reads_the_scheduler_index_for_auto()
    {
        Shard.Parse("2/5").ShouldBe(new Shard(2, 5));
        Shard.Parse("auto/4", name => name == "JOB_COMPLETION_INDEX" ? "3" : null).ShouldBe(new Shard(3, 4));
        Shard.Parse("auto/4", name => name == "SLURM_ARRAY_TASK_ID" ? "1" : null).ShouldBe(new Shard(1, 4));
        Should.Throw<UsageException>(() => Shard.Parse("auto/4", _ => null)).Message.ShouldContain("JOB_COMPLETION_INDEX");
        Should.Throw<UsageException>(() => Shard.Parse("4/4")).Message.ShouldContain("outside 0..3");
        Should.Throw<UsageException>(() => Shard.Parse("x")).Message.ShouldContain("i/N");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Zero_or_negative_rows_are_a_usage_error(long rows)
    {
        Should.Throw<UsageException>(() => new SamplingRequest(rows)).ExitCode.ShouldBe(2);
    }

    private static string WritePath(TempFolder folder, string name, SamplingRequest request)
    {
        SampleToFile(folder, name, request);
        return folder.File(name);
    }
}
