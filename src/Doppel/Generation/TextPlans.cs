using Doppel.Randomness;

namespace Doppel.Generation;

/// <summary>Text drawn independently per row (fake values, patterns, regex-shaped strings, lorem).</summary>
internal sealed class TextPlan(Func<Rng, string> next) : ColumnPlan(ValueKind.Text)
{
    public override void Fill(Frame frame, Rng rng)
    {
        string?[] values = Allocate<string?[]>(frame);
        for (int i = 0; i < values.Length; i++) values[i] = next(rng);
    }
}

/// <summary>Text that depends on other columns of the row (an email or user name made from the row's name).</summary>
internal sealed class RowTextPlan(Func<Frame, int, Rng, string?> next) : ColumnPlan(ValueKind.Text)
{
    public override void Fill(Frame frame, Rng rng)
    {
        string?[] values = Allocate<string?[]>(frame);
        for (int i = 0; i < values.Length; i++) values[i] = next(frame, i, rng);
    }
}

/// <summary>
/// Applies a column's condition and null rate after its generator: rows where <c>when</c> is not true get the
/// <c>else</c> value (null when none), then each row is null with the given probability, drawn from a stream of
/// its own so the rate never shifts the values.
/// </summary>
internal sealed class MaskedPlan(ColumnPlan inner, double nullRate, CompiledExpression? when, CompiledExpression? otherwise, Rng nullRoot)
    : ColumnPlan(inner.Kind)
{
    public ColumnPlan Inner => inner;

    public override void Fill(Frame frame, Rng rng)
    {
        inner.Fill(frame, rng);
        if (when is not null)
        {
            for (int i = 0; i < frame.Rows; i++)
            {
                if (when.Number(frame, i) == 1) continue;
                if (otherwise is null) SetNull(frame, i);
                else SetOtherwise(frame, i);
            }
        }
        if (nullRate > 0)
        {
            Rng nulls = nullRoot.Fork(frame.Block);
            for (int i = 0; i < frame.Rows; i++)
                if (nulls.NextDouble() < nullRate) SetNull(frame, i);
        }
    }

    private void SetOtherwise(Frame frame, int row)
    {
        switch (Kind)
        {
            case ValueKind.Number or ValueKind.Boolean: frame.Numbers(Ordinal)[row] = otherwise!.Number(frame, row); break;
            case ValueKind.DateTime:
                double days = otherwise!.Number(frame, row);
                frame.Ticks(Ordinal)[row] = double.IsNaN(days) ? Data.DateTimeColumn.Missing : (long)(days * TimeSpan.TicksPerDay);
                break;
            case ValueKind.Text: frame.Texts(Ordinal)[row] = otherwise!.Text(frame, row); break;
            default:
                string? text = otherwise!.Text(frame, row);
                frame.Codes(Ordinal)[row] = text is null ? Data.CategoricalColumn.Missing : Array.IndexOf(Categories!, text);
                break;
        }
    }
}

/// <summary>
/// Columns correlated through a Gaussian copula: per row, independent normals times the Cholesky factor of the
/// correlation matrix, mapped through Φ to uniforms, then through each column's own quantile function.
/// Runs in the slot of the group's first column; the others only depend on it.
/// </summary>
internal sealed class CopulaPlan(ColumnPlan first, IQuantileColumn[] members, double[,] cholesky) : ColumnPlan(first.Kind)
{
    public override void Fill(Frame frame, Rng rng)
    {
        int k = members.Length;
        foreach (IQuantileColumn member in members) member.Allocate(frame);
        Span<double> z = stackalloc double[k];
        Span<double> x = stackalloc double[k];
        for (int row = 0; row < frame.Rows; row++)
        {
            for (int j = 0; j < k; j++) z[j] = rng.NextGaussian();
            for (int j = 0; j < k; j++)
            {
                double sum = 0;
                for (int m = 0; m <= j; m++) sum += cholesky[j, m] * z[m];
                x[j] = sum;
            }
            for (int j = 0; j < k; j++)
            {
                double u = Statistics.StandardNormal.Cdf(x[j]);
                members[j].Set(frame, row, Math.Clamp(u, 1e-16, 1 - 1e-16));
            }
        }
    }
}

/// <summary>A correlated column other than the group's first: already filled by the group.</summary>
internal sealed class FilledByGroupPlan(ValueKind kind) : ColumnPlan(kind)
{
    public override void Fill(Frame frame, Rng rng) { }
}
