using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperFuse.Training.Stacked.Kernels;

/// <summary>
/// The W1 gradient of a block of data rows read in place: g[j·D + c] += Σ_i dh[i·H + j] · x_i[c] for the listed
/// hidden units. The block's dh values are first packed unit group by unit group, so the inner loops walk one packed
/// array and the row pointers; four units × 16 columns share each row's two column vectors, and a unit left over after
/// the fours runs 64 columns at a time (eight independent sums either way). Every element is the same sequence of fused
/// multiply-adds — its start (zero, or g's contents once written) then the rows in order — whatever the grouping, so
/// the bits do not depend on which units are live or how the units are split across threads.
/// </summary>
internal static unsafe class OuterKernels
{
    /// <summary>Floats of scratch <see cref="AddOuter"/> needs for <paramref name="hidden"/> units and a block of <paramref name="rows"/>.</summary>
    public static int ScratchFloats(int hidden, int rows) => hidden * (rows + 1);

    /// <summary>
    /// g[j·D + c] += Σ_{i &lt; n} dh[i·H + j] · x_i[c] for the <paramref name="count"/> units j listed in
    /// <paramref name="units"/> and every column c, rows in order. A unit not yet <paramref name="written"/> starts
    /// from zero instead of g's contents (the same bits as zeroing it first) and is marked written.
    /// <paramref name="scratch"/> holds <see cref="ScratchFloats"/> floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOuter(float** x, int n, int d, float* dh, int hidden, int* units, int count, float* g, bool* written, float* scratch)
    {
        float* keep = scratch, packed = scratch + count;
        Pack(dh, n, hidden, units, count, written, keep, packed);
        int fours = count / 4 * 4;
        for (int from = 0; from < d; from += RowKernels.Chunk)
        {
            int to = Math.Min(d, from + RowKernels.Chunk);
            for (int q = 0; q < fours; q += 4) FourUnits(x, n, from, to, packed + (q * n), keep + q, g, d, units + q);
            for (int q = fours; q < count; q++) OneUnit(x, n, from, to, packed + (q * n), keep[q], g + ((long)units[q] * d));
        }
        for (int q = 0; q < count; q++) written[units[q]] = true;
    }

    // dh of each group of four units interleaved row by row (then each leftover unit's column), and per unit a mask
    // that keeps g's contents (all bits set) or starts from zero.
    private static void Pack(float* dh, int n, int hidden, int* units, int count, bool* written, float* keep, float* packed)
    {
        int fours = count / 4 * 4;
        for (int q = 0; q < count; q++)
        {
            int unit = units[q], width = q < fours ? 4 : 1;
            float* to = packed + ((q - (q % width)) * n) + (q % width);
            for (int i = 0; i < n; i++) to[i * width] = dh[(i * hidden) + unit];
            keep[q] = written[unit] ? BitConverter.Int32BitsToSingle(-1) : 0f;
        }
    }

    private static void FourUnits(float** x, int n, int from, int to, float* p, float* keep, float* g, int d, int* units)
    {
        float* g0 = g + ((long)units[0] * d), g1 = g + ((long)units[1] * d), g2 = g + ((long)units[2] * d), g3 = g + ((long)units[3] * d);
        int c = from;
        if (WideVectors.Enabled)
        {
            for (; c + WideOuterKernels.FourWidth <= to; c += WideOuterKernels.FourWidth) WideOuterKernels.Four(x, n, c, p, keep, g0 + c, g1 + c, g2 + c, g3 + c);
        }
        for (; c + 16 <= to; c += 16) FourBySixteen(x, n, c, p, keep, g0 + c, g1 + c, g2 + c, g3 + c);
        Columns(x, n, c, to, p, 4, keep[0], g0);
        Columns(x, n, c, to, p + 1, 4, keep[1], g1);
        Columns(x, n, c, to, p + 2, 4, keep[2], g2);
        Columns(x, n, c, to, p + 3, 4, keep[3], g3);
    }

    // Four units × 16 columns: eight accumulators, each row's two column vectors used four times.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourBySixteen(float** x, int n, int c, float* p, float* keep, float* g0, float* g1, float* g2, float* g3)
    {
        var k0 = Vector256.Create(keep[0]);
        var k1 = Vector256.Create(keep[1]);
        var k2 = Vector256.Create(keep[2]);
        var k3 = Vector256.Create(keep[3]);
        Vector256<float> a0 = Vector256.Load(g0) & k0, b0 = Vector256.Load(g0 + 8) & k0;
        Vector256<float> a1 = Vector256.Load(g1) & k1, b1 = Vector256.Load(g1 + 8) & k1;
        Vector256<float> a2 = Vector256.Load(g2) & k2, b2 = Vector256.Load(g2 + 8) & k2;
        Vector256<float> a3 = Vector256.Load(g3) & k3, b3 = Vector256.Load(g3 + 8) & k3;
        for (float** row = x, end = x + n; row < end; row++, p += 4)
        {
            float* xi = *row + c;
            var u = Vector256.Load(xi);
            var v = Vector256.Load(xi + 8);
            var s = Vector256.Create(p[0]); a0 = Fma(u, s, a0); b0 = Fma(v, s, b0);
            s = Vector256.Create(p[1]); a1 = Fma(u, s, a1); b1 = Fma(v, s, b1);
            s = Vector256.Create(p[2]); a2 = Fma(u, s, a2); b2 = Fma(v, s, b2);
            s = Vector256.Create(p[3]); a3 = Fma(u, s, a3); b3 = Fma(v, s, b3);
        }
        a0.Store(g0); b0.Store(g0 + 8);
        a1.Store(g1); b1.Store(g1 + 8);
        a2.Store(g2); b2.Store(g2 + 8);
        a3.Store(g3); b3.Store(g3 + 8);
    }

