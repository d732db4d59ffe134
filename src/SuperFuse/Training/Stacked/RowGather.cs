using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// Copies chosen rows of a matrix into a buffer that lives across steps. libtorch's <c>index_select</c> would allocate
/// the batch afresh every step, and batches above glibc's mmap threshold (32 MB) then cost a page fault per 4 KB.
/// </summary>
internal static class RowGather
{
    private const int RowsPerTask = 64;

    /// <summary>The first <paramref name="count"/> floats of a flat scratch buffer, grown when too small.</summary>
    public static Tensor Scratch(ref Tensor? buffer, long count)
    {
        if (buffer is null || buffer.numel() < count)
        {
            buffer?.Dispose();
            buffer = zeros(count).DetachFromDisposeScope();   // lives across steps, not in a step's scope
        }
        return buffer.narrow(0, 0, count);
    }

    /// <summary>
    /// Rows <paramref name="rows"/>[0..<paramref name="count"/>) of <paramref name="source"/> (N, W), copied into the
    /// scratch <paramref name="buffer"/>; returns them as a (count, W) view of it.
    /// </summary>
    public static unsafe Tensor Into(Tensor source, long[] rows, int count, ref Tensor? buffer)
    {
        long width = source.shape[1];
        long n = source.shape[0];
        using var flat = Scratch(ref buffer, count * width);
        var target = flat.view(count, width);
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
        return target;
    }
}
