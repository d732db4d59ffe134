using System.Runtime.Intrinsics;
using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// The first-layer weight gradient of the bilinear layer, dW_k = Σ_b dh_{b,k} L_b ⊗ R_b, one GEMM per hidden unit over
/// only the rows where dh_{b,k} ≠ 0. Behind a ReLU about half the rows of a unit are off, and their terms are exact
/// zeros, so leaving them out halves the backward GEMM's work without changing what it sums.
/// </summary>
internal static class UnitGradients
{
    /// <summary>
    /// Writes dW (H, n, m) for dh (B, H), left rows (B, n) and right rows (B, m), all contiguous. The scratch buffers
    /// hold each unit's live rows packed, dh_{b,k}·L_b and R_b, unit after unit; they live across steps.
    /// </summary>
    public static unsafe void Write(Tensor gradient, Tensor hiddenGradient, Tensor left, Tensor right,
        ref Tensor? leftScratch, ref Tensor? rightScratch)
    {
        using var packed = PackedUnits.Of(hiddenGradient, left, right, ref leftScratch, ref rightScratch);
        if (UnitLoop.OnePerCore)
        {
            nint g = (nint)NativeBuffer.Floats(gradient);
            long size = gradient.shape[1] * gradient.shape[2];
            UnitLoop.Run(packed.Hidden, k => packed.Gemm((float*)g + (k * size), k));
            return;
        }
        for (int k = 0; k < packed.Hidden; k++)
        {
            using var gk = gradient[k];
            packed.Gemm(gk, k);
        }
    }

    /// <summary>Every unit's live rows, packed one unit after another, and where each unit's rows start.</summary>
    internal sealed unsafe class PackedUnits(Tensor xs, Tensor rs, long[] start, long n, long m) : IDisposable
    {
        private readonly float* x0 = NativeBuffer.Floats(xs), r0 = NativeBuffer.Floats(rs);

        public int Hidden => start.Length - 1;

        /// <summary>
        /// Packs every unit's live rows; <see cref="Gemm(Tensor, int)"/> then writes one unit's dW_k at a time, so that a caller can
        /// use each while it is in cache, with the same bits as <see cref="Write"/>.
        /// </summary>
        public static unsafe PackedUnits Of(Tensor hiddenGradient, Tensor left, Tensor right, ref Tensor? leftScratch, ref Tensor? rightScratch)
        {
            int batch = (int)left.shape[0], hidden = (int)hiddenGradient.shape[1];
            long n = left.shape[1], m = right.shape[1];
            long[] start = Starts(NativeBuffer.Floats(hiddenGradient), batch, hidden);
            long rows = Math.Max(1, start[hidden]);
            var xs = RowGather.Scratch(ref leftScratch, rows * n);
            var rs = RowGather.Scratch(ref rightScratch, rows * m);
            var p = new Packing((nint)NativeBuffer.Floats(hiddenGradient), (nint)NativeBuffer.Floats(left), (nint)NativeBuffer.Floats(right),
                (nint)NativeBuffer.Floats(xs), (nint)NativeBuffer.Floats(rs), batch, hidden, n, m);
            Parallel.For(0, hidden, TorchRuntime.LoopOptions, k => Pack(p, k, start[k]));
            return new PackedUnits(xs, rs, start, n, m);
        }

        /// <summary>target (n, m) = dW_k.</summary>
        public void Gemm(Tensor target, int k)
        {
            long count = start[k + 1] - start[k];
            if (count == 0)
            {
                target.zero_();
                return;
            }
            using var xFlat = xs.narrow(0, start[k] * n, count * n);
            using var x = xFlat.view(count, n);
            using var xt = x.t();
            using var rFlat = rs.narrow(0, start[k] * m, count * m);
            using var r = rFlat.view(count, m);
            target.addmm_(xt, r, 0, 1);
        }

        /// <summary>dW_k (n, m) written at <paramref name="target"/> by <see cref="Mkl.Gemm"/> on the calling thread alone.</summary>
        public void Gemm(float* target, int k)
        {
            long count = start[k + 1] - start[k];
            if (count == 0)
            {
                new Span<float>(target, checked((int)(n * m))).Clear();
                return;
            }
            Mkl.Gemm(true, false, (int)n, (int)m, (int)count, x0 + (start[k] * n), (int)n, r0 + (start[k] * m), (int)m, target, (int)m);
        }

        public void Dispose()
        {
            xs.Dispose();
            rs.Dispose();
        }
    }

    /// <summary>Where each unit's packed rows start; entry H is the total.</summary>
    private static unsafe long[] Starts(float* dh, int batch, int hidden)
    {
        var start = new long[hidden + 1];
        for (int k = 0; k < hidden; k++)
        {
            long count = 0;
            for (int b = 0; b < batch; b++) count += dh[((long)b * hidden) + k] != 0 ? 1 : 0;
            start[k + 1] = start[k] + count;
        }
        return start;
    }

    private readonly record struct Packing(nint Dh, nint Left, nint Right, nint X, nint R, int Batch, int Hidden, long N, long M);

    private static unsafe void Pack(Packing p, int k, long row)
    {
        float* dh = (float*)p.Dh;
        for (int b = 0; b < p.Batch; b++)
        {
            float g = dh[((long)b * p.Hidden) + k];
            if (g == 0) continue;
            Scale((float*)p.Left + (b * p.N), g, (float*)p.X + (row * p.N), p.N);
            long bytes = p.M * sizeof(float);
            Buffer.MemoryCopy((float*)p.Right + (b * p.M), (float*)p.R + (row * p.M), bytes, bytes);
            row++;
        }
    }

    private static unsafe void Scale(float* from, float g, float* to, long count)
    {
        long i = 0;
        var gv = Vector256.Create(g);
        for (; i + 8 <= count; i += 8) Vector256.Store(Vector256.Load(from + i) * gv, to + i);
        for (; i < count; i++) to[i] = from[i] * g;
    }
}
