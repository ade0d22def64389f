namespace Doppel.Neural;

/// <summary>
/// The precision of the matrix multiplies a deep synthesizer trains with. Sampling a fitted model always multiplies in
/// float32, so a model samples the same bits on every machine whichever precision trained it.
/// </summary>
public enum Precision
{
    /// <summary>Float32 throughout, by the portable managed kernels: the same bits on every machine (the default).</summary>
    Float32,

    /// <summary>
    /// Factors rounded to bfloat16, products summed in float32 (<see cref="Bf16Kernels"/>), as PyTorch's bfloat16
    /// autocast: faster on a CPU with AVX-512 BF16, and the only kind of CPU it runs on. Deterministic for a seed on such
    /// a machine, but not the same bits as a float32 fit.
    /// </summary>
    BFloat16,
}

/// <summary>The kernels each precision trains with.</summary>
public static class PrecisionKernels
{
    /// <summary>Kernels for <paramref name="precision"/> on up to <paramref name="maxThreads"/> threads; bfloat16 throws <see cref="PlatformNotSupportedException"/>, saying why, where it cannot run.</summary>
    public static ITensorKernels Create(Precision precision, int maxThreads) => precision switch
    {
        Precision.Float32 => new ManagedKernels(maxThreads),
        Precision.BFloat16 => Bf16Kernels.Create(maxThreads),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "is not a precision."),
    };

    /// <summary>The name the manifest and <c>--set precision=</c> use: float32 or bfloat16.</summary>
    public static string Name(Precision precision) => precision == Precision.BFloat16 ? "bfloat16" : "float32";

    /// <summary>The precision of a <see cref="Name"/> (any case); false for any other text.</summary>
    public static bool TryParse(string name, out Precision precision)
    {
        foreach (Precision candidate in Enum.GetValues<Precision>())
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                precision = candidate;
                return true;
            }
        precision = default;
        return false;
    }
}
