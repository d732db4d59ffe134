using System.Runtime.InteropServices;

namespace SuperFuse.Runtime;

/// <summary>
/// MKL's single-precision GEMM, as libtorch-cpu for x64 links it and exports it (<c>sgemm_</c>), with MKL's per-thread
/// thread count: a caller can run several small GEMMs at once, one on each core, instead of one after another on all
/// cores. libtorch's <c>addmm_</c> on contiguous float tensors ends in the same <c>sgemm_</c> call, so the bits are
/// those of the tensor op whenever MKL does not split the sum (tested for the bilinear layer's shapes).
/// </summary>
internal static unsafe partial class Mkl
{
    private const string Library = "libtorch_cpu";

    /// <summary>Whether libtorch exports both entry points (MKL builds for x64; not, e.g., builds on OpenBLAS).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>
    /// Row-major C (M, N) = op(A) (M, K) · op(B) (K, N), overwriting C: A is (M, K) with row stride lda, or (K, M) read
    /// transposed; likewise B. MKL's column-major call computes Cᵀ = op(B)ᵀ · op(A)ᵀ.
    /// </summary>
    public static void Gemm(bool transposeA, bool transposeB, int rows, int columns, int depth,
        float* a, int lda, float* b, int ldb, float* c, int ldc)
    {
        byte ta = transposeB ? (byte)'T' : (byte)'N', tb = transposeA ? (byte)'T' : (byte)'N';
        float one = 1, zero = 0;
        Sgemm(&ta, &tb, &columns, &rows, &depth, &one, b, &ldb, a, &lda, &zero, c, &ldc);
    }

    /// <summary>
    /// Runs <paramref name="body"/> with MKL's calls on this thread single-threaded, then gives the thread back to the
    /// process-wide count.
    /// </summary>
    public static void OnThisThreadAlone(Action body)
    {
        _ = SetThreadsLocal(1);
        try
        {
            body();
        }
        finally
        {
            _ = SetThreadsLocal(0);
        }
    }

    private static bool Probe()
    {
        return NativeLibrary.TryLoad(Library, typeof(Mkl).Assembly, null, out nint handle)
            && NativeLibrary.TryGetExport(handle, "sgemm_", out _) && NativeLibrary.TryGetExport(handle, "MKL_Set_Num_Threads_Local", out _);
    }

    [LibraryImport(Library, EntryPoint = "sgemm_")]
    private static partial void Sgemm(byte* transposeA, byte* transposeB, int* m, int* n, int* k, float* alpha, float* a, int* lda,
        float* b, int* ldb, float* beta, float* c, int* ldc);

    // The C entry point takes the count by value (the lower-case name is MKL's Fortran one, by reference); 0 restores
    // the global count.
    [LibraryImport(Library, EntryPoint = "MKL_Set_Num_Threads_Local")]
    private static partial int SetThreadsLocal(int threads);
}
