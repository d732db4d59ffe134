using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Fusion;

/// <summary>The row-major outer product of two batches and the Linear layer on it, computed as two GEMM-like steps.</summary>
internal static class OuterProduct
{
    /// <summary>(B, n), (B, m) → (B, n·m) with F_{a·m+b} = x_a·y_b.</summary>
    public static Tensor Fuse(Tensor x, Tensor y)
    {
        using var outer = x.unsqueeze(2) * y.unsqueeze(1);
        return outer.reshape(x.shape[0], -1);
    }

    /// <summary>
    /// h_k = Σ_ab x_a W_{k,a·m+b} y_b + bias_k. W (H, n·m) is viewed, without a copy, as (H·n, m): first
    /// V = y Wᵀ gives (B, H·n), then h = Σ_a V_{k,a} x_a. Same maths as Linear on <see cref="Fuse"/>.
    /// </summary>
    public static Tensor Bilinear(Tensor x, Tensor y, Tensor weight, Tensor bias)
    {
        long batch = x.shape[0], n = x.shape[1], m = y.shape[1], hidden = weight.shape[0];
        using var w = weight.view(hidden * n, m);
        using var v = y.matmul(w.t());
        using var perUnit = v.view(batch, hidden, n);
        using var xs = x.unsqueeze(2);
        var h = perUnit.bmm(xs).squeeze(2);
        return h.add_(bias, Scalars.One);
    }
}
