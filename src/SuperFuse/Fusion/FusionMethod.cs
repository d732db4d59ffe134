using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>
/// A parameter-free way to combine a text vector T and an image vector I into one fused vector (protocol §2).
/// A fusion also computes the model's first layer, Linear(D, H), on its fused vector, so a fusion with a huge D
/// (tensor) can do so without materialising the fused batch.
/// </summary>
public abstract class FusionMethod
{
    /// <summary>Registry name, e.g. <c>concat</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One-line formula for help texts and reports.</summary>
    public abstract string Formula { get; }

    /// <summary>Fused width D for the given input widths; throws a <see cref="UserInputException"/> if unsupported.</summary>
    public abstract long OutputDim(int textDim, int imageDim);

    /// <summary>The fused vectors. Text (B, d_t), image (B, d_i) → (B, D).</summary>
    public abstract Tensor Fuse(Tensor text, Tensor image);

    /// <summary>
    /// Linear(D, H) applied to the fused batch: <c>Fuse(T, I) @ weightᵀ + bias</c>, with weight (H, D) and bias (H).
    /// The default materialises the fused batch; fusions with large D override it with an identical formula.
    /// </summary>
    public virtual Tensor FirstLayer(Tensor text, Tensor image, Tensor weight, Tensor bias)
    {
        using var fused = Fuse(text, image);
        return nn.functional.linear(fused, weight, bias);
    }

    /// <summary>
    /// The learnable part of a fusion (registered in the model as <c>fuse.*</c>), or null for the parameter-free
    /// fusions of the paper. A fusion with a module computes its fused vector with it instead of <see cref="Fuse"/>.
    /// </summary>
    public virtual nn.Module<Tensor, Tensor, Tensor>? CreateModule(int textDim, int imageDim) => null;

    /// <summary>
    /// For fusions whose fused vector is the outer product of two factors (tensor: T and I; tfn: [1;T] and [1;I]), the
    /// factors, so a trainer can compute the first layer as two GEMMs; null for the others.
    /// </summary>
    public virtual (Tensor Left, Tensor Right)? BilinearFactors(Tensor text, Tensor image) => null;

    /// <summary>True when <see cref="BilinearFactors"/> gives factors.</summary>
    public virtual bool IsBilinear => false;

    /// <summary>How the fused vector depends on T and I (<see cref="FusionAlgebra.Other"/> unless a fusion says so).</summary>
    public virtual FusionAlgebra Algebra => FusionAlgebra.Other;

    /// <summary>Learnable scalars of the fusion itself (0 for the paper's fusions).</summary>
    public virtual long ParameterCount(int textDim, int imageDim) => 0;

    /// <summary>The common width N of both modalities; a <see cref="UserInputException"/> naming this fusion if they differ.</summary>
    protected int EqualWidth(int textDim, int imageDim) => textDim == imageDim ? textDim
        : throw new UserInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"fusion '{Name}' needs equal text and image dims, got {textDim} and {imageDim}; expected them equal (align first)"));

    /// <summary>Width of the narrower modality: the fused width of the learned fusions.</summary>
    protected static int Narrower(int textDim, int imageDim) => Math.Min(textDim, imageDim);
}
