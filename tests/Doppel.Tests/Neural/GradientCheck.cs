using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Tests.Neural;

/// <summary>Central finite differences of L = Σ w∘layer(x) against the layer's backward pass, for the input and every parameter.</summary>
internal static class GradientCheck
{
    public static Tensor RandomTensor(int rows, int columns, Rng rng, double awayFromZero = 0)
    {
        var t = new Tensor(rows, columns);
        for (int i = 0; i < t.Data.Length; i++)
        {
            double v = rng.NextGaussian();
            if (Math.Abs(v) < awayFromZero) v = Math.Sign(v == 0 ? 1 : v) * (awayFromZero + Math.Abs(v));
            t.Data[i] = (float)v;
        }
        return t;
    }

    public static void Check(ILayer layer, Tensor input, Rng rng, float step = 1e-2f, double tolerance = 2e-2)
    {
        Tensor output = layer.Forward(input, training: true);
        Tensor weights = RandomTensor(output.Rows, output.Columns, rng);
        foreach (Parameter p in layer.Parameters) p.ClearGradient();
        Tensor inputGradient = layer.Backward(Copy(weights));
        float[] analyticInput = (float[])inputGradient.Data.Clone();
        float[][] analyticParameters = [.. layer.Parameters.Select(p => (float[])p.Gradient.Clone())];

        Compare("input", input.Data, analyticInput, () => Loss(layer, input, weights), step, tolerance);
        for (int i = 0; i < layer.Parameters.Count; i++)
            Compare(layer.Parameters[i].Name, layer.Parameters[i].Value, analyticParameters[i], () => Loss(layer, input, weights), step, tolerance);
    }

    private static Tensor Copy(Tensor t) => new(t.Rows, t.Columns, (float[])t.Data.Clone());

    private static double Loss(ILayer layer, Tensor input, Tensor weights)
    {
        Tensor y = layer.Forward(input, training: true);
        double sum = 0;
        for (int i = 0; i < y.Data.Length; i++) sum += (double)y.Data[i] * weights.Data[i];
        return sum;
    }

    private static void Compare(string what, float[] values, float[] analytic, Func<double> loss, float step, double tolerance)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            values[i] = original + step;
            double up = loss();
            values[i] = original - step;
            double down = loss();
            values[i] = original;
            double numeric = (up - down) / (2 * step);
            Math.Abs(numeric - analytic[i]).ShouldBeLessThan(tolerance * Math.Max(1, Math.Abs(numeric)), $"{what}[{i}]: numeric {numeric}, backward {analytic[i]}");
        }
    }
}
