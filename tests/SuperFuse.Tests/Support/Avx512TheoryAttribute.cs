using SuperFuse.Training.Stacked;
using SuperFuse.Training.Stacked.Kernels;

namespace SuperFuse.Tests.Support;

/// <summary>
/// A test of the 512-bit kernels against the 256-bit ones: it runs where the CPU has AVX-512 (the machines CI runs on)
/// and is reported as skipped, with the reason, elsewhere, where only the 256-bit kernels exist.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Avx512TheoryAttribute : TheoryAttribute
{
    public Avx512TheoryAttribute()
    {
        if (!WideVectors.Supported) Skip = "needs a CPU with AVX-512: without it only the 256-bit kernels run";
    }
}
