using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SuperFuse.Benchmarks;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Benchmarks;

/// <summary>The multiply-add ceiling measures the widest vectors the CPU runs and counts only work it did.</summary>
public sealed class FmaPeakTests
{
    [Fact]
    public void Measures_the_widest_vectors_the_runtime_accelerates()
    {
        int expected = Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? 512 : Fma.IsSupported ? 256 : 0;
        Assert.Equal(expected, FmaPeak.VectorBits);
    }

    [FmaFact]
    public void Every_chain_and_lane_does_each_counted_multiply_add()
    {
        // Given x ← x·1 + 1 from x = 1, when each chain runs 1,000 steps, then every lane holds 1,001 (exact in float32),
        // so the FLOP count 2 · chains · lanes · steps is work the loop did.
        int lanes = FmaPeak.VectorBits / 32;
        Assert.Equal(FmaPeak.Chains * lanes * 1001f, FmaPeak.Run(1000, 1f, 1f));
        // The multiplier takes part in every step: x ← x·2 + 0 doubles each lane ten times.
        Assert.Equal(FmaPeak.Chains * lanes * 1024f, FmaPeak.Run(10, 2f, 0f));
    }

    [FmaFact]
    public void Rate_is_positive_on_one_and_two_threads()
    {
        Assert.True(FmaPeak.Measure(1, 0.01, rounds: 2) > 0);
        Assert.True(FmaPeak.Measure(2, 0.01, rounds: 2) > 0);
    }
}
