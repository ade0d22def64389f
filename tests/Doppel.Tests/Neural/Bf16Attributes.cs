using Doppel.Neural;

namespace Doppel.Tests.Neural;

/// <summary>A fact that needs the bfloat16 kernels (a CPU with AVX-512 BF16 and the native library); skipped, with the reason shown, where they cannot run.</summary>
public sealed class Bf16FactAttribute : FactAttribute
{
    public Bf16FactAttribute()
    {
        if (Bf16Kernels.Unavailable is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs the bfloat16 kernels; skipped, with the reason shown, where they cannot run.</summary>
public sealed class Bf16TheoryAttribute : TheoryAttribute
{
    public Bf16TheoryAttribute()
    {
        if (Bf16Kernels.Unavailable is { } reason) Skip = reason;
    }
}
