using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperFuse.Training.Stacked.Kernels;

/// <summary>
/// <see cref="RowKernels"/>' forward products with 512-bit registers, each holding two hidden units' 8-lane sums: the
/// weights of units 2q and 2q + 1 are first packed side by side, 8 columns of each in turn, so one load feeds both
/// halves and each half runs exactly the 256-bit kernel's fused multiply-adds. Each half's lanes are summed in
/// Vector256.Sum's tree, as the 256-bit kernel sums them, so every output element has its bits.
/// </summary>
internal static unsafe class WideRowKernels
{
    [ThreadStatic]
    private static float[]? buffer;

    /// <summary>
    /// The weights <paramref name="w"/> (H rows of D) of each unit pair, 8 full columns of one unit then of the other,
    /// in this thread's buffer (valid until its next call on this thread).
    /// </summary>
    public static float* Pack(float* w, int hidden, int d)
    {
        int groups = d / 8, pairs = hidden / 2;
        long floats = Math.Max(1L, 16L * groups * pairs);
        if (buffer is null || buffer.LongLength < floats) buffer = GC.AllocateUninitializedArray<float>(checked((int)floats), pinned: true);
        float* packed = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        for (int q = 0; q < pairs; q++)
        {
            float* a = w + ((long)2 * q * d), b = a + d, to = packed + (16L * groups * q);
            for (int g = 0; g < groups; g++)
            {
                Vector256.Load(a + (8 * g)).Store(to + (16 * g));
                Vector256.Load(b + (8 * g)).Store(to + (16 * g) + 8);
            }
        }
        return packed;
    }

    /// <summary>
    /// The chunk [from, from + len) of h[i·H + j] += x_i · w_j for <paramref name="tiles"/> × <see cref="RowKernels.Tile"/>
    /// rows and units j from the even <paramref name="j0"/> up to <paramref name="j1"/> in pairs, each unit group's
    /// weights used by every tile in turn; returns the first unit left undone (the last one when the count is odd).
    /// </summary>
    public static int AddPairs(float** x, int from, int len, float* w, float* packed, int d, int j0, int j1, float* h, int hidden, int tiles)
    {
        long pair = 16L * (d / 8);
        int j = j0, tile = RowKernels.Tile;
        for (; j + 4 <= j1; j += 4)
        {
            float* p = packed + (pair * (j / 2)) + (2 * from);
            for (int t = 0; t < tiles; t++) Quad(x + (t * tile), from, len, p, p + pair, w + ((long)j * d) + from, d, h + j + (t * tile * hidden), hidden);
        }
        if (j + 2 <= j1)
        {
            for (int t = 0; t < tiles; t++) Pair(x + (t * tile), from, len, packed + (pair * (j / 2)) + (2 * from), w + ((long)j * d) + from, d, h + j + (t * tile * hidden), hidden);
            j += 2;
        }
        return j;
    }

    // Six rows × units j … j + 3 (two packed pairs): twelve registers of two 8-lane sums each.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Quad(float** x, int from, int len, float* pa, float* pb, float* w, int d, float* h, int hidden)
    {
        float* x0 = x[0] + from, x1 = x[1] + from, x2 = x[2] + from, x3 = x[3] + from, x4 = x[4] + from, x5 = x[5] + from;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default;
        int k = 0;
        for (; k + 8 <= len; k += 8)
        {
            var va = Vector512.Load(pa + (2 * k));
            var vb = Vector512.Load(pb + (2 * k));
            var v = Both(x0 + k); a0 = Fma(v, va, a0); b0 = Fma(v, vb, b0);
            v = Both(x1 + k); a1 = Fma(v, va, a1); b1 = Fma(v, vb, b1);
            v = Both(x2 + k); a2 = Fma(v, va, a2); b2 = Fma(v, vb, b2);
            v = Both(x3 + k); a3 = Fma(v, va, a3); b3 = Fma(v, vb, b3);
            v = Both(x4 + k); a4 = Fma(v, va, a4); b4 = Fma(v, vb, b4);
            v = Both(x5 + k); a5 = Fma(v, va, a5); b5 = Fma(v, vb, b5);
        }
        Store(a0, b0, x0, w, d, k, len, h);
        Store(a1, b1, x1, w, d, k, len, h + hidden);
        Store(a2, b2, x2, w, d, k, len, h + (2 * hidden));
        Store(a3, b3, x3, w, d, k, len, h + (3 * hidden));
        Store(a4, b4, x4, w, d, k, len, h + (4 * hidden));
        Store(a5, b5, x5, w, d, k, len, h + (5 * hidden));
    }

    // Six rows × units j, j + 1 (one packed pair).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair(float** x, int from, int len, float* pa, float* w, int d, float* h, int hidden)
    {
        float* x0 = x[0] + from, x1 = x[1] + from, x2 = x[2] + from, x3 = x[3] + from, x4 = x[4] + from, x5 = x[5] + from;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        int k = 0;
        for (; k + 8 <= len; k += 8)
        {
            var va = Vector512.Load(pa + (2 * k));
            a0 = Fma(Both(x0 + k), va, a0);
            a1 = Fma(Both(x1 + k), va, a1);
            a2 = Fma(Both(x2 + k), va, a2);
            a3 = Fma(Both(x3 + k), va, a3);
            a4 = Fma(Both(x4 + k), va, a4);
            a5 = Fma(Both(x5 + k), va, a5);
        }
        StorePair(a0, x0, w, d, k, len, h);
        StorePair(a1, x1, w, d, k, len, h + hidden);
        StorePair(a2, x2, w, d, k, len, h + (2 * hidden));
        StorePair(a3, x3, w, d, k, len, h + (3 * hidden));
        StorePair(a4, x4, w, d, k, len, h + (4 * hidden));
        StorePair(a5, x5, w, d, k, len, h + (5 * hidden));
    }

    // One row's four units: h[0 … 3] += each half's 8-lane sum and the columns past the last full vector. Without
    // such columns the four sums come from three horizontal adds and one add of 128-bit halves, which is the tree of
    // Vector256.Sum ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)) for each unit at once: the same bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> a, Vector512<float> b, float* x, float* w, int d, int k, int len, float* h)
    {
        if (k == len)
        {
            var s = Avx.HorizontalAdd(Avx.HorizontalAdd(a.GetLower(), a.GetUpper()), Avx.HorizontalAdd(b.GetLower(), b.GetUpper()));
            (Vector128.Load(h) + (s.GetLower() + s.GetUpper())).Store(h);
            return;
        }
        StorePair(a, x, w, d, k, len, h);
        StorePair(b, x, w + (2L * d), d, k, len, h + 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair(Vector512<float> a, float* x, float* w, int d, int k, int len, float* h)
    {
        if (k == len)
        {
            var s = Avx.HorizontalAdd(a.GetLower(), a.GetUpper());
            s = Avx.HorizontalAdd(s, s);
            var sums = s.GetLower() + s.GetUpper();
            h[0] += sums.ToScalar();
            h[1] += sums.GetElement(1);
            return;
        }
        h[0] += RowKernels.Finish(a.GetLower(), x, w, k, len);
        h[1] += RowKernels.Finish(a.GetUpper(), x, w + d, k, len);
    }

    // The 8 floats at p in both halves of a register.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Both(float* p) => Avx512DQ.BroadcastVector256ToVector512(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
}
