using System.Numerics;
using System.Runtime.Intrinsics;
using SuperFuse.Runtime;

namespace SuperFuse.Training.Stacked.Kernels;

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
    /// B must be one that <see cref="Applies"/>. Each unit's Vᵀ_k is read once, row after row, with the four levels
    /// of up to <see cref="Block"/> rows' sums in a small buffer.
    /// </summary>
    public static unsafe void Write(float* vt, float* leftT, float* bias, float* h, int hidden, int n, int batch)
    {
        if (!Applies(batch)) throw new ArgumentOutOfRangeException(nameof(batch), $"{batch} rows; expected a multiple of 32");
        nint v0 = (nint)vt, l0 = (nint)leftT, b0 = (nint)bias, h0 = (nint)h;
        Parallel.For(0, hidden, TorchRuntime.LoopOptions, k =>
        {
            float* sums = stackalloc float[Levels * Block];
            for (int from = 0; from < batch; from += Block)
            {
                var p = new Plane((float*)v0 + ((long)k * n * batch) + from, (float*)l0 + from, n, batch, Math.Min(Block, batch - from));
                Cascade(p, sums);
                Store(sums, p.Width, ((float*)b0)[k], (float*)h0 + ((long)from * hidden) + k, hidden);
            }
        });
    }

    /// <summary>Rows summed together per pass over a unit's Vᵀ_k: four levels of them fill 4 KB.</summary>
    private const int Block = 256;

    /// <summary>Columns [from, from + Width) of one unit's Vᵀ_k (n, B) and of Lᵀ (n, B); rows B floats apart.</summary>
    private readonly unsafe struct Plane(float* v, float* l, int n, int stride, int width)
    {
        public readonly float* V = v, L = l;
        public readonly int N = n, Stride = stride, Width = width;
    }

    /// <summary>libtorch's level power: max(4, ⌈log₂ n⌉ / 4), with ⌈log₂ n⌉ taken as 1 for n ≤ 2.</summary>
    internal static int LevelPower(int n) => Math.Max(4, (n <= 2 ? 1 : 32 - BitOperations.LeadingZeroCount((uint)(n - 1))) / Levels);

    /// <summary>The cascade over a = 0 … n − 1 for every column of the plane; leaves ((acc₀ + acc₁) + acc₂) + acc₃ in level 0.</summary>
    private static unsafe void Cascade(Plane p, float* sums)
    {
        new Span<float>(sums, Levels * Block).Clear();
        float* a0 = sums, a1 = sums + Block, a2 = sums + (2 * Block), a3 = sums + (3 * Block);
        int power = LevelPower(p.N), step = 1 << power, a = 0;
        long mask = step - 1;
        for (; a + step <= p.N;)
        {
            for (int j = 0; j < step; j++, a++) AddProducts(a0, p, a);
            Carry(a1, a0, p.Width);
            if ((a & (mask << power)) != 0) continue;
            Carry(a2, a1, p.Width);
            if ((a & (mask << (2 * power))) != 0) continue;
            Carry(a3, a2, p.Width);
        }
        for (; a < p.N; a++) AddProducts(a0, p, a);
        Add(a0, a1, p.Width);
        Add(a0, a2, p.Width);
        Add(a0, a3, p.Width);
    }

    /// <summary>acc += Vᵀ_k[a, ·] ∘ Lᵀ[a, ·], each product rounded before it is added.</summary>
    private static unsafe void AddProducts(float* acc, Plane p, int a)
    {
        float* v = p.V + ((long)a * p.Stride), l = p.L + ((long)a * p.Stride);
        for (int i = 0; i < p.Width; i += Vector256<float>.Count)
        {
            Vector256.Store(Vector256.Load(acc + i) + (Vector256.Load(v + i) * Vector256.Load(l + i)), acc + i);
        }
    }

    /// <summary>upper += lower; lower = 0.</summary>
    private static unsafe void Carry(float* upper, float* lower, int width)
    {
        Add(upper, lower, width);
        new Span<float>(lower, width).Clear();
    }

    private static unsafe void Add(float* to, float* from, int width)
    {
        for (int i = 0; i < width; i += Vector256<float>.Count)
        {
            Vector256.Store(Vector256.Load(to + i) + Vector256.Load(from + i), to + i);
        }
    }

    /// <summary>h[b, k] = (0 + sum_b) + bias, as libtorch adds the sum to a zeroed output and then the bias.</summary>
    private static unsafe void Store(float* sums, int width, float bias, float* target, int hidden)
    {
        for (int i = 0; i < width; i++) target[(long)i * hidden] = (0f + sums[i]) + bias;
    }
}
