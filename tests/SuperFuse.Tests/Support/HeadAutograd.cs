using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Support;

/// <summary>
/// libtorch's autograd on the standard head, Linear(D, H) → ReLU → Linear(H, C) → cross-entropy, as the reference the
/// hand-written training steps are checked against.
/// </summary>
internal static class HeadAutograd
{
    /// <summary>Mean loss and the gradients of W1, b1, W2, b2 of seed <paramref name="seed"/> on fused rows (B, D).</summary>
    public static (double Loss, Tensor[] Grads) LossAndGradients(StackedWeights w, int seed, Tensor fused, long[] classes)
    {
        var parts = new[] { w.W1(w.Values)[seed], w.B1(w.Values)[seed], w.W2(w.Values)[seed], w.B2(w.Values)[seed] }
            .Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        using var y = tensor(classes);
        using var h = nn.functional.relu(fused.matmul(parts[0].t()) + parts[1]);
        using var z = h.matmul(parts[2].t()) + parts[3];
        using var loss = nn.functional.cross_entropy(z, y);
        loss.backward();
        return (loss.item<float>(), parts.Select(p => p.grad!).ToArray());
    }
}