    private static void OneUnit(float** x, int n, int from, int to, float* p, float keep, float* g)
    {
        int c = from;
        if (WideVectors.Enabled)
        {
            for (; c + WideOuterKernels.OneWidth <= to; c += WideOuterKernels.OneWidth) WideOuterKernels.One(x, n, c, p, keep, g + c);
        }
        for (; c + 64 <= to; c += 64) OneBySixtyFour(x, n, c, p, keep, g + c);
        Columns(x, n, c, to, p, 1, keep, g);
    }

    // One unit × 64 columns: eight accumulators, so a lone unit is not held up by the latency of one chain.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneBySixtyFour(float** x, int n, int c, float* p, float keep, float* g)
    {
        var k = Vector256.Create(keep);
        Vector256<float> a0 = Vector256.Load(g) & k, a1 = Vector256.Load(g + 8) & k, a2 = Vector256.Load(g + 16) & k, a3 = Vector256.Load(g + 24) & k;
        Vector256<float> a4 = Vector256.Load(g + 32) & k, a5 = Vector256.Load(g + 40) & k, a6 = Vector256.Load(g + 48) & k, a7 = Vector256.Load(g + 56) & k;
        for (float** row = x, end = x + n; row < end; row++, p++)
        {
            float* xi = *row + c;
            var s = Vector256.Create(p[0]);
            a0 = Fma(Vector256.Load(xi), s, a0);
            a1 = Fma(Vector256.Load(xi + 8), s, a1);
            a2 = Fma(Vector256.Load(xi + 16), s, a2);
            a3 = Fma(Vector256.Load(xi + 24), s, a3);
            a4 = Fma(Vector256.Load(xi + 32), s, a4);
            a5 = Fma(Vector256.Load(xi + 40), s, a5);
            a6 = Fma(Vector256.Load(xi + 48), s, a6);
            a7 = Fma(Vector256.Load(xi + 56), s, a7);
        }
        a0.Store(g); a1.Store(g + 8); a2.Store(g + 16); a3.Store(g + 24);
        a4.Store(g + 32); a5.Store(g + 40); a6.Store(g + 48); a7.Store(g + 56);
    }

    // Columns [from, to) of one unit, one 8-wide vector and then one float at a time; its packed dh is every
    // `stride`-th float of p. The same per-element sequence as the tiles.
    private static void Columns(float** x, int n, int from, int to, float* p, int stride, float keep, float* g)
    {
        bool zero = keep == 0;
        int c = from;
        for (; c + 8 <= to; c += 8)
        {
            var a = zero ? Vector256<float>.Zero : Vector256.Load(g + c);
            for (int i = 0; i < n; i++) a = Fma(Vector256.Load(x[i] + c), Vector256.Create(p[i * stride]), a);
            a.Store(g + c);
        }
        for (; c < to; c++)
        {
            float a = zero ? 0 : g[c];
            for (int i = 0; i < n; i++) a = MathF.FusedMultiplyAdd(x[i][c], p[i * stride], a);
            g[c] = a;
        }
    }

    /// <summary>
    /// <see cref="AddOuter"/> for the units in [j0, j1) that are live in this block: a unit whose dh is zero in every
    /// one of the n rows (its ReLU off throughout) adds exact zeros, so leaving it out changes no bit.
    /// </summary>
    public static void AddLive(float** x, int n, int d, float* dh, int hidden, int j0, int j1, float* g, bool* written, float* scratch)
    {
        int* units = stackalloc int[j1 - j0];
        int live = LiveUnits(dh, n, hidden, j0, j1, units);
        AddOuter(x, n, d, dh, hidden, units, live, g, written, scratch);
    }

    // Lists into `units` the hidden units in [j0, j1) whose dh is not zero in some of the n rows; returns how many.
    private static int LiveUnits(float* dh, int n, int hidden, int j0, int j1, int* units)
    {
        int count = 0;
        for (int j = j0; j < j1; j++)
        {
            int i = 0;
            while (i < n && dh[(i * hidden) + j] == 0) i++;
            if (i < n) units[count++] = j;
        }
        return count;
    }

    /// <summary>Zeroes the gradient rows of the units in [j0, j1) that no row block wrote.</summary>
    public static void ClearUnwritten(float* g, int d, int j0, int j1, bool* written)
    {
        for (int j = j0; j < j1; j++)
        {
            if (!written[j]) new Span<float>(g + ((long)j * d), d).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
}
