using SuperFuse.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// ReLU → Linear(H, C) → cross-entropy of K stacked models, forward and hand-written backward. Each seed's loss is the
/// mean over its own batch, so seed k's gradients are exactly those of training it alone.
/// </summary>
internal static class StackedHead
{
    /// <summary>Logits (K, B, C) from first-layer outputs h (K, B, H).</summary>
    public static Tensor Logits(StackedWeights weights, Tensor hidden)
    {
        using var a = hidden.relu();
        return Output(weights, a);
    }

    /// <summary>
    /// Per-seed mean losses (K) for labels (K, B); writes the gradients of W2 and b2 and returns dL/dh (K, B, H).
    /// </summary>
    public static (Tensor Loss, Tensor HiddenGradient) Backward(StackedWeights weights, Tensor hidden, Tensor labels)
    {
        long batch = hidden.shape[1];
        using var a = hidden.relu();
        using var z = Output(weights, a);
        using var logp = z.log_softmax(2);
        using var y = labels.unsqueeze(2);
        using var picked = logp.gather(2, y);
        using var meanPicked = picked.squeeze(2).mean([1L]);
        var loss = meanPicked.neg();
        using var minusOne = full(y.shape, -1f);
        using var scale = (1.0 / batch).ToScalar();
        using var dz = logp.exp();
        dz.scatter_add_(2, y, minusOne).mul_(scale);
        using var gw2 = weights.W2(weights.Gradients);
        using var dzt = dz.transpose(1, 2);
        using var dw2 = dzt.bmm(a);
        gw2.copy_(dw2);
        using var gb2 = weights.B2(weights.Gradients);
        using var db2 = dz.sum(1, false);
        gb2.copy_(db2);
        using var w2 = weights.W2(weights.Values);
        using var active = hidden.gt(Scalars.Zero);
        var dh = dz.bmm(w2).mul_(active);
        return (loss, dh);
    }

    private static Tensor Output(StackedWeights weights, Tensor activations)
    {
        using var w2 = weights.W2(weights.Values);
        using var w2t = w2.transpose(1, 2);
        using var b2 = weights.B2(weights.Values);
        using var bias = b2.unsqueeze(1);
        return activations.bmm(w2t).add_(bias, Scalars.One);
    }
}
