using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.FastTraining;

/// <summary>
/// Copies chosen rows of a matrix into a buffer that lives across steps. libtorch's <c>index_select</c> would allocate
/// the batch afresh every step, and batches above glibc's mmap threshold (32 MB) then cost a page fault per 4 KB.
/// </summary>
internal static class RowGather
{
    private const int RowsPerTask = 64;

    /// <summary>A buffer of at least <paramref name="rows"/> × <paramref name="width"/> floats (reused when big enough).</summary>
    public static Tensor Ensure(ref Tensor? buffer, long rows, long width)
    {
        if (buffer is null || buffer.shape[0] < rows || buffer.shape[1] != width)
        {
            buffer?.Dispose();
            buffer = zeros(rows, width).DetachFromDisposeScope();   // lives across steps, not in a step's scope
        }
        return buffer;
    }

    /// <summary>The first <paramref name="count"/> floats of a flat scratch buffer, grown when too small.</summary>
    public static Tensor Scratch(ref Tensor? buffer, long count)
    {
        if (buffer is null || buffer.numel() < count)
        {
            buffer?.Dispose();
            buffer = zeros(count).DetachFromDisposeScope();
        }
        return buffer.narrow(0, 0, count);
    }

    /// <summary>
    /// Rows <paramref name="rows"/>[0..<paramref name="count"/>) of <paramref name="source"/> (N, W) into the first
    /// <paramref name="count"/> rows of <paramref name="target"/>; returns that (count, W) view.
    /// </summary>
    public static unsafe Tensor Into(Tensor source, long[] rows, int count, Tensor target)
    {
        long width = source.shape[1];
        long n = source.shape[0];
        nint from = (nint)NativeBuffer.Floats(source), to = (nint)NativeBuffer.Floats(target);
        long bytes = width * sizeof(float);
        Parallel.For(0, (count + RowsPerTask - 1) / RowsPerTask, TorchRuntime.LoopOptions, task =>
        {
            int end = Math.Min(count, (task + 1) * RowsPerTask);
            for (int i = task * RowsPerTask; i < end; i++)
            {
                long row = rows[i];
                if ((ulong)row >= (ulong)n) throw new ArgumentOutOfRangeException(nameof(rows), $"row {row} is outside 0..{n - 1}");
                Buffer.MemoryCopy((float*)from + (row * width), (float*)to + (i * width), bytes, bytes);
            }
        });
        return target.narrow(0, 0, count);
    }
}
