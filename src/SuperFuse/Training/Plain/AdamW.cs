using SuperFuse.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Training.Plain;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter), the same update as <c>torch.optim.AdamW</c>:
/// p ← p·(1 − lr·wd); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
/// Every scalar argument is an explicit <see cref="Scalar"/> kept alive until its native call returns (see
/// <see cref="Scalars"/>): TorchSharp 0.107's own AdamW passes implicit scalars, and a step intermittently failed in
/// libtorch with "toFloat … Expected false to be true" (seen here on long grids, and at once under GC stress).
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly (Tensor Param, Tensor M, Tensor V)[] slots;
    private readonly TrainOptions options;
    private long step;

    /// <summary>Creates zeroed moment buffers for every parameter.</summary>
    public AdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        using var noGrad = no_grad();
        slots = parameters.Select(p => ((Tensor)p, zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope())).ToArray();
    }

    /// <summary>Clears the gradients.</summary>
    public void ZeroGrad()
    {
        foreach (var (p, _, _) in slots)
        {
            using var g = p.grad;
            g?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        step++;
        var (beta1, beta2) = options.Betas;
        double lr = options.LearningRate;
        double correction1 = 1 - Math.Pow(beta1, step);
        double correction2 = Math.Sqrt(1 - Math.Pow(beta2, step));
        using var noGrad = no_grad();
        using var decay = (1 - (lr * options.WeightDecay)).ToScalar();
        using var b1 = beta1.ToScalar();
        using var oneMinusB1 = (1 - beta1).ToScalar();
        using var b2 = beta2.ToScalar();
        using var oneMinusB2 = (1 - beta2).ToScalar();
        using var c2 = correction2.ToScalar();
        using var eps = options.Epsilon.ToScalar();
        using var stepSize = (-lr / correction1).ToScalar();
        foreach (var (p, m, v) in slots)
        {
            using var g = p.grad;
            if (g is null) continue;
            if (options.WeightDecay != 0) p.mul_(decay);
            m.mul_(b1).add_(g, oneMinusB1);
            v.mul_(b2).addcmul_(g, g, oneMinusB2);
            using var root = v.sqrt();
            root.div_(c2).add_(eps, Scalars.One);
            p.addcdiv_(m, root, stepSize);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, m, v) in slots)
        {
            m.Dispose();
            v.Dispose();
        }
    }
}
