using Doppel.Neural;

namespace Doppel.Tests.Neural;

/// <summary>A theory that needs the GEMM's 512-bit register tile; skipped, with the reason shown, on machines without full-speed AVX-512.</summary>
public sealed class WideTileTheoryAttribute : TheoryAttribute
{
    public WideTileTheoryAttribute()
    {
        if (!ManagedKernels.WideTilesSupported) Skip = "this machine has no full-speed AVX-512, so only the 256-bit tile runs here";
    }
}
