namespace Doppel.Neural;

/// <summary>
/// A weight matrix (<see cref="Rows"/> × <see cref="Columns"/>, row-major, the values of <see cref="Parameter"/>) as the B
/// operand of the multiplies that read it between two updates. When <see cref="KeepsPrepared"/>, kernels that pack B
/// (<see cref="Bf16Kernels"/>) pack it once per <see cref="Parameter.Version"/> and reuse that copy: CTGAN's critic reads
/// its first layer's 2.6 MB of weights in six multiplies a step, each of which packed it again. The results are the
/// same bits either way; the kernels that do not pack ignore it.
/// </summary>
public sealed class WeightMatrix
{
    public WeightMatrix(Parameter parameter, int rows, int columns, bool keepsPrepared)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * columns != parameter.Value.Length)
            throw new ArgumentException($"'{parameter.Name}' holds {parameter.Value.Length} values, not {rows} × {columns}.", nameof(parameter));
        Parameter = parameter;
        Rows = rows;
        Columns = columns;
        KeepsPrepared = keepsPrepared;
    }

    public Parameter Parameter { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>
    /// Whether kernels may keep a prepared copy until <see cref="Parameter.Version"/> moves. Only for weights that change
    /// in place through code that calls <see cref="Parameter.MarkChanged"/> (as <see cref="Adam"/> does); a copy kept
    /// past a change nobody marked would multiply by the old weights.
    /// </summary>
    public bool KeepsPrepared { get; }

    /// <summary>The kernels' prepared copies, one slot per layout (as stored, transposed); theirs to fill.</summary>
    internal object?[] Prepared { get; } = new object?[2];
}
