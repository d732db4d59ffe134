using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperFuse.Training.Stacked.Kernels;

/// <summary>
/// <see cref="OuterKernels"/>' tiles with 512-bit registers: more columns per instruction, each element the same
/// chain of fused multiply-adds (its start, then the rows in order), so the same bits.
/// </summary>
internal static unsafe class WideOuterKernels
{
    /// <summary>Columns of a four-unit tile.</summary>
    public const int FourWidth = 64;

    /// <summary>Columns of a lone unit's tile.</summary>
    public const int OneWidth = 128;

    /// <summary>Four units × 64 columns: sixteen accumulators, each row's four column vectors used four times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Four(float** x, int n, int c, float* p, float* keep, float* g0, float* g1, float* g2, float* g3)
    {
        var k0 = Vector512.Create(keep[0]);
        var k1 = Vector512.Create(keep[1]);
        var k2 = Vector512.Create(keep[2]);
        var k3 = Vector512.Create(keep[3]);
        Vector512<float> a0 = Load(g0, 0, k0), b0 = Load(g0, 16, k0), c0 = Load(g0, 32, k0), d0 = Load(g0, 48, k0);
        Vector512<float> a1 = Load(g1, 0, k1), b1 = Load(g1, 16, k1), c1 = Load(g1, 32, k1), d1 = Load(g1, 48, k1);
        Vector512<float> a2 = Load(g2, 0, k2), b2 = Load(g2, 16, k2), c2 = Load(g2, 32, k2), d2 = Load(g2, 48, k2);
        Vector512<float> a3 = Load(g3, 0, k3), b3 = Load(g3, 16, k3), c3 = Load(g3, 32, k3), d3 = Load(g3, 48, k3);
        for (float** row = x, end = x + n; row < end; row++, p += 4)
        {
            float* xi = *row + c;
            var t = Vector512.Load(xi);
            var u = Vector512.Load(xi + 16);
            var v = Vector512.Load(xi + 32);
            var w = Vector512.Load(xi + 48);
            var s = Vector512.Create(p[0]); a0 = Fma(t, s, a0); b0 = Fma(u, s, b0); c0 = Fma(v, s, c0); d0 = Fma(w, s, d0);
            s = Vector512.Create(p[1]); a1 = Fma(t, s, a1); b1 = Fma(u, s, b1); c1 = Fma(v, s, c1); d1 = Fma(w, s, d1);
            s = Vector512.Create(p[2]); a2 = Fma(t, s, a2); b2 = Fma(u, s, b2); c2 = Fma(v, s, c2); d2 = Fma(w, s, d2);
            s = Vector512.Create(p[3]); a3 = Fma(t, s, a3); b3 = Fma(u, s, b3); c3 = Fma(v, s, c3); d3 = Fma(w, s, d3);
        }
        Store(g0, a0, b0, c0, d0);
        Store(g1, a1, b1, c1, d1);
        Store(g2, a2, b2, c2, d2);
        Store(g3, a3, b3, c3, d3);
    }

    /// <summary>One unit × 128 columns: eight accumulators, so a lone unit is not held up by one chain's latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void One(float** x, int n, int c, float* p, float keep, float* g)
    {
        var k = Vector512.Create(keep);
        Vector512<float> a0 = Load(g, 0, k), a1 = Load(g, 16, k), a2 = Load(g, 32, k), a3 = Load(g, 48, k);
        Vector512<float> a4 = Load(g, 64, k), a5 = Load(g, 80, k), a6 = Load(g, 96, k), a7 = Load(g, 112, k);
        for (float** row = x, end = x + n; row < end; row++, p++)
        {
            float* xi = *row + c;
            var s = Vector512.Create(p[0]);
            a0 = Fma(Vector512.Load(xi), s, a0);
            a1 = Fma(Vector512.Load(xi + 16), s, a1);
            a2 = Fma(Vector512.Load(xi + 32), s, a2);
            a3 = Fma(Vector512.Load(xi + 48), s, a3);
            a4 = Fma(Vector512.Load(xi + 64), s, a4);
            a5 = Fma(Vector512.Load(xi + 80), s, a5);
            a6 = Fma(Vector512.Load(xi + 96), s, a6);
            a7 = Fma(Vector512.Load(xi + 112), s, a7);
        }
        Store(g, a0, a1, a2, a3);
        Store(g + 64, a4, a5, a6, a7);
    }

    // g's 16 floats at `at`, kept or zeroed by the mask.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(float* g, int at, Vector512<float> keep) => Vector512.Load(g + at) & keep;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* g, Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
    {
        a.Store(g);
        b.Store(g + 16);
        c.Store(g + 32);
        d.Store(g + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
}
