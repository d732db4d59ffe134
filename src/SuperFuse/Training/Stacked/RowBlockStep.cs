using System.Runtime.CompilerServices;
using SuperFuse.Runtime;
using SuperFuse.Training.Stacked.Kernels;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// One training step of K stacked standard models on fused rows read in place. Each seed's batch goes through in
/// blocks of rows small enough to stay in cache: the block's first-layer products, its head forward and backward, then
/// its share of the W1 gradient while the rows are still in cache, so a step reads its rows from memory once. A hidden
/// unit whose ReLU is off in every row of a block adds only exact zeros to its W1 gradient there, so it is left out
/// of that block (dead units cost nothing in the backward; the bits are those of adding the zeros).
/// With at least as many seeds as threads the seeds run in parallel; with fewer, each seed's hidden units are split
/// across threads instead. Both orders give the same bits (see <see cref="RowKernels"/> and <see cref="OuterKernels"/>),
/// so a seed's result does not depend on the thread count or on the seeds trained beside it.
/// </summary>
internal static unsafe class RowBlockStep
{
    /// <summary>Rows whose head runs between their forward and their share of the weight gradient.</summary>
    private const int Block = 2 * RowKernels.Tile;

    /// <summary>
    /// Writes every gradient for the first K·<paramref name="batch"/> entries of <paramref name="rows"/> (seed-major
    /// data rows of <paramref name="x"/>, <paramref name="count"/> rows of <paramref name="d"/> floats) and returns
    /// each seed's mean loss.
    /// </summary>
    public static double[] Run(float* x, long count, int d, StackedWeights weights, long[] rows, int batch, long[] labels)
    {
        int k = weights.Seeds;
        var losses = new double[k];
        var input = new Input((nint)x, count, d, rows, batch, labels);
        int threads = TorchRuntime.LoopThreads;
        if (k >= threads) Parallel.For(0, k, TorchRuntime.LoopOptions, s => losses[s] = Fused(input, weights, s, s * batch));
        else
        {
            for (int s = 0; s < k; s++) losses[s] = Split(input, weights, s, threads);
        }
        return losses;
    }

    /// <summary>
    /// One seed's step alone, on this thread: writes seed <paramref name="seed"/>'s gradients for the first
    /// <paramref name="batch"/> entries of <paramref name="rows"/> and returns its mean loss. The bits are those of
    /// <see cref="Run"/> for that seed, whatever else runs beside it.
    /// </summary>
    public static double Seed(float* x, long count, int d, StackedWeights weights, int seed, long[] rows, int batch, long[] labels) =>
        Fused(new Input((nint)x, count, d, rows, batch, labels), weights, seed, 0);

