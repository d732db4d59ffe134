using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>Sum: F = T + I, width N (equal widths required).</summary>
public sealed class SumFusion : FusionMethod
{
    /// <inheritdoc/>
    public override string Name => "sum";

    /// <inheritdoc/>
    public override string Formula => "F = T + I";

    /// <inheritdoc/>
    public override FusionAlgebra Algebra => FusionAlgebra.Linear;

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => EqualWidth(textDim, imageDim);

    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.add(image, Runtime.Scalars.One);
    }
}
