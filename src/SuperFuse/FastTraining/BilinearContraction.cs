using System.Numerics;
using System.Runtime.Intrinsics;
using SuperFuse.Runtime;

namespace SuperFuse.FastTraining;

/// <summary>
/// The bilinear layer's contraction h_bk = Σ_a Vᵀ_{k,a,b} L_{b,a} + b_k in one pass over Vᵀ (H, n, B), with the bits of
/// libtorch's <c>Vᵀ.mul_(Lᵀ).sum(1) + b</c>, which made two passes over it (a multiply in place, then a sum).
/// </summary>
/// <remarks>
/// Each product is rounded to float32 before it is added, as the stored product was. libtorch sums a dimension that
/// is not the innermost one (here a, with b contiguous, for B ≥ 2) lane by lane in a cascade (its
/// <c>multi_row_sum</c>): four accumulators; the first takes 2^p terms in order (p = max(4, ⌈log₂ n⌉ / 4)), then is
/// added to the second and cleared, and the second carries on into the third only when the count of terms is a
/// multiple of 2^2p, the third into the fourth at 2^3p; leftover terms go to the first; the result is
/// ((acc₀ + acc₁) + acc₂) + acc₃, added to the zeroed output. libtorch sums rows that way in groups of four vectors
/// (32 rows with its AVX2 kernels, which it runs on the machines measured here); rows past the last whole group it sums
/// in another order (four interleaved cascades), so callers keep libtorch's ops unless B is a multiple of 32
/// (<see cref="Applies"/>). With libtorch's AVX-512 kernels a group is 64 rows, and a batch of 32 or 96 rows would
/// then differ from libtorch's ops in last bits, the same on every run.
/// <c>BilinearContractionTests</c> check every bit against libtorch.
/// </remarks>
internal static class BilinearContraction
{
    private const int Levels = 4;

    /// <summary>Whether this kernel is used for <paramref name="batch"/> rows: B a multiple of 32.</summary>
    public static bool Applies(long batch) => batch > 0 && batch % 32 == 0;

    /// <summary>
    /// Writes h (B, H) from Vᵀ (H, n, B), the left factors transposed, Lᵀ (n, B), and the bias (H), all contiguous;
    /// B must be one that <see cref="Applies"/>.
    /// </summary>
    public static unsafe void Write(float* vt, float* leftT, float* bias, float* h, int hidden, int n, int batch)
    {
        if (!Applies(batch)) throw new ArgumentOutOfRangeException(nameof(batch), $"{batch} rows; expected a multiple of 32");
        int step = 1 << LevelPower(n);
        nint v0 = (nint)vt, l0 = (nint)leftT, b0 = (nint)bias, h0 = (nint)h;
        Parallel.For(0, hidden, TorchRuntime.LoopOptions, k =>
        {
            var p = new Plane((float*)v0 + ((long)k * n * batch), (float*)l0, n, batch, step);
            float* target = (float*)h0 + k;
            float b = ((float*)b0)[k];
            for (int i = 0; i < batch; i += Vector256<float>.Count)
            {
                var sum = Vector256.Add(Vector256<float>.Zero, Lanes(p, i));
                for (int j = 0; j < Vector256<float>.Count; j++) target[(long)(i + j) * hidden] = sum[j] + b;
            }
        });
    }

    /// <summary>One unit's Vᵀ_k (n, B), Lᵀ (n, B), and the cascade's first-level length.</summary>
    private readonly unsafe struct Plane(float* v, float* l, int n, int batch, int step)
    {
        public readonly float* V = v, L = l;
        public readonly int N = n, Batch = batch, Step = step;
    }

    /// <summary>libtorch's level power: max(4, ⌈log₂ n⌉ / 4), with ⌈log₂ n⌉ taken as 1 for n ≤ 2.</summary>
    internal static int LevelPower(int n) => Math.Max(4, (n <= 2 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(n - 1))) / Levels);

    /// <summary>The cascade for eight neighbouring rows b = i … i + 7.</summary>
    private static unsafe Vector256<float> Lanes(Plane p, int i)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        long mask = p.Step - 1;
        int power = BitOperations.Log2((uint)p.Step), a = 0;
        for (; a + p.Step <= p.N;)
        {
            for (int j = 0; j < p.Step; j++, a++) a0 += Product(p, a, i);
            (a1, a0) = (a1 + a0, default);
            if ((a & (mask << power)) != 0) continue;
            (a2, a1) = (a2 + a1, default);
            if ((a & (mask << (2 * power))) != 0) continue;
            (a3, a2) = (a3 + a2, default);
        }
        for (; a < p.N; a++) a0 += Product(p, a, i);
        return ((a0 + a1) + a2) + a3;
    }

    private static unsafe Vector256<float> Product(Plane p, int a, int i)
    {
        long at = ((long)a * p.Batch) + i;
        return Vector256.Load(p.V + at) * Vector256.Load(p.L + at);
    }
}
