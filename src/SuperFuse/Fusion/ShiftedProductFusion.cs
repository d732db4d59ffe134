using System.Globalization;
using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>
/// The complexity dial <c>product:k</c>: k element-wise passes, pass p pairing T_j with I_{(j+p) mod N}:
/// F_{pN+j} = T_j · I_{(j+p) mod N}, width kN. k = 1 is the plain element-wise product; k = N holds every product
/// T_j·I_m once, i.e. the tensor fusion's features in another order. (The paper's <c>product</c> is a different
/// second pass, with I reversed.)
/// </summary>
public sealed class ShiftedProductFusion(int passes) : FusionMethod
{
    /// <summary>Number of passes k.</summary>
    public int Passes { get; } = passes >= 1 ? passes
        : throw new UserInputException($"fusion 'product:{passes}' is not valid; expected product:k with k ≥ 1");

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"product:{Passes}");

    /// <inheritdoc/>
    public override string Formula => "F_{pN+j} = T_j·I_{(j+p) mod N}, p < k";

    /// <inheritdoc/>
    public override FusionAlgebra Algebra => FusionAlgebra.Bilinear;

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim)
    {
        EqualWidth(textDim, imageDim);
        if (Passes > textDim) throw new UserInputException($"fusion '{Name}' has more passes than the width {textDim}; expected k ≤ N");
        return (long)Passes * textDim;
    }

    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(image);
        using var scope = NewDisposeScope();
        // One gather instead of k rolls: column pN + j of the gathered image is I_{(j+p) mod N}.
        long n = text.shape[1];
        var columns = Enumerable.Range(0, Passes).SelectMany(p => Enumerable.Range(0, (int)n).Select(j => (j + p) % n)).ToArray();
        var shifted = image.index_select(1, tensor(columns, device: image.device));
        return (text.repeat(1, Passes) * shifted).MoveToOuterDisposeScope();
    }
}
