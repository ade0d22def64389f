namespace Doppel.Neural;

/// <summary>
/// One differentiable step of a network. <see cref="Forward"/> keeps what <see cref="Backward"/> needs;
/// <see cref="Backward"/> adds the parameter gradients into <see cref="Parameter.Gradient"/> and returns the
/// gradient with respect to the input. Returned tensors are the layer's own buffers, valid until its next call.
/// </summary>
public interface ILayer
{
    /// <summary>Trainable parameters, in a stable order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Buffers saved with the model that are not trained by gradients (e.g. batch-norm running statistics).</summary>
    IReadOnlyList<Parameter> State => [];

    Tensor Forward(Tensor input, bool training);

    Tensor Backward(Tensor outputGradient);
}
