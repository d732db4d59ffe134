using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SuperFuse.Training.Stacked.Kernels;

/// <summary>
/// Whether the training kernels use 512-bit vectors (AVX-512) where the CPU has them. The wide kernels compute every
/// element with the same sequence of float operations as the 256-bit ones (two 8-lane halves of one register, or more
/// columns per instruction), so the choice changes speed, not bits; tests set it to compare the two.
/// </summary>
internal static class WideVectors
{
    private static bool enabled = Supported;

    /// <summary>Whether this CPU and runtime run 512-bit vectors in hardware.</summary>
    public static bool Supported => Avx512F.IsSupported && Avx512DQ.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Whether the kernels use them now (never where they are not <see cref="Supported"/>).</summary>
    public static bool Enabled
    {
        get => enabled;
        set => enabled = value && Supported;
    }
}
