namespace Doppel.Neural;

/// <summary>Layers applied one after the other.</summary>
public sealed class Sequential(IEnumerable<ILayer> layers) : ILayer
{
    private readonly ILayer[] _layers = [.. layers];

    public IReadOnlyList<ILayer> Layers => _layers;
    public IReadOnlyList<Parameter> Parameters => [.. _layers.SelectMany(l => l.Parameters)];
    public IReadOnlyList<Parameter> State => [.. _layers.SelectMany(l => l.State)];

    public Tensor Forward(Tensor input, bool training)
    {
        foreach (ILayer layer in _layers) input = layer.Forward(input, training);
        return input;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        for (int i = _layers.Length - 1; i >= 0; i--) outputGradient = _layers[i].Backward(outputGradient);
        return outputGradient;
    }

    /// <summary>Every layer (nested ones included) that can measure per-example gradient norms.</summary>
    public IEnumerable<IPerExampleGradient> PerExampleLayers() => _layers.OfType<IPerExampleGradient>();
}
