using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SuperFuse.Benchmarks;

/// <summary>
/// The machine's memory bandwidth, STREAM's triad a ← b + s·c on three float arrays far larger than the caches, each
/// thread on its own contiguous part. Bytes are counted as STREAM counts them: 12 per element (read b and c, write a).
/// The arrays are native memory, returned to the OS at once, so they never show up in a later configuration's RSS.
/// </summary>
public static class MemoryBandwidth
{
    /// <summary>Elements per array by default: 3 × 128 MB, well beyond the last-level cache of current CPUs.</summary>
    public const int DefaultLength = 32 << 20;

    /// <summary>GB/s, best of <paramref name="rounds"/> triads after a warm-up that also faults every page in.</summary>
    public static unsafe double Measure(int threads, int rounds = 5, int length = DefaultLength)
    {
        nuint bytes = (nuint)length * sizeof(float);
        float* a = (float*)NativeMemory.AlignedAlloc(bytes, 64), b = (float*)NativeMemory.AlignedAlloc(bytes, 64), c = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        try
        {
            new Span<float>(b, length).Fill(1f);
            new Span<float>(c, length).Fill(2f);
            Triad(a, b, c, length, 3f, threads);
            double best = double.MaxValue;
            for (int r = 0; r < rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                Triad(a, b, c, length, 3f, threads);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            return 12.0 * length / best / 1e9;
        }
        finally
        {
            NativeMemory.AlignedFree(a);
            NativeMemory.AlignedFree(b);
            NativeMemory.AlignedFree(c);
        }
    }

    /// <summary>a[i] = b[i] + <paramref name="scale"/>·c[i] for i &lt; <paramref name="length"/>, in <paramref name="threads"/> contiguous parts.</summary>
    public static unsafe void Triad(float* a, float* b, float* c, int length, float scale, int threads)
    {
        int parts = Math.Max(1, threads);
        long per = ((long)length + parts - 1) / parts;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            int start = (int)Math.Min(length, p * per), end = (int)Math.Min(length, start + per);
            Part((float*)pa, (float*)pb, (float*)pc, start, end, scale);
        });
    }

    private static unsafe void Part(float* a, float* b, float* c, int start, int end, float scale)
    {
        var s = new Vector<float>(scale);
        int i = start, width = Vector<float>.Count;
        for (; i + width <= end; i += width) Vector.Store(Vector.Load(b + i) + (s * Vector.Load(c + i)), a + i);
        for (; i < end; i++) a[i] = b[i] + (scale * c[i]);
    }
}
