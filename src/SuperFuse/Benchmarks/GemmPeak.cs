using System.Diagnostics;
using static TorchSharp.torch;

namespace SuperFuse.Benchmarks;

/// <summary>The machine's fp32 GEMM rate through libtorch: a 2048² × 2048² matmul at the configured thread count.</summary>
public static class GemmPeak
{
    /// <summary>Size of the square matrices.</summary>
    public const int Size = 2048;

    /// <summary>GFLOP/s (2·n³ per product), best of several timed rounds after a warm-up, each about <paramref name="roundSeconds"/>.</summary>
    public static double Measure(double roundSeconds, int rounds = 5)
    {
        using var generator = new Generator(1);
        using var a = randn([Size, Size], generator: generator);
        using var b = randn([Size, Size], generator: generator);
        for (int i = 0; i < 2; i++) a.matmul(b).Dispose();
        var once = Stopwatch.StartNew();
        a.matmul(b).Dispose();
        int reps = Math.Max(1, (int)(roundSeconds / Math.Max(once.Elapsed.TotalSeconds, 1e-4)));
        double best = 0;
        for (int r = 0; r < rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++) a.matmul(b).Dispose();
            best = Math.Max(best, 2.0 * Size * Size * Size * reps / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }
}
