using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>Concatenation: F = [T, I], width d_t + d_i.</summary>
public sealed class ConcatFusion : FusionMethod
{
    /// <inheritdoc/>
    public override string Name => "concat";

    /// <inheritdoc/>
    public override string Formula => "F = [T, I]";

    /// <inheritdoc/>
    public override FusionAlgebra Algebra => FusionAlgebra.Linear;

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => (long)textDim + imageDim;

    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image) => cat([text, image], 1);
}
