using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperFuse.FastTraining;

/// <summary>
/// The two GEMM-shaped loops of a first layer whose inputs are data rows, written for the cache: rows are read in
/// place through pointers (no gathered copy), six at a time, a chunk of columns at a time. Every output element is
/// computed by the same sequence of fused multiply-adds whichever tile, slice of hidden units or thread computes it,
/// so results do not depend on how the work is split.
/// </summary>
internal static unsafe class RowKernels
{
    /// <summary>Columns of a row kept in L1 while all hidden units use them (2 KB of floats).</summary>
    public const int Chunk = 512;

    /// <summary>Rows a dot-product tile covers; callers pass this many row pointers (repeating the last).</summary>
    public const int Tile = 6;

    /// <summary>
    /// h[i·H + j] += x_i · w[j·D ..] for the <see cref="Tile"/> rows x_i and j in [j0, j1), summed chunk by chunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddDots(float** x, int d, float* w, int j0, int j1, float* h, int hidden)
    {
        for (int from = 0; from < d; from += Chunk)
        {
            int len = Math.Min(Chunk, d - from);
            int j = j0;
            for (; j + 2 <= j1; j += 2) DotPair(x, from, len, w + ((long)j * d) + from, w + ((long)(j + 1) * d) + from, h + j, hidden);
            if (j < j1) DotOne(x, from, len, w + ((long)j * d) + from, h + j, hidden);
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
        h[0] += Finish(a0, x0, wa, k, len); h[1] += Finish(b0, x0, wb, k, len);
        h[hidden] += Finish(a1, x1, wa, k, len); h[hidden + 1] += Finish(b1, x1, wb, k, len);
        h[2 * hidden] += Finish(a2, x2, wa, k, len); h[(2 * hidden) + 1] += Finish(b2, x2, wb, k, len);
        h[3 * hidden] += Finish(a3, x3, wa, k, len); h[(3 * hidden) + 1] += Finish(b3, x3, wb, k, len);
        h[4 * hidden] += Finish(a4, x4, wa, k, len); h[(4 * hidden) + 1] += Finish(b4, x4, wb, k, len);
        h[5 * hidden] += Finish(a5, x5, wa, k, len); h[(5 * hidden) + 1] += Finish(b5, x5, wb, k, len);
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
    private static float Finish(Vector256<float> acc, float* x, float* w, int k, int len)
    {
        float s = Vector256.Sum(acc);
        for (; k < len; k++) s = MathF.FusedMultiplyAdd(x[k], w[k], s);
        return s;
    }

    /// <summary>
    /// g[j·D + c] += Σ_{i &lt; n} dh[i·H + j] · x_i[c] for the <paramref name="count"/> hidden units j listed in
    /// <paramref name="units"/> and every column c, rows in order. A unit not yet <paramref name="written"/> starts
    /// from zero instead of g's contents (the same bits as zeroing it first) and is marked written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOuter(float** x, int n, int d, float* dh, int hidden, int* units, int count, float* g, bool* written)
    {
        for (int from = 0; from < d; from += Chunk)
        {
            int to = Math.Min(d, from + Chunk);
            int q = 0;
            for (; q + 4 <= count; q += 4) OuterQuad(x, n, from, to, dh, hidden, units + q, g, d, written);
            for (; q < count; q++) OuterTail(x, n, from, to, dh + units[q], hidden, g + ((long)units[q] * d), !written[units[q]]);
        }
        for (int q = 0; q < count; q++) written[units[q]] = true;
    }

    // Four hidden units (any four) × 16 columns at a time: eight accumulators, each row's two column vectors used four times.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OuterQuad(float** x, int n, int from, int to, float* dh, int hidden, int* units, float* g, int d, bool* written)
    {
        int u0 = units[0], u1 = units[1], u2 = units[2], u3 = units[3];
        float* g0 = g + ((long)u0 * d), g1 = g + ((long)u1 * d), g2 = g + ((long)u2 * d), g3 = g + ((long)u3 * d);
        bool o0 = !written[u0], o1 = !written[u1], o2 = !written[u2], o3 = !written[u3];
        int c = from;
        for (; c + 16 <= to; c += 16)
        {
            var a0 = Start(g0 + c, o0); var b0 = Start(g0 + c + 8, o0);
            var a1 = Start(g1 + c, o1); var b1 = Start(g1 + c + 8, o1);
            var a2 = Start(g2 + c, o2); var b2 = Start(g2 + c + 8, o2);
            var a3 = Start(g3 + c, o3); var b3 = Start(g3 + c + 8, o3);
            for (int i = 0; i < n; i++)
            {
                float* xi = x[i] + c;
                var u = Vector256.Load(xi);
                var v = Vector256.Load(xi + 8);
                float* s = dh + (i * hidden);
                var k = Vector256.Create(s[u0]); a0 = Fma(u, k, a0); b0 = Fma(v, k, b0);
                k = Vector256.Create(s[u1]); a1 = Fma(u, k, a1); b1 = Fma(v, k, b1);
                k = Vector256.Create(s[u2]); a2 = Fma(u, k, a2); b2 = Fma(v, k, b2);
                k = Vector256.Create(s[u3]); a3 = Fma(u, k, a3); b3 = Fma(v, k, b3);
            }
            a0.Store(g0 + c); b0.Store(g0 + c + 8);
            a1.Store(g1 + c); b1.Store(g1 + c + 8);
            a2.Store(g2 + c); b2.Store(g2 + c + 8);
            a3.Store(g3 + c); b3.Store(g3 + c + 8);
        }
        OuterTail(x, n, c, to, dh + u0, hidden, g0, o0);
        OuterTail(x, n, c, to, dh + u1, hidden, g1, o1);
        OuterTail(x, n, c, to, dh + u2, hidden, g2, o2);
        OuterTail(x, n, c, to, dh + u3, hidden, g3, o3);
    }

    /// <summary>
    /// Lists into <paramref name="units"/> the hidden units in [j0, j1) whose dh is not zero in some of the n rows
    /// (a unit whose ReLU is off in every row adds exact zeros, so leaving it out changes no bit) and returns how many.
    /// </summary>
    public static int LiveUnits(float* dh, int n, int hidden, int j0, int j1, int* units)
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

    // Columns [from, to) one 8-wide vector, then one float, at a time: the same per-element sequence as the tiles.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OuterTail(float** x, int n, int from, int to, float* dh, int hidden, float* g, bool overwrite)
    {
        int c = from;
        for (; c + 8 <= to; c += 8)
        {
            var a = Start(g + c, overwrite);
            for (int i = 0; i < n; i++) a = Fma(Vector256.Load(x[i] + c), Vector256.Create(dh[i * hidden]), a);
            a.Store(g + c);
        }
        for (; c < to; c++)
        {
            float a = overwrite ? 0 : g[c];
            for (int i = 0; i < n; i++) a = MathF.FusedMultiplyAdd(x[i][c], dh[i * hidden], a);
            g[c] = a;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Start(float* g, bool overwrite) => overwrite ? Vector256<float>.Zero : Vector256.Load(g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
}
