using Doppel.Data;
using Doppel.Randomness;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Generation;

/// <summary>A compiled table: its columns' plans in fill order, its metadata, its row count and, for a child table, its parent rows.</summary>
internal sealed class TablePlan(string name, Rng root)
{
    public string Name { get; } = name;

    public Rng Root { get; } = root;

    public string[] ColumnNames { get; set; } = [];

    public ColumnPlan[] Columns { get; set; } = [];

    /// <summary>Column ordinals in an order where every column comes after those it reads.</summary>
    public List<int> FillOrder { get; } = [];

    public Metadata Metadata { get; set; } = new([]);

    public long Rows { get; set; }

    /// <summary>For a table generated per parent row: offsets[p] is the first child row of parent row p (length parents + 1).</summary>
    public long[]? ParentOffsets { get; set; }

    public List<string> Parents { get; } = [];

    /// <summary>The foreign keys: a column of this table and the parent key column it references.</summary>
    public List<IO.ForeignKey> ForeignKeys { get; } = [];

    /// <summary>Generates block <paramref name="block"/> (rows [block·B, block·B + B) of the table).</summary>
    public Table Block(long block)
    {
        long first = block * BlockSampler.BlockSize;
        int rows = (int)Math.Min(BlockSampler.BlockSize, Rows - first);
        var frame = new Frame(rows, first, block, Columns.Length);
        if (ParentOffsets is not null) frame.ParentRows = ParentRowsOf(first, rows);
        foreach (int ordinal in FillOrder)
        {
            ColumnPlan plan = Columns[ordinal];
            plan.Fill(frame, plan.Root.Fork(block));
        }
        var columns = new Column[Columns.Length];
        for (int c = 0; c < columns.Length; c++) columns[c] = Columns[c].ToColumn(ColumnNames[c], frame);
        return new Table(columns);
    }

    private long[] ParentRowsOf(long first, int rows)
    {
        long[] offsets = ParentOffsets!;
        // The last parent whose first child is at or before the block's first row.
        int low = 0, high = offsets.Length - 2;
        while (low < high)
        {
            int mid = (low + high + 1) >>> 1;
            if (offsets[mid] <= first) low = mid;
            else high = mid - 1;
        }
        var result = new long[rows];
        long parent = low;
        for (int i = 0; i < rows; i++)
        {
            while (offsets[parent + 1] <= first + i) parent++;
            result[i] = parent;
        }
        return result;
    }
}
