namespace Doppel.Neural;

/// <summary>A trainable array and the gradient accumulated into it by backward passes.</summary>
public sealed class Parameter
{
    public Parameter(string name, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Value = new float[length];
        Gradient = new float[length];
    }

    /// <summary>A stable name within its network (used in the model file).</summary>
    public string Name { get; }

    /// <summary>The current values.</summary>
    public float[] Value { get; private set; }

    /// <summary>The gradient of the loss with respect to <see cref="Value"/>, summed over backward passes since the last <see cref="ClearGradient"/>.</summary>
    public float[] Gradient { get; }

    public void ClearGradient() => Array.Clear(Gradient);

    /// <summary>
    /// Moves each time <see cref="Value"/> is changed in place through <see cref="MarkChanged"/> (the optimisers and the
    /// weight loaders call it): kernels that keep a prepared copy of a weight matrix (<see cref="WeightMatrix"/>) compare
    /// it to know when the copy is stale.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Says that <see cref="Value"/> has just been changed in place.</summary>
    public void MarkChanged() => Version++;

    /// <summary>
    /// Makes this parameter read and write <paramref name="source"/>'s values (its gradient stays its own): how a
    /// data-parallel replica of a network follows the one being trained without copying its weights after every step.
    /// </summary>
    internal void ShareValuesOf(Parameter source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Value.Length != Value.Length) throw new ArgumentException($"'{source.Name}' holds {source.Value.Length} values; '{Name}' holds {Value.Length}.", nameof(source));
        Value = source.Value;
        MarkChanged();
    }
}
