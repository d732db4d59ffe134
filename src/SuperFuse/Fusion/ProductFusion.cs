using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>
/// Product fusion (the paper's proposal): F_j = T_j·I_j and F_{N+j} = T_j·I_{N−1−j}, width 2N. The second pass uses
/// the image vector reversed; the paper's "I_{N−j}" is off by one (protocol §2).
/// </summary>
public sealed class ProductFusion : FusionMethod
{
    /// <inheritdoc/>
    public override string Name => "product";

    /// <inheritdoc/>
    public override string Formula => "F_j = T_j·I_j, F_{N+j} = T_j·I_{N−1−j}";

    /// <inheritdoc/>
    public override FusionAlgebra Algebra => FusionAlgebra.Bilinear;

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => 2L * EqualWidth(textDim, imageDim);

    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reversed = image.flip(1);
        using var direct = text * image;
        using var crossed = text * reversed;
        return cat([direct, crossed], 1);
    }
}
