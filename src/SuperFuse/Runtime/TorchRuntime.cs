using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace SuperFuse.Runtime;

/// <summary>
/// Process-wide libtorch settings. libtorch itself is global (thread pool, RNG, FP flags), so this is the one place
/// that touches it: call <see cref="Initialize"/> once at start-up, before any tensor work.
/// </summary>
public static partial class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static int configuredThreads;

    /// <summary>The intra-op thread count set by <see cref="Initialize"/>, or 0 before it ran.</summary>
    public static int Threads => configuredThreads;

    /// <summary>How many threads SuperFuse's own parallel loops use: <see cref="Threads"/>, or one per core before it is set.</summary>
    public static int LoopThreads => configuredThreads > 0 ? configuredThreads : Environment.ProcessorCount;

    /// <summary>
    /// Options for SuperFuse's own parallel loops (fused AdamW, row copies): at most <see cref="Threads"/> threads, so
    /// <c>--threads 1</c> (e.g. a Slurm task with one CPU) uses one core.
    /// </summary>
    public static ParallelOptions LoopOptions => new() { MaxDegreeOfParallelism = configuredThreads > 0 ? configuredThreads : -1 };

    /// <summary>
    /// Sets libtorch's intra-op thread count (0 = one per core) and flushes denormals to zero; the first call also sets
    /// libgomp's spin count (<see cref="NativeSettings"/>), which works only if libtorch was not loaded before. Idempotent for the same
    /// thread count; a different count later is an error, because results depend on it (protocol §3 reproducibility).
    /// </summary>
    public static void Initialize(int threads = 0)
    {
        int wanted = threads > 0 ? threads : Environment.ProcessorCount;
        lock (Gate)
        {
            if (configuredThreads == 0)
            {
                NativeSettings.Apply();
                SetThreads(wanted);
                configuredThreads = wanted;
            }
            else if (configuredThreads != wanted)
            {
                throw new InvalidOperationException(
                    $"libtorch already runs with {configuredThreads} threads; cannot switch to {wanted} in one process");
            }
        }
        FlushDenormalsOnThisThread();
    }

    // Kept out of Initialize so that libtorch (and with it libgomp, which reads its settings once as it loads) is not
    // loaded before NativeSettings.Apply has run.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetThreads(int threads) => torch.set_num_threads(threads);

    /// <summary>
    /// Checks the requested compute device: "cpu" always works; "cuda" needs TorchSharp's CUDA backend, which this
    /// build does not ship (protocol §7), so it is a clear user error unless libtorch reports CUDA as available.
    /// </summary>
    public static void RequireDevice(string device)
    {
        string name = device?.Trim().ToLowerInvariant() ?? "";
        if (name == "cpu") return;
        if (name == "cuda")
        {
            // Nothing moves data or models to a GPU yet, so accepting cuda (even where libtorch reports it) would train
            // on the CPU while provenance said cuda.
            throw new UserInputException(
                "--device cuda: SuperFuse has no GPU path yet and this build ships libtorch-cpu (no CUDA backend); expected --device cpu");
        }
        throw new UserInputException($"--device '{device}' is not valid; expected cpu or cuda");
    }

    /// <summary>
    /// Once a model memorises a small training set its gradients go denormal and GEMMs slow down about 5×.
    /// The flag lives in the calling thread's MXCSR (threads created later inherit it), so the trainer calls this on
    /// the thread that drives libtorch too.
    /// </summary>
    public static void FlushDenormalsOnThisThread()
    {
        if (RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86)
        {
            _ = SetFlushDenormal(true);
        }
    }

    // at::Context::setFlushDenormal(bool) is a static member, so it takes the flag as its only argument.
    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at7Context16setFlushDenormalEb")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool SetFlushDenormal([MarshalAs(UnmanagedType.U1)] bool on);
}
