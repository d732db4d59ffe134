using SuperFuse.Runtime;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// Runs a piece of work per hidden unit of the bilinear layer, each unit's GEMMs on one core, the units handed out one
/// at a time to every loop thread; without MKL's entry points (<see cref="Mkl.Available"/>) one unit after another.
/// </summary>
/// <remarks>
/// With all cores on one GEMM at a time, every core reached AdamW's pass over a unit's weights (bound by memory and by
/// its square roots and divisions) at the same moment, and the GEMMs' arithmetic and AdamW took turns; with a unit per
/// core, AdamW on one core can run beside a GEMM on the other, and no GEMM of this small size is split across cores. The 768-d unit work at B = 64 (dW_k, AdamW, the next Vᵀ_k, 32 units) took 35.6–35.8 ms this way against
/// 39.2–39.5 ms with each GEMM on both cores of a 2-core AMD EPYC. A unit's GEMMs gave libtorch's bits on one thread
/// (<c>MklTests</c>, <c>BilinearUpdateTests</c>: 768-d pairs' shapes and small odd ones), and AdamW is element-wise,
/// so the result does not depend on which thread takes which unit.
/// </remarks>
internal static class UnitLoop
{
    /// <summary>Whether units run one per core (MKL's entry points exported), so each unit must use <see cref="Mkl.Gemm"/>.</summary>
    public static bool OnePerCore => Mkl.Available && !OneAtATime;

    /// <summary>
    /// Runs units one after another with libtorch's ops even where MKL's entry points are exported: the path of builds
    /// without them, which tests compare with the other bit for bit. Off unless a test sets it.
    /// </summary>
    internal static bool OneAtATime { get; set; }

    /// <summary>How many workers <see cref="Run(int, Action{int, int})"/> uses at most.</summary>
    public static int Workers => OnePerCore ? TorchRuntime.LoopThreads : 1;

    /// <summary><paramref name="unit"/>(k) for k = 0 … units − 1, across the loop threads when <see cref="OnePerCore"/>.</summary>
    public static void Run(int units, Action<int> unit) => Run(units, (_, k) => unit(k));

    /// <summary>
    /// <paramref name="unit"/>(worker, k) for k = 0 … units − 1, where worker (below <see cref="Workers"/>) names the
    /// thread, so that each may use a buffer of its own.
    /// </summary>
    public static void Run(int units, Action<int, int> unit)
    {
        if (!OnePerCore)
        {
            for (int k = 0; k < units; k++) unit(0, k);
            return;
        }
        int next = -1;
        Parallel.For(0, Math.Min(units, Workers), TorchRuntime.LoopOptions, worker =>
        {
            // A worker thread's MXCSR is its own: without the flag a memorising model's denormals would slow its GEMMs.
            TorchRuntime.FlushDenormalsOnThisThread();
            Mkl.OnThisThreadAlone(() =>
            {
                for (int k = Interlocked.Increment(ref next); k < units; k = Interlocked.Increment(ref next)) unit(worker, k);
            });
        });
    }
}
