using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperFuse.Benchmarks;

/// <summary>
/// The CPU's fp32 multiply-add ceiling: independent fused multiply-adds in the widest vectors the runtime accelerates,
/// on each of the threads in use. The GEMM peak is what the machine's BLAS reaches; where that BLAS does not use the
/// core's full vector width (libtorch's MKL runs a 256-bit kernel on the Zen 5 EPYC of docs/benchmarks.md), SuperFuse's
/// own AVX-512 kernels can pass it, and this number says how far both are from the hardware. The 512- and 256-bit loops
/// are two copies of one loop: the runtime has no public vector interface to write it once.
/// </summary>
public static class FmaPeak
{
    /// <summary>Independent accumulators per thread: enough to cover the FMA latency on two pipes.</summary>
    public const int Chains = 12;

    /// <summary>Vector width measured: 512 with AVX-512, 256 with AVX2 + FMA, 0 where neither runs in hardware.</summary>
    public static int VectorBits => Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? 512 : Fma.IsSupported ? 256 : 0;

    /// <summary>
    /// GFLOP/s (2 per lane and multiply-add) over <paramref name="threads"/> threads, best of <paramref name="rounds"/>
    /// rounds of about <paramref name="roundSeconds"/>; null where <see cref="VectorBits"/> is 0.
    /// </summary>
    public static double? Measure(int threads, double roundSeconds, int rounds = 5)
    {
        if (VectorBits == 0) return null;
        long probe = 1 << 20;
        double once = Time(threads, probe);
        long iterations = Math.Max(probe, (long)(probe * roundSeconds / Math.Max(once, 1e-6)));
        double flops = 2.0 * Chains * (VectorBits / 32) * iterations * threads;
        double best = Enumerable.Range(0, rounds).Min(_ => Time(threads, iterations));
        return flops / best / 1e9;
    }

    /// <summary>Seconds for <paramref name="threads"/> threads to run <paramref name="iterations"/> steps of every chain at once.</summary>
    private static double Time(int threads, long iterations)
    {
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            GC.KeepAlive(Run(iterations, 1f, 1f));
        })).ToList();
        workers.ForEach(w => w.Start());
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        workers.ForEach(w => w.Join());
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Every chain x ← x·<paramref name="multiplier"/> + <paramref name="addend"/> from x = 1 for
    /// <paramref name="iterations"/> steps, in the measured width; returns the sum of all lanes. The timing passes 1 and 1
    /// (x stays finite and normal), as arguments so that the JIT cannot fold the multiply away.
    /// </summary>
    public static float Run(long iterations, float multiplier, float addend) =>
        VectorBits == 512 ? Wide(iterations, multiplier, addend) : Narrow(iterations, multiplier, addend);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Wide(long iterations, float multiplier, float addend)
    {
        var (m, c, one) = (Vector512.Create(multiplier), Vector512.Create(addend), Vector512<float>.One);
        Vector512<float> a0 = one, a1 = one, a2 = one, a3 = one, a4 = one, a5 = one;
        Vector512<float> a6 = one, a7 = one, a8 = one, a9 = one, a10 = one, a11 = one;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, c); a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, c); a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Narrow(long iterations, float multiplier, float addend)
    {
        var (m, c, one) = (Vector256.Create(multiplier), Vector256.Create(addend), Vector256<float>.One);
        Vector256<float> a0 = one, a1 = one, a2 = one, a3 = one, a4 = one, a5 = one;
        Vector256<float> a6 = one, a7 = one, a8 = one, a9 = one, a10 = one, a11 = one;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c);
            a2 = Fma.MultiplyAdd(a2, m, c); a3 = Fma.MultiplyAdd(a3, m, c);
            a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c);
            a8 = Fma.MultiplyAdd(a8, m, c); a9 = Fma.MultiplyAdd(a9, m, c);
            a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
