using SuperFuse.Fusion;
using SuperFuse.Robustness;
using SuperFuse.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.FastTraining;

/// <summary>
/// The noise sweep of K stacked models without fusing a corrupted input per condition × α. Both noise modes move an
/// input along a fixed direction, x' = x + α·a (additive: a = n; mix: a = n − x), so for a fusion that is linear or
/// bilinear in (T, I) (<see cref="FusionAlgebra"/>) the first layer expands exactly in powers of α:
/// W·F(T', I') = P + α·(A_text + A_image) + α²·Q, with P = W·F(T, I); A_text = W·F(a, I) when bilinear, W·F(a, 0)
/// when linear; A_image likewise with the image direction b; Q = W·F(a, b), bilinear only. A condition keeps the terms
/// of the modalities it corrupts. So a sweep of 3 conditions × L levels costs three or four forward GEMMs instead of
/// 3·L; the result equals fusing each corrupted input up to float rounding.
/// </summary>
internal sealed class NoiseExpansion : IDisposable
{
    private readonly StackedWeights weights;
    private readonly Tensor clean, text, image;
    private readonly Tensor? cross;

    private NoiseExpansion(StackedWeights weights, Tensor clean, Tensor text, Tensor image, Tensor? cross)
    {
        this.weights = weights;
        this.clean = clean;
        this.text = text;
        this.image = image;
        this.cross = cross;
    }

    /// <summary>The expansion for <paramref name="fusion"/>, or null when its algebra is <see cref="FusionAlgebra.Other"/>.</summary>
    public static NoiseExpansion? TryCreate(FusionMethod fusion, StackedWeights weights, PairedTensors test, NoiseDraws draws, NoiseMode mode)
    {
        if (fusion.Algebra == FusionAlgebra.Other) return null;
        bool bilinear = fusion.Algebra == FusionAlgebra.Bilinear;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var a = Direction(test.Text, draws.Text, mode);
        var b = Direction(test.Image, draws.Image, mode);
        var p = Term(fusion, weights, test.Text, test.Image);
        var at = Term(fusion, weights, a, bilinear ? test.Image : zeros_like(test.Image));
        var ai = Term(fusion, weights, bilinear ? test.Text : zeros_like(test.Text), b);
        var q = bilinear ? Term(fusion, weights, a, b).MoveToOuterDisposeScope() : null;
        return new NoiseExpansion(weights, p.MoveToOuterDisposeScope(), at.MoveToOuterDisposeScope(), ai.MoveToOuterDisposeScope(), q);
    }

    /// <summary>Softmax probabilities (rows × C, row-major) of every seed with <paramref name="condition"/>'s inputs at <paramref name="alpha"/>.</summary>
    public float[][] Probabilities(NoiseCondition condition, double alpha)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var a = alpha.ToScalar();
        using var squared = (alpha * alpha).ToScalar();
        var z = clean.clone();
        if (condition != NoiseCondition.Image) z.add_(text, a);
        if (condition != NoiseCondition.Text) z.add_(image, a);
        if (condition == NoiseCondition.Both && cross is not null) z.add_(cross, squared);
        z.add_(weights.B1(weights.Values).unsqueeze(1));
        var p = StackedHead.Logits(weights, z).softmax(2);
        var probabilities = Enumerable.Range(0, weights.Seeds).Select(_ => new float[p.shape[1] * p.shape[2]]).ToArray();
        StackedScorer.CopyPerSeed(p, probabilities, 0);
        return probabilities;
    }

    public void Dispose()
    {
        clean.Dispose();
        text.Dispose();
        image.Dispose();
        cross?.Dispose();
    }

    // x' = x + α·a: additive noise moves along the draw n, mix along n − x.
    private static Tensor Direction(Tensor clean, Tensor draw, NoiseMode mode) =>
        mode == NoiseMode.Additive ? draw.alias() : draw.sub(clean);

    private static Tensor Term(FusionMethod fusion, StackedWeights weights, Tensor text, Tensor image)
    {
        using var fused = fusion.Fuse(text, image);
        return FusedRowsLayer.Products(weights, fused);
    }
}
