namespace Doppel.Neural;

/// <summary>
/// A layer whose parameter gradient is a sum of per-example terms it can measure without forming them
/// (for DP-SGD clipping). After a backward pass it adds each example's squared gradient norm.
/// </summary>
public interface IPerExampleGradient
{
    /// <summary>Adds ‖∂loss_i/∂θ‖² of the last backward pass to <paramref name="squaredNorms"/>[i] for every example i.</summary>
    void AddSquaredNorms(Span<float> squaredNorms);
}
