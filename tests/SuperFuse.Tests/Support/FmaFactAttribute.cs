using SuperFuse.Benchmarks;

namespace SuperFuse.Tests.Support;

/// <summary>
/// A test of the multiply-add ceiling's loop: it runs where the CPU has AVX2 + FMA or AVX-512 (every machine CI runs
/// on) and is reported as skipped, with the reason, elsewhere, where the harness reports no FMA peak.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FmaFactAttribute : FactAttribute
{
    public FmaFactAttribute()
    {
        if (FmaPeak.VectorBits == 0) Skip = "needs AVX2 + FMA or AVX-512: elsewhere the harness measures no FMA peak";
    }
}
