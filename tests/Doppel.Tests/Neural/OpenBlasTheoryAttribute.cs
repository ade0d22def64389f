using Doppel.Neural;

namespace Doppel.Tests.Neural;

/// <summary>A theory that needs OpenBLAS (libopenblas.so.0); skipped, with the reason shown, where it is not installed.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (OpenBlasKernels.TryCreate() is null) Skip = "libopenblas.so.0 is not installed (apt-get install libopenblas0)";
    }
}
