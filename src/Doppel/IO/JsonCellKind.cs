namespace Doppel.IO;

/// <summary>How <see cref="JsonLinesBlockEncoder"/> writes the cells of a column.</summary>
public enum JsonCellKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number, written unquoted; the cell must hold JSON number text such as -1.5e3.</summary>
    Number,

    /// <summary>A JSON boolean, written unquoted; the cell must hold true or false.</summary>
    Boolean,
}
