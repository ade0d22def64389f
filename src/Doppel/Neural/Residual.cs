using Doppel.Randomness;

namespace Doppel.Neural;

/// <summary>CTGAN's generator block: h = ReLU(BatchNorm(Linear(x))), output [h, x] (the input carried along by concatenation).</summary>
public sealed class Residual : ILayer
{
    private readonly Sequential _inner;
    private Tensor? _output, _inputGradient, _hiddenGradient;

    /// <summary>A block of <paramref name="inputs"/> → <paramref name="outputs"/>; the last two arguments set the inner linear layer's <see cref="Linear.SparseInputsFrom"/> and <see cref="Linear.InputGradientColumns"/>.</summary>
    public Residual(int inputs, int outputs, Rng rng, ITensorKernels kernels, string name = "residual", bool propagatesToInput = true,
        int? sparseInputsFrom = null, int? inputGradientColumns = null)
    {
        Inputs = inputs;
        Outputs = outputs;
        PropagatesToInput = propagatesToInput;
        var linear = new Linear(inputs, outputs, rng, kernels, name + ".fc")
        {
            PropagatesToInput = propagatesToInput,
            SparseInputsFrom = sparseInputsFrom,
            InputGradientColumns = inputGradientColumns,
        };
        _inner = new Sequential([linear, new BatchNorm(outputs, name + ".bn"), new Activation(ActivationKind.Relu)]);
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
        _output = Tensor.Reuse(_output, input.Rows, Outputs + Inputs);
        for (int r = 0; r < input.Rows; r++)
        {
            hidden.Row(r).CopyTo(_output.Row(r));
            input.Row(r).CopyTo(_output.Row(r)[Outputs..]);
        }
        return _output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        int rows = outputGradient.Rows;
        Tensor hiddenGradient = _hiddenGradient = Tensor.Reuse(_hiddenGradient, rows, Outputs);
        for (int r = 0; r < rows; r++) outputGradient.Row(r)[..Outputs].CopyTo(hiddenGradient.Row(r));
        Tensor inner = _inner.Backward(hiddenGradient);
        if (!PropagatesToInput) return inner;
        _inputGradient = Tensor.Reuse(_inputGradient, rows, Inputs);
        for (int r = 0; r < rows; r++)
            System.Numerics.Tensors.TensorPrimitives.Add(inner.Row(r), outputGradient.Row(r)[Outputs..], _inputGradient.Row(r));
        return _inputGradient;
    }
}
