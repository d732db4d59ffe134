using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>A fusion whose fused vector comes from learned weights (its module); <see cref="Fuse"/> alone cannot compute it.</summary>
public abstract class LearnedFusion : FusionMethod
{
    /// <inheritdoc/>
    public override Tensor Fuse(Tensor text, Tensor image) =>
        throw new InvalidOperationException($"fusion '{Name}' has learned weights; use the model (its module) to fuse");

    /// <inheritdoc/>
    public abstract override nn.Module<Tensor, Tensor, Tensor> CreateModule(int textDim, int imageDim);
}

/// <summary>MLB (Kim et al. 2017, as in Cadene's fusions): F = relu(W₀T) ⊙ relu(W₁I), width N = min(d_t, d_i).</summary>
public sealed class MlbFusion : LearnedFusion
{
    /// <inheritdoc/>
    public override string Name => "mlb";

    /// <inheritdoc/>
    public override string Formula => "F = relu(W₀T + b₀) ⊙ relu(W₁I + b₁)";

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => Narrower(textDim, imageDim);

    /// <inheritdoc/>
    public override nn.Module<Tensor, Tensor, Tensor> CreateModule(int textDim, int imageDim) => new Module(textDim, imageDim, Narrower(textDim, imageDim));

    /// <inheritdoc/>
    public override long ParameterCount(int textDim, int imageDim) => (textDim + imageDim + 2L) * Narrower(textDim, imageDim);

    private sealed class Module : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly Linear text, image;

        public Module(int t, int i, int width) : base("mlb")
        {
            text = nn.Linear(t, width);
            image = nn.Linear(i, width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor t, Tensor i)
        {
            using var scope = NewDisposeScope();
            return (nn.functional.relu(text.forward(t)) * nn.functional.relu(image.forward(i))).MoveToOuterDisposeScope();
        }
    }
}

/// <summary>
/// Gated multimodal unit (Arevalo et al. 2017): h_t = tanh(W_t T), h_i = tanh(W_i I), z = σ(W_z[T; I]),
/// F = z ⊙ h_t + (1 − z) ⊙ h_i, width N = min(d_t, d_i).
/// </summary>
public sealed class GatedFusion : LearnedFusion
{
    /// <inheritdoc/>
    public override string Name => "gated";

    /// <inheritdoc/>
    public override string Formula => "F = z⊙tanh(W_tT) + (1−z)⊙tanh(W_iI), z = σ(W_z[T; I])";

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => Narrower(textDim, imageDim);

    /// <inheritdoc/>
    public override nn.Module<Tensor, Tensor, Tensor> CreateModule(int textDim, int imageDim) => new Module(textDim, imageDim, Narrower(textDim, imageDim));

    /// <inheritdoc/>
    public override long ParameterCount(int textDim, int imageDim) => (2L * (textDim + imageDim) + 3) * Narrower(textDim, imageDim);

    private sealed class Module : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly Linear text, image, gate;

        public Module(int t, int i, int width) : base("gated")
        {
            text = nn.Linear(t, width);
            image = nn.Linear(i, width);
            gate = nn.Linear(t + i, width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor t, Tensor i)
        {
            using var scope = NewDisposeScope();
            var z = nn.functional.sigmoid(gate.forward(cat([t, i], 1)));
            // z⊙h_t + (1−z)⊙h_i written as lerp(h_i, h_t, z): no implicit scalars (docs/protocol.md, TorchSharp GC race).
            return lerp(nn.functional.tanh(image.forward(i)), nn.functional.tanh(text.forward(t)), z).MoveToOuterDisposeScope();
        }
    }
}

/// <summary>
/// Low-rank multimodal fusion (Liu et al. 2018), rank r: with 1 appended to each modality,
/// F = Σ_{k &lt; r} ([T; 1] W_t⁽ᵏ⁾) ⊙ ([I; 1] W_i⁽ᵏ⁾), width N = min(d_t, d_i). It equals a tensor fusion of the
/// 1-extended vectors followed by a rank-r weight, without forming the outer product.
/// </summary>
public sealed class LmfFusion(int rank) : LearnedFusion
{
    /// <summary>Default rank.</summary>
    public const int DefaultRank = 4;

    /// <summary>Rank r.</summary>
    public int Rank { get; } = rank >= 1 ? rank : throw new UserInputException($"fusion 'lmf:{rank}' is not valid; expected lmf:r with r ≥ 1");

    /// <inheritdoc/>
    public override string Name => Rank == DefaultRank ? "lmf" : $"lmf:{Rank}";

    /// <inheritdoc/>
    public override string Formula => "F = Σ_k ([T;1]W_t⁽ᵏ⁾) ⊙ ([I;1]W_i⁽ᵏ⁾)";

    /// <inheritdoc/>
    public override long OutputDim(int textDim, int imageDim) => Narrower(textDim, imageDim);

    /// <inheritdoc/>
    public override nn.Module<Tensor, Tensor, Tensor> CreateModule(int textDim, int imageDim) => new Module(textDim, imageDim, Narrower(textDim, imageDim), Rank);

    /// <inheritdoc/>
    public override long ParameterCount(int textDim, int imageDim) => (long)Rank * (textDim + imageDim + 2) * Narrower(textDim, imageDim);

    private sealed class Module : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly Parameter textFactors, imageFactors;

        public Module(int t, int i, int width, int rank) : base("lmf")
        {
            // Xavier-normal factors, as in the original implementation, from libtorch's seeded global generator.
            textFactors = nn.Parameter(nn.init.xavier_normal_(empty(rank, t + 1, width)));
            imageFactors = nn.Parameter(nn.init.xavier_normal_(empty(rank, i + 1, width)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor t, Tensor i)
        {
            using var scope = NewDisposeScope();
            var ones = torch.ones(t.shape[0], 1, dtype: t.dtype);
            var ft = cat([t, ones], 1).matmul(textFactors);   // (r, B, width)
            var fi = cat([i, ones], 1).matmul(imageFactors);
            return (ft * fi).sum(dim: 0).MoveToOuterDisposeScope();
        }
    }
}
