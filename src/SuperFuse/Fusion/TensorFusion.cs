using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>
/// Tensor fusion: F = vec(T ⊗ I), row-major, F_{a·d_i+b} = T_a·I_b, width d_t·d_i.
/// Its first layer is computed as the bilinear form h_k = Σ_ab T_a W_{k,a·d_i+b} I_b without the B × d_t·d_i batch.
/// </summary>
public sealed class TensorFusion : FusionMethod
{
    /// <inheritdoc/>
    public override string Name => "tensor";

    /// <inheritdoc/>
    public override string Formula => "F_{a·d_i+b} = T_a·I_b";

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => (long)textDim * imageDim;

    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image) => OuterProduct.Fuse(text, image);

    /// <inheritdoc/>
    public override bool IsBilinear => true;

    /// <inheritdoc/>
    public override (Tensor Left, Tensor Right)? BilinearFactors(Tensor text, Tensor image) => (text.alias(), image.alias());

    /// <inheritdoc/>
    public override Tensor FirstLayer(Tensor text, Tensor image, Tensor weight, Tensor bias) =>
        OuterProduct.Bilinear(text, image, weight, bias);
}
