using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SuperFuse.Fusion;
using SuperFuse.Runtime;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using static TorchSharp.torch;

namespace SuperFuse.Robustness;

/// <summary>
/// The noise sweep of K stacked models without fusing a corrupted input per condition × α. Both noise modes move an
/// input along a fixed direction, x' = x + α·a (additive: a = n; mix: a = n − x), so for a fusion that is linear or
/// bilinear in (T, I) (<see cref="FusionAlgebra"/>) the first layer expands exactly in powers of α:
/// W·F(T', I') = P + α·(A_text + A_image) + α²·Q, with P = W·F(T, I); A_text = W·F(a, I) when bilinear, W·F(a, 0)
/// when linear; A_image likewise with the image direction b; Q = W·F(a, b), bilinear only. A condition keeps the terms
/// of the modalities it corrupts. So a sweep of 3 conditions × L levels costs three or four forward GEMMs instead of
/// 3·L; the result equals fusing each corrupted input up to float rounding. The terms are native (K, n, H) tensors,
/// freed by <see cref="Dispose"/>, so a sweep leaves no garbage the size of the test split behind.
/// </summary>
internal sealed class NoiseExpansion : IDisposable
{
    private readonly StackedWeights weights;
    private readonly Tensor clean, text, image;
    private readonly Tensor? cross;
    private readonly int rows;

    private NoiseExpansion(StackedWeights weights, int rows, Tensor clean, Tensor text, Tensor image, Tensor? cross)
    {
        this.weights = weights;
        this.rows = rows;
        this.clean = clean;
        this.text = text;
        this.image = image;
        this.cross = cross;
    }

    /// <summary>
    /// The expansion for <paramref name="fusion"/>: over its bilinear factors for a tensor-like fusion, by its algebra
    /// otherwise; null when it has neither.
    /// </summary>
    public static NoiseExpansion? TryCreate(FusionMethod fusion, StackedWeights weights, PairedTensors test, NoiseDraws draws, NoiseMode mode)
    {
        if (fusion.IsBilinear) return Factored(fusion, weights, test, draws, mode);
        if (fusion.Algebra == FusionAlgebra.Other) return null;
        bool bilinear = fusion.Algebra == FusionAlgebra.Bilinear;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var a = Direction(test.Text, draws.Text, mode);
        var b = Direction(test.Image, draws.Image, mode);
        var p = Term(fusion, weights, test, test.Text, test.Image);
        var at = Term(fusion, weights, test, a, bilinear ? test.Image : null);
        var ai = Term(fusion, weights, test, bilinear ? test.Text : null, b);
        var q = bilinear ? Term(fusion, weights, test, a, b) : null;
        return Kept(new NoiseExpansion(weights, checked((int)test.Count), p, at, ai, q));
    }

