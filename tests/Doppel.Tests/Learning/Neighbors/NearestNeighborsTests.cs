using Doppel.Data;
using Doppel.Learning.Neighbors;

namespace Doppel.Tests.Learning.Neighbors;

public class NearestNeighborsTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(true, 5)]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    public void Search_matches_brute_force_on_random_mixed_tables(bool grid, int k)
    {
        // 603 reference rows span three tiles (the last partial); 203 queries span four blocks with a partial group.
        Table reference = MixedTables.Random(603, seed: 21, grid);
        Table queries = MixedTables.Random(203, seed: 22, grid, categories: ["grey", "blue", "orange", "red"]);
        GowerSpace space = GowerSpace.Fit(reference, MixedTables.Columns);
        NeighborResult result = NearestNeighbors.Search(space.Encode(queries), space.Encode(reference), k, maxThreads: 2);

        for (int q = 0; q < queries.RowCount; q++)
        {
            (int Index, double Distance)[] expected = MixedTables.BruteForce(reference, queries, q, reference, k);
            for (int rank = 0; rank < k; rank++)
            {
                result.Distance(q, rank).ShouldBe(expected[rank].Distance, 1e-5);
                if (grid)
                    result.Index(q, rank).ShouldBe(expected[rank].Index); // exact arithmetic: ties resolve by lowest index
                else
                    MixedTables.Gower(reference, queries, q, reference, result.Index(q, rank)).ShouldBe(expected[rank].Distance, 1e-5);
            }
        }
    }

    [Fact]
    public void Categorical_only_tables_count_mismatches()
    {
        Table reference = MixedTables.Random(300, seed: 41, grid: true);
        Table queries = MixedTables.Random(70, seed: 42, grid: true, categories: ["red", "pink"]);
        string[] columns = ["b", "e"];
        GowerSpace space = GowerSpace.Fit(reference, columns);
        NeighborResult result = NearestNeighbors.Search(space.Encode(queries), space.Encode(reference), 3);
        var b = (CategoricalColumn)reference["b"];
        var e = (CategoricalColumn)reference["e"];
        var qb = (CategoricalColumn)queries["b"];
        var qe = (CategoricalColumn)queries["e"];
        for (int q = 0; q < queries.RowCount; q++)
        {
            // Distance = (mismatches in b and e, missing equal only to missing) / 2, ties by index.
            int[] expected = [.. Enumerable.Range(0, reference.RowCount)
                .OrderBy(j => (b[j] == qb[q] ? 0 : 1) + (e[j] == qe[q] ? 0 : 1)).ThenBy(j => j).Take(3)];
            Enumerable.Range(0, 3).Select(rank => result.Index(q, rank)).ShouldBe(expected);
        }
    }

    [Fact]
    public void Equal_distances_are_ordered_by_reference_index()
    {
        // Reference rows 0..4 hold x = 3, 1, 1, 5, 1: rows 1, 2, 4 are all at distance 0 from the query x = 1.
        var reference = new Table([new NumericColumn("x", [3, 1, 1, 5, 1])]);
        GowerSpace space = GowerSpace.Fit(reference, ["x"]);
        NeighborResult result = NearestNeighbors.Search(space.Encode(new Table([new NumericColumn("x", [1])])), space.Encode(reference), 4);
        Enumerable.Range(0, 4).Select(r => result.Index(0, r)).ShouldBe([1, 2, 4, 0]);
        // x = 3 is 2 / 4 = 0.5 away.
        result.Distance(0, 3).ShouldBe(0.5, 1e-7);
    }

    [Fact]
    public void Self_search_skips_the_query_row_but_finds_its_duplicates()
    {
        Table table = MixedTables.Random(300, seed: 5, grid: true);
        GowerSpace space = GowerSpace.Fit(table, MixedTables.Columns);
        EncodedRows rows = space.Encode(table);
        NeighborResult result = NearestNeighbors.Search(rows, rows, 2, excludeSelf: true);
        for (int q = 0; q < table.RowCount; q++)
        {
            (int Index, double Distance)[] expected = MixedTables.BruteForce(table, table, q, table, 2, excludeSelf: true);
            result.Index(q, 0).ShouldNotBe(q);
            result.Index(q, 0).ShouldBe(expected[0].Index);
            result.Index(q, 1).ShouldBe(expected[1].Index);
        }
    }

    [Fact]
    public void Results_are_identical_for_any_thread_count()
    {
        Table reference = MixedTables.Random(1500, seed: 31, grid: false);
        Table queries = MixedTables.Random(900, seed: 32, grid: true);
        GowerSpace space = GowerSpace.Fit(reference, MixedTables.Columns);
        EncodedRows r = space.Encode(reference), q = space.Encode(queries);
        NeighborResult one = NearestNeighbors.Search(q, r, 3, maxThreads: 1);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            NeighborResult many = NearestNeighbors.Search(q, r, 3, maxThreads: threads);
            for (int i = 0; i < q.Count; i++)
                for (int rank = 0; rank < 3; rank++)
                {
                    many.Index(i, rank).ShouldBe(one.Index(i, rank));
                    many.Distance(i, rank).ShouldBe(one.Distance(i, rank));
                }
        }
    }

    [Fact]
    public void Impossible_requests_are_refused_with_the_limit()
    {
        var table = new Table([new NumericColumn("x", [1, 2])]);
        GowerSpace space = GowerSpace.Fit(table, ["x"]);
        EncodedRows rows = space.Encode(table);
        Should.Throw<ArgumentOutOfRangeException>(() => NearestNeighbors.Search(rows, rows, 3)).Message.ShouldContain("between 1 and 2");
        Should.Throw<ArgumentOutOfRangeException>(() => NearestNeighbors.Search(rows, rows, 2, excludeSelf: true)).Message.ShouldContain("between 1 and 1");
        EncodedRows wide = GowerSpace.Fit(MixedTables.Random(3, 1, true), MixedTables.Columns).Encode(MixedTables.Random(3, 1, true));
        Should.Throw<ArgumentException>(() => NearestNeighbors.Search(rows, wide, 1)).Message.ShouldContain("same GowerSpace");
    }

    [Fact]
    public void An_empty_query_set_gives_an_empty_result()
    {
        var reference = new Table([new NumericColumn("x", [1, 2])]);
        GowerSpace space = GowerSpace.Fit(reference, ["x"]);
        NeighborResult result = NearestNeighbors.Search(space.Encode(new Table([new NumericColumn("x", [])])), space.Encode(reference), 1);
        result.QueryCount.ShouldBe(0);
        result.Distances().ShouldBeEmpty();
    }
}
