using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperFuse.Training.Stacked.Kernels;

/// <summary>
/// The forward products of a first layer whose inputs are data rows, written for the cache: rows are read in place
/// through pointers (no gathered copy), six at a time, a chunk of columns at a time. Every output element is computed
/// by the same sequence of fused multiply-adds whichever tile, slice of hidden units or thread computes it, so results
/// do not depend on how the work is split. The weight gradient's loop is <see cref="OuterKernels"/>.
/// </summary>
internal static unsafe class RowKernels
{
    /// <summary>Columns of a row kept in L1 while all hidden units use them (2 KB of floats).</summary>
    public const int Chunk = 512;

    /// <summary>Rows a dot-product tile covers; callers pass this many row pointers (repeating the last).</summary>
    public const int Tile = 6;

    /// <summary>
    /// h[i·H + j] += x_i · w[j·D ..] for <paramref name="tiles"/> × <see cref="Tile"/> rows x_i and j in [j0, j1),
    /// summed chunk by chunk (h's rows are H floats apart). With <paramref name="packed"/>
    /// (<see cref="WideRowKernels.Pack"/> of w) and an even j0, unit pairs run in 512-bit registers, with the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddDots(float** x, int d, float* w, float* packed, int j0, int j1, float* h, int hidden, int tiles = 1)
    {
        bool wide = packed != null && j0 % 2 == 0;
        for (int from = 0; from < d; from += Chunk)
        {
            int len = Math.Min(Chunk, d - from);
            int first = wide ? WideRowKernels.AddPairs(x, from, len, w, packed, d, j0, j1, h, hidden, tiles) : j0;
            for (int t = 0; t < tiles; t++)
            {
                float** xt = x + (t * Tile);
                float* ht = h + (t * Tile * hidden);
                int j = first;
                for (; j + 2 <= j1; j += 2) DotPair(xt, from, len, w + ((long)j * d) + from, w + ((long)(j + 1) * d) + from, ht + j, hidden);
                if (j < j1) DotOne(xt, from, len, w + ((long)j * d) + from, ht + j, hidden);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotPair(float** x, int from, int len, float* wa, float* wb, float* h, int hidden)
    {
        float* x0 = x[0] + from, x1 = x[1] + from, x2 = x[2] + from, x3 = x[3] + from, x4 = x[4] + from, x5 = x[5] + from;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default;
        int k = 0;
        for (; k + 8 <= len; k += 8)
        {
            var va = Vector256.Load(wa + k);
            var vb = Vector256.Load(wb + k);
            var v = Vector256.Load(x0 + k); a0 = Fma(v, va, a0); b0 = Fma(v, vb, b0);
            v = Vector256.Load(x1 + k); a1 = Fma(v, va, a1); b1 = Fma(v, vb, b1);
            v = Vector256.Load(x2 + k); a2 = Fma(v, va, a2); b2 = Fma(v, vb, b2);
            v = Vector256.Load(x3 + k); a3 = Fma(v, va, a3); b3 = Fma(v, vb, b3);
            v = Vector256.Load(x4 + k); a4 = Fma(v, va, a4); b4 = Fma(v, vb, b4);
            v = Vector256.Load(x5 + k); a5 = Fma(v, va, a5); b5 = Fma(v, vb, b5);
        }
        if (k == len && Avx.IsSupported)
        {
            AddSums(a0, b0, a1, b1, h, h + hidden);
            AddSums(a2, b2, a3, b3, h + (2 * hidden), h + (3 * hidden));
            AddSums(a4, b4, a5, b5, h + (4 * hidden), h + (5 * hidden));
            return;
        }
        h[0] += Finish(a0, x0, wa, k, len); h[1] += Finish(b0, x0, wb, k, len);
        h[hidden] += Finish(a1, x1, wa, k, len); h[hidden + 1] += Finish(b1, x1, wb, k, len);
        h[2 * hidden] += Finish(a2, x2, wa, k, len); h[(2 * hidden) + 1] += Finish(b2, x2, wb, k, len);
        h[3 * hidden] += Finish(a3, x3, wa, k, len); h[(3 * hidden) + 1] += Finish(b3, x3, wb, k, len);
        h[4 * hidden] += Finish(a4, x4, wa, k, len); h[(4 * hidden) + 1] += Finish(b4, x4, wb, k, len);
        h[5 * hidden] += Finish(a5, x5, wa, k, len); h[(5 * hidden) + 1] += Finish(b5, x5, wb, k, len);
    }

    // Two rows' pairs of sums at once: three horizontal adds and one add of 128-bit halves give
    // [Σa, Σb, Σc, Σe], each summed in Vector256.Sum's tree ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)), so the
    // bits of Finish without a column tail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSums(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> e, float* h, float* g)
    {
        var s = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, e));
        var sums = s.GetLower() + s.GetUpper();
        h[0] += sums.ToScalar();
        h[1] += sums.GetElement(1);
        g[0] += sums.GetElement(2);
        g[1] += sums.GetElement(3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotOne(float** x, int from, int len, float* w, float* h, int hidden)
    {
        for (int i = 0; i < Tile; i++)
        {
            float* xi = x[i] + from;
            Vector256<float> a = default;
            int k = 0;
            for (; k + 8 <= len; k += 8) a = Fma(Vector256.Load(xi + k), Vector256.Load(w + k), a);
            h[i * hidden] += Finish(a, xi, w, k, len);
        }
    }

    // The lanes summed, then the columns past the last full vector, one fused multiply-add each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Finish(Vector256<float> acc, float* x, float* w, int k, int len)
    {
        float s = Vector256.Sum(acc);
        for (; k < len; k++) s = MathF.FusedMultiplyAdd(x[k], w[k], s);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
}