    /// <summary>
    /// A tensor-like fusion is W·vec(L ⊗ R) with factors L, R affine in T and I (tensor: T, I; TFN: [1;T], [1;I]), so
    /// L(T + α·a) = L + α·ΔL with ΔL = L(a) − L(0), exact for such factors; the terms are bilinear forms on the factors.
    /// </summary>
    private static NoiseExpansion Factored(FusionMethod fusion, StackedWeights weights, PairedTensors test, NoiseDraws draws, NoiseMode mode)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var a = Direction(test.Text, draws.Text, mode);
        var b = Direction(test.Image, draws.Image, mode);
        var (l, r) = Factors(fusion, test.Text, test.Image);
        var (la, rb) = Factors(fusion, a, b);
        var (l0, r0) = Factors(fusion, zeros_like(a), zeros_like(b));
        var (dl, dr) = (la - l0, rb - r0);
        return Kept(new NoiseExpansion(weights, checked((int)test.Count), BilinearTerm(weights, l, r), BilinearTerm(weights, dl, r),
            BilinearTerm(weights, l, dr), BilinearTerm(weights, dl, dr)));
    }

    // The terms outlive the dispose scope they were made in.
    private static NoiseExpansion Kept(NoiseExpansion expansion)
    {
        foreach (var term in expansion.Terms) term.DetachFromDisposeScope();
        return expansion;
    }

    private IEnumerable<Tensor> Terms => cross is null ? [clean, text, image] : [clean, text, image, cross];

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var term in Terms) term.Dispose();
    }

    private static (Tensor Left, Tensor Right) Factors(FusionMethod fusion, Tensor text, Tensor image) =>
        fusion.BilinearFactors(text, image) ?? throw new InvalidOperationException($"fusion '{fusion.Name}' has no bilinear factors");

    /// <summary>Softmax probabilities (rows × C, row-major) of every seed with <paramref name="condition"/>'s inputs at <paramref name="alpha"/>.</summary>
    public float[][] Probabilities(NoiseCondition condition, double alpha) => Probabilities(condition, alpha, NewOutput());

    /// <summary>
    /// <see cref="Probabilities(NoiseCondition, double)"/> written into <paramref name="result"/> (from <see cref="NewOutput"/>),
    /// which a sweep that measures each level before the next reuses instead of leaving arrays of the test split behind.
    /// </summary>
    public float[][] Probabilities(NoiseCondition condition, double alpha, float[][] result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int hidden = weights.Hidden, classes = weights.Classes;
        float x = (float)alpha, xx = (float)(alpha * alpha);
        float xt = condition == NoiseCondition.Image ? 0 : x, xi = condition == NoiseCondition.Text ? 0 : x;
        float xq = condition == NoiseCondition.Both && cross is not null ? xx : 0;
        Parallel.For(0, weights.Seeds, TorchRuntime.LoopOptions, k => Score(k, xt, xi, xq, result[k], hidden, classes));
        return result;
    }

    /// <summary>Arrays for every seed's probabilities (rows × C).</summary>
    public float[][] NewOutput() => Enumerable.Range(0, weights.Seeds).Select(_ => new float[(long)rows * weights.Classes]).ToArray();

    // h = P + α_t·A_text + α_i·A_image + α_q·Q for seed k's rows (a term the condition lacks gets factor 0), then the head.
    private unsafe void Score(int k, float xt, float xi, float xq, float[] into, int hidden, int classes)
    {
        var p = new SeedPointers(weights, k);
        var h = new float[hidden];
        var a = new float[hidden];
        long first = (long)k * rows * hidden;
        float* c0 = NativeBuffer.Floats(clean), t0 = NativeBuffer.Floats(text), i0 = NativeBuffer.Floats(image);
        float* q0 = NativeBuffer.Floats(cross ?? clean);
        fixed (float* hp = h, ap = a, outp = into)
        {
            for (int r = 0; r < rows; r++)
            {
                long at = first + ((long)r * hidden);
                Combine(hp, c0 + at, t0 + at, i0 + at, q0 + at, xt, xi, xq, hidden);
                HeadKernel.Probabilities(hp, ap, p, hidden, classes, outp + ((long)r * classes));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Combine(float* h, float* p, float* t, float* i, float* q, float xt, float xi, float xq, int n)
    {
        Vector256<float> vt = Vector256.Create(xt), vi = Vector256.Create(xi), vq = Vector256.Create(xq);
        int j = 0;
        for (; j + 8 <= n; j += 8)
        {
            var z = Vector256.Load(p + j) + (vt * Vector256.Load(t + j)) + (vi * Vector256.Load(i + j)) + (vq * Vector256.Load(q + j));
            z.Store(h + j);
        }
        for (; j < n; j++) h[j] = p[j] + (xt * t[j]) + (xi * i[j]) + (xq * q[j]);
    }

    // x' = x + α·a: additive noise moves along the draw n, mix along n − x.
    private static Tensor Direction(Tensor clean, Tensor draw, NoiseMode mode) =>
        mode == NoiseMode.Additive ? draw.alias() : draw.sub(clean);

    // W·vec(L ⊗ R) of every seed without the bias, seed-major (K, n, H), in chunks of rows so that the (rows, H·n)
    // intermediate stays small.
    private static Tensor BilinearTerm(StackedWeights weights, Tensor left, Tensor right)
    {
        long rows = left.shape[0];
        var into = empty([weights.Seeds, rows, weights.Hidden]);
        using var w1 = weights.W1(weights.Values);
        using var noBias = zeros(weights.Hidden);
        for (int k = 0; k < weights.Seeds; k++)
        {
            using var w = w1[k];
            for (long from = 0; from < rows; from += TermChunk)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(TermChunk, rows - from);
                var h = OuterProduct.Bilinear(left.narrow(0, from, count), right.narrow(0, from, count), w, noBias);
                into[k].narrow(0, from, count).copy_(h);
            }
        }
        return into;
    }

    private const long TermChunk = 256;

    // W·F(text, image) of every seed without the bias, seed-major (K, n, H); a null input stands for zeros of its
    // modality's width. Fused in chunks of rows, the size the stacked scorer evaluates in, so the whole split is never
    // fused at once.
    private static Tensor Term(FusionMethod fusion, StackedWeights weights, PairedTensors test, Tensor? text, Tensor? image)
    {
        long rows = test.Count;
        var into = empty([weights.Seeds, rows, weights.Hidden]);
        for (long from = 0; from < rows; from += FusedChunk)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(FusedChunk, rows - from);
            var t = text?.narrow(0, from, count) ?? zeros(count, test.Text.shape[1]);
            var i = image?.narrow(0, from, count) ?? zeros(count, test.Image.shape[1]);
            var products = FusedRowsLayer.Products(weights, fusion.Fuse(t, i));
            into.narrow(1, from, count).copy_(products);
        }
        return into;
    }

    private const long FusedChunk = StackedScorer.ChunkRows;
}
