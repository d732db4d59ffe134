using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>
/// Tensor Fusion Network (Zadeh et al. 2017): F = vec([1; T] ⊗ [1; I]), width (d_t+1)(d_i+1). The appended 1s keep
/// the unimodal terms T and I (and a constant) beside the bimodal products.
/// </summary>
public sealed class TfnFusion : FusionMethod
{
    /// <inheritdoc/>
    public override string Name => "tfn";

    /// <inheritdoc/>
    public override string Formula => "F = vec([1; T] ⊗ [1; I])";

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => (textDim + 1L) * (imageDim + 1L);

    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image)
    {
        using var t = PrependOne(text);
        using var i = PrependOne(image);
        return OuterProduct.Fuse(t, i);
    }

    /// <inheritdoc/>
    public override Tensor FirstLayer(Tensor text, Tensor image, Tensor weight, Tensor bias)
    {
        using var t = PrependOne(text);
        using var i = PrependOne(image);
        return OuterProduct.Bilinear(t, i, weight, bias);
    }

    /// <inheritdoc/>
    public override bool IsBilinear => true;

    /// <inheritdoc/>
    public override (Tensor Left, Tensor Right)? BilinearFactors(Tensor text, Tensor image) => (PrependOne(text), PrependOne(image));

    private static Tensor PrependOne(Tensor x)
    {
        using var ones = torch.ones(x.shape[0], 1, dtype: x.dtype, device: x.device);
        return cat([ones, x], 1);
    }
}
