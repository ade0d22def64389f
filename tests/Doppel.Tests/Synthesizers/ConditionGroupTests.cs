using Doppel.Data;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Tests.Synthesizers;

public class ConditionGroupTests
{
    private static readonly Lazy<SynthesizerModel> Model = new(() => TestTables.MixedModel);

    private static SamplingRequest Groups(long seed = 4) => new(
    [
        new ConditionGroup(new ConditionSet([new Condition("group", "high")]), 10_000),
        new ConditionGroup(new ConditionSet([Condition.Parse("count>=3"), new Condition("group", "low")]), 5_000),
        new ConditionGroup(ConditionSet.None, 3),
    ])
    { Seed = seed };

    private static string Write(TempFolder folder, string name, SamplingRequest request)
    {
        string path = folder.File(name);
        using (var sink = new FileTableSink(path, Model.Value.Metadata))
            Model.Value.Sample(sink, request);
        return path;
    }

    [Fact]
    public void Groups_are_written_in_order_each_meeting_its_conditions_with_exact_counts()
    {
        var sink = new MemoryTableSink();
        Model.Value.Sample(sink, Groups());
        Table rows = sink.ToTable();
        rows.RowCount.ShouldBe(15_003);
        var group = (CategoricalColumn)rows["group"];
        double[] count = ((NumericColumn)rows["count"]).Values;
        Enumerable.Range(0, 10_000).ShouldAllBe(i => group[i] == "high");
        Enumerable.Range(10_000, 5_000).ShouldAllBe(i => group[i] == "low" && count[i] >= 3);
        var ids = ((TextColumn)rows["id"]).Values;
        ids.Distinct().Count().ShouldBe(ids.Length);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Grouped_shards_together_are_the_single_run_for_any_thread_count(int shards)
    {
        using var folder = new TempFolder();
        string[] whole = File.ReadAllLines(Write(folder, "whole.csv", Groups() with { MaxThreads = 1 }));
        whole.Length.ShouldBe(15_004);
        var parts = new List<string>();
        long total = 0;
        for (int i = 0; i < shards; i++)
        {
            SamplingRequest request = Groups() with { Shard = new Shard(i, shards), MaxThreads = 2 };
            parts.AddRange(File.ReadAllLines(Write(folder, $"part{i}.csv", request)).Skip(1));
            total += request.RowsInShard;
        }
        total.ShouldBe(15_003);
        parts.ShouldBe(whole.Skip(1).ToList());
    }

    [Fact]
    public void A_conditions_file_reads_values_bounds_and_blank_cells()
    {
        using var folder = new TempFolder();
        string path = folder.Write("conditions.csv", "group,count,rows\nhigh,>=3,10\n,<1,5\nlow,,7\n");
        IReadOnlyList<ConditionGroup> groups = ConditionFile.Read(path);
        groups.Select(g => g.Rows).ShouldBe([10L, 5L, 7L]);
        groups[0].Conditions.ToString().ShouldBe("group=high, count>=3");
        groups[1].Conditions.ToString().ShouldBe("count<1");
        groups[2].Conditions.ToString().ShouldBe("group=low");
    }

    [Fact]
    public void A_conditions_file_without_counts_or_with_a_bad_count_names_the_problem()
    {
        using var folder = new TempFolder();
        Should.Throw<DataFormatException>(() => ConditionFile.Read(folder.Write("a.csv", "group\nhigh\n"))).Message.ShouldContain("needs a column named num_rows, rows or count");
        Should.Throw<DataFormatException>(() => ConditionFile.Read(folder.Write("b.csv", "group,count\nhigh,10\nlow,-2\n"))).Message.ShouldContain("line 3");
        Should.Throw<UsageException>(() => new SamplingRequest([new ConditionGroup(ConditionSet.None, 0)]));
    }
}
