using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.FastTraining;

/// <summary>
/// The first layer of tensor-like fusions, F = vec(L ⊗ R), for one seed without materialising F (SPEC §2):
/// forward V = R·Wᵀ with W viewed as (H·n, m), then h_k = Σ_a V_{k,a} L_a; backward dW = (dh ⊗ L)ᵀ·R written in
/// place into the gradient buffer. Two GEMM-sized steps each way.
/// </summary>
/// <param name="left">Left factors of every data row (N, n); owned by the caller.</param>
/// <param name="right">Right factors (N, m); owned by the caller.</param>
internal sealed class BilinearLayer(Tensor left, Tensor right) : IFirstLayer
{
    private Tensor? l, r;

    public Tensor Forward(StackedWeights weights, Tensor rows, int batch)
    {
        Require(weights);
        l = left.index_select(0, rows);
        r = right.index_select(0, rows);
        using var h = Hidden(weights, l, r);
        return h.unsqueeze(0);
    }

    public void Backward(StackedWeights weights, Tensor hiddenGradient)
    {
        var (x, y) = (l ?? throw new InvalidOperationException("Backward before Forward"), r!);
        long batch = x.shape[0], n = x.shape[1], m = y.shape[1];
        using var dh = hiddenGradient.squeeze(0);
        using var dhs = dh.unsqueeze(2);
        using var xs = x.unsqueeze(1);
        using var dv = dhs.mul(xs);
        using var dvFlat = dv.view(batch, weights.Hidden * n);
        using var dvt = dvFlat.t();
        using var gw = weights.W1(weights.Gradients);
        using var gw0 = gw[0];
        using var gView = gw0.view(weights.Hidden * n, m);
        gView.addmm_(dvt, y, 0, 1);
        using var gb = weights.B1(weights.Gradients);
        using var db = dh.sum(0, true);
        gb.copy_(db);
        (l, r) = (null, null);
    }

    public Tensor Evaluate(StackedWeights weights, Tensor rows)
    {
        Require(weights);
        using var x = left.index_select(0, rows);
        using var y = right.index_select(0, rows);
        using var h = Hidden(weights, x, y);
        return h.unsqueeze(0);
    }

    private static Tensor Hidden(StackedWeights weights, Tensor x, Tensor y)
    {
        long batch = x.shape[0], n = x.shape[1], m = y.shape[1];
        using var w1 = weights.W1(weights.Values);
        using var w0 = w1[0];
        using var w = w0.view(weights.Hidden * n, m);
        using var wt = w.t();
        using var v = y.matmul(wt);
        using var perUnit = v.view(batch, weights.Hidden, n);
        using var xs = x.unsqueeze(2);
        using var hs = perUnit.bmm(xs);
        using var b1 = weights.B1(weights.Values);
        using var b0 = b1[0];
        return hs.squeeze(2).add_(b0, Scalars.One);
    }

    private static void Require(StackedWeights weights)
    {
        if (weights.Seeds != 1) throw new InvalidOperationException("the bilinear layer trains one seed at a time");
    }
}