    private sealed record Input(nint X, long Count, int D, long[] Rows, int Batch, long[] Labels);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Fused(Input input, StackedWeights weights, int seed, int first)
    {
        var p = new SeedPointers(weights, seed);
        int hidden = weights.Hidden, batch = input.Batch;
        ClearGradients(p, weights);
        var h = new float[Block * hidden];
        var dh = new float[Block * hidden];
        var scratch = new float[hidden];
        var packed = new float[OuterKernels.ScratchFloats(hidden, Block)];
        float** x = stackalloc float*[Block];
        bool* written = stackalloc bool[hidden];
        new Span<bool>(written, hidden).Clear();
        float* wide = WideVectors.Enabled ? WideRowKernels.Pack(p.W1, hidden, input.D) : null;
        double loss = 0;
        fixed (float* hp = h, dhp = dh, ap = scratch, pp = packed)
        {
            for (int r0 = 0; r0 < batch; r0 += Block)
            {
                int n = Math.Min(Block, batch - r0);
                Pointers(input, first + r0, n, x);
                Array.Clear(h);
                RowKernels.AddDots(x, input.D, p.W1, wide, 0, hidden, hp, hidden, (n + RowKernels.Tile - 1) / RowKernels.Tile);
                for (int i = 0; i < n; i++) loss += HeadRow(input, weights, p, hp + (i * hidden), dhp + (i * hidden), ap, first + r0 + i);
                OuterKernels.AddLive(x, n, input.D, dhp, hidden, 0, hidden, p.GW1, written, pp);
            }
        }
        OuterKernels.ClearUnwritten(p.GW1, input.D, 0, hidden, written);
        return loss / batch;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Split(Input input, StackedWeights weights, int seed, int threads)
    {
        var p = new SeedPointers(weights, seed);
        int hidden = weights.Hidden, batch = input.Batch, slices = Math.Min(threads, hidden);
        ClearGradients(p, weights);
        var h = new float[(batch + RowKernels.Tile) * hidden];
        var dh = new float[batch * hidden];
        var scratch = new float[hidden];
        nint wide = WideVectors.Enabled ? (nint)WideRowKernels.Pack(p.W1, hidden, input.D) : 0;
        double loss = 0;
        fixed (float* hp = h, dhp = dh, ap = scratch)
        {
            nint hAt = (nint)hp, dhAt = (nint)dhp;
            Parallel.For(0, slices, TorchRuntime.LoopOptions, t => Blocks(input, seed, (x, r0, n) =>
            {
                for (int i = 0; i < n; i += RowKernels.Tile)
                {
                    RowKernels.AddDots(x + i, input.D, p.W1, (float*)wide, Slice(hidden, slices, t), Slice(hidden, slices, t + 1), (float*)hAt + ((r0 + i) * hidden), hidden);
                }
            }));
            for (int r = 0; r < batch; r++) loss += HeadRow(input, weights, p, hp + (r * hidden), dhp + (r * hidden), ap, (seed * batch) + r);
            Parallel.For(0, slices, TorchRuntime.LoopOptions, t => OuterSlice(input, seed, (float*)dhAt, p.GW1, hidden, Slice(hidden, slices, t), Slice(hidden, slices, t + 1)));
        }
        return loss / batch;
    }

    // The W1 gradient of hidden units [j0, j1) over the whole batch, block by block, leaving out units with no live row.
    private static void OuterSlice(Input input, int seed, float* dh, float* g, int hidden, int j0, int j1)
    {
        bool* written = stackalloc bool[hidden];
        new Span<bool>(written, hidden).Clear();
        var packed = new float[OuterKernels.ScratchFloats(hidden, Block)];
        fixed (float* pp = packed)
        {
            nint writtenAt = (nint)written, packedAt = (nint)pp;
            Blocks(input, seed, (x, r0, n) =>
                OuterKernels.AddLive(x, n, input.D, dh + (r0 * hidden), hidden, j0, j1, g, (bool*)writtenAt, (float*)packedAt));
        }
        OuterKernels.ClearUnwritten(g, input.D, j0, j1, written);
    }

    private delegate void BlockAction(float** x, int r0, int n);

    private static void Blocks(Input input, int seed, BlockAction action)
    {
        float** x = stackalloc float*[Block];
        for (int r0 = 0; r0 < input.Batch; r0 += Block)
        {
            int n = Math.Min(Block, input.Batch - r0);
            Pointers(input, (seed * input.Batch) + r0, n, x);
            action(x, r0, n);
        }
    }

    private static int Slice(int hidden, int slices, int t) => (int)((long)hidden * t / slices);

    private static double HeadRow(Input input, StackedWeights weights, in SeedPointers p, float* h, float* dh, float* scratch, int entry) =>
        HeadKernel.Row(h, dh, scratch, p, weights.Hidden, weights.Classes, input.Labels[input.Rows[entry]], 1f / input.Batch);

    // Row pointers of entries [first, first + n), the last one repeated to fill the block.
    private static void Pointers(Input input, int first, int n, float** x)
    {
        for (int i = 0; i < Block; i++)
        {
            long row = input.Rows[first + Math.Min(i, n - 1)];
            if ((ulong)row >= (ulong)input.Count) throw new ArgumentOutOfRangeException(nameof(input), $"row {row} is outside 0..{input.Count - 1}");
            x[i] = (float*)input.X + (row * input.D);
        }
    }

    // W1's gradient is overwritten by the first row block instead.
    private static void ClearGradients(in SeedPointers p, StackedWeights weights)
    {
        long hidden = weights.Hidden, classes = weights.Classes;
        new Span<float>(p.GB1, (int)hidden).Clear();
        new Span<float>(p.GW2, (int)(classes * hidden)).Clear();
        new Span<float>(p.GB2, (int)classes).Clear();
    }
}
