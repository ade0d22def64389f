namespace Doppel.Generation;

/// <summary>How a generated column holds its values in a block.</summary>
internal enum ValueKind
{
    /// <summary>double[]; NaN is null.</summary>
    Number,
    /// <summary>double[] of 0 and 1; NaN is null. Written as true/false.</summary>
    Boolean,
    /// <summary>long[] ticks; <see cref="Data.DateTimeColumn.Missing"/> is null. Seen by expressions as days.</summary>
    DateTime,
    /// <summary>string?[].</summary>
    Text,
    /// <summary>int[] codes into a fixed category list; -1 is null. Seen by expressions as text.</summary>
    Category,
}

/// <summary>The columns of one block being generated: typed arrays by column ordinal, filled in dependency order.</summary>
internal sealed class Frame(int rows, long firstRow, long block, int columns)
{
    public int Rows { get; } = rows;

    /// <summary>Index of the block's first row in the whole table.</summary>
    public long FirstRow { get; } = firstRow;

    public long Block { get; } = block;

    /// <summary>Per column ordinal: double[], long[], string?[] or int[] (see <see cref="ValueKind"/>).</summary>
    public object?[] Columns { get; } = new object?[columns];

    /// <summary>For a child table: the parent row of each row of the block.</summary>
    public long[]? ParentRows { get; set; }

    public double[] Numbers(int ordinal) => (double[])Columns[ordinal]!;
    public long[] Ticks(int ordinal) => (long[])Columns[ordinal]!;
    public string?[] Texts(int ordinal) => (string?[])Columns[ordinal]!;
    public int[] Codes(int ordinal) => (int[])Columns[ordinal]!;
}

/// <summary>A column an expression can read: where it lives in the frame and how.</summary>
internal readonly record struct ColumnSlot(int Ordinal, ValueKind Kind, string[]? Categories);
