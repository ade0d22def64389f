using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>CTGAN's generator block: h = ReLU(BatchNorm(Linear(x))), output [h, x] (the input carried along by concatenation).</summary>
public sealed class Residual : ILayer
{
    private readonly Sequential _inner;
    private readonly ITensorKernels _kernels;
    private Tensor? _output, _inputGradient, _hiddenGradient;

    /// <summary>A block of <paramref name="inputs"/> → <paramref name="outputs"/>; the last two arguments set the inner linear layer's <see cref="Linear.SparseInputsFrom"/> and <see cref="Linear.InputGradientColumns"/>.</summary>
    public Residual(int inputs, int outputs, Rng rng, ITensorKernels kernels, string name = "residual", bool propagatesToInput = true,
        int? sparseInputsFrom = null, int? inputGradientColumns = null)
    {
        Inputs = inputs;
        Outputs = outputs;
        PropagatesToInput = propagatesToInput;
        _kernels = kernels;
        var linear = new Linear(inputs, outputs, rng, kernels, name + ".fc")
        {
            PropagatesToInput = propagatesToInput,
            SparseInputsFrom = sparseInputsFrom,
            InputGradientColumns = inputGradientColumns,
        };
        _inner = new Sequential([linear, new BatchNorm(outputs, name + ".bn", kernels), new Activation(ActivationKind.Relu, kernels: kernels)]);
    }

    /// <summary>False for a network's first block, whose input needs no gradient (see <see cref="Linear.PropagatesToInput"/>): its backward pass then returns an empty tensor.</summary>
    public bool PropagatesToInput { get; }

    public int Inputs { get; }
    public int Outputs { get; }
    public IReadOnlyList<Parameter> Parameters => _inner.Parameters;
    public IReadOnlyList<Parameter> State => _inner.State;

    public Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor hidden = _inner.Forward(input, training);
        Tensor output = _output = Tensor.Reuse(_output, input.Rows, Outputs + Inputs);
        _kernels.ForRows(input.Rows, Outputs + Inputs, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
            {
                hidden.Row(r).CopyTo(output.Row(r));
                input.Row(r).CopyTo(output.Row(r)[Outputs..]);
            }
        });
        return output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        int rows = outputGradient.Rows;
        Tensor hiddenGradient = _hiddenGradient = Tensor.Reuse(_hiddenGradient, rows, Outputs);
        _kernels.ForRows(rows, Outputs, (start, count) =>
        {
            for (int r = start; r < start + count; r++) outputGradient.Row(r)[..Outputs].CopyTo(hiddenGradient.Row(r));
        });
        Tensor inner = _inner.Backward(hiddenGradient);
        if (!PropagatesToInput) return inner;
        Tensor inputGradient = _inputGradient = Tensor.Reuse(_inputGradient, rows, Inputs);
        _kernels.ForRows(rows, Inputs, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
                System.Numerics.Tensors.TensorPrimitives.Add(inner.Row(r), outputGradient.Row(r)[Outputs..], inputGradient.Row(r));
        });
        return inputGradient;
    }
}
