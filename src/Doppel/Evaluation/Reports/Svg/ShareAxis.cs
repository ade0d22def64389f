namespace Doppel.Evaluation.Reports.Svg;

/// <summary>The axis of shares (0 to the largest share, in percent) used by histograms and bar charts.</summary>
internal sealed class ShareAxis
{
    /// <summary>An axis from 0 to at least <paramref name="largestShare"/>, ending on a round tick.</summary>
    public ShareAxis(double largestShare, int maxTicks)
    {
        double top = Math.Max(largestShare, 0.01);
        Ticks = AxisTicks.Nice(0, top, maxTicks);
        double step = Ticks.Length > 1 ? Ticks[1] - Ticks[0] : top;
        Maximum = Ticks[^1] < top ? Ticks[^1] + step : Ticks[^1];
        if (Ticks[^1] < Maximum) Ticks = [.. Ticks, Maximum];
    }

    /// <summary>The share at the far end of the axis.</summary>
    public double Maximum { get; }

    /// <summary>Round shares to mark, from 0 to <see cref="Maximum"/>.</summary>
    public double[] Ticks { get; }

    /// <summary>Position of a share along an axis of the given length (0 at the origin).</summary>
    public double Scale(double share, double length) => Math.Clamp(share / Maximum, 0, 1) * length;
}
