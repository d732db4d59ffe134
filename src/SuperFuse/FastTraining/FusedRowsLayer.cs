using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.FastTraining;

/// <summary>
/// The first layer on fused vectors computed once for the whole data set (the paper's fusions have no parameters):
/// each step gathers its rows and runs one batched GEMM per direction over all seeds.
/// </summary>
/// <param name="fused">Fused vectors of every data row (N, D); owned by the caller.</param>
internal sealed class FusedRowsLayer(Tensor fused) : IFirstLayer
{
    private Tensor? inputs;
    private Tensor? buffer;

    public Tensor Forward(StackedWeights weights, long[] rows, int batch)
    {
        int count = weights.Seeds * batch;
        using var gathered = RowGather.Into(fused, rows, count, ref buffer);
        inputs = gathered.view(weights.Seeds, batch, weights.InputDim);
        using var w1 = weights.W1(weights.Values);
        using var b1 = weights.B1(weights.Values);
        using var w1t = w1.transpose(1, 2);
        using var bias = b1.unsqueeze(1);
        return inputs.bmm(w1t).add_(bias, Scalars.One);
    }

    public void Backward(StackedWeights weights, Tensor hiddenGradient)
    {
        var x = inputs ?? throw new InvalidOperationException("Backward before Forward");
        using var gw = weights.W1(weights.Gradients);
        using var gb = weights.B1(weights.Gradients);
        using var dht = hiddenGradient.transpose(1, 2);
        using var dw = dht.bmm(x);
        gw.copy_(dw);
        using var db = hiddenGradient.sum(1, false);
        gb.copy_(db);
        inputs = null;
    }

    public void Dispose() => buffer?.Dispose();

    public Tensor Evaluate(StackedWeights weights, Tensor rows)
    {
        long n = rows.shape[0];
        using var x = fused.index_select(0, rows);
        using var w1 = weights.W1(weights.Values);
        using var stacked = w1.reshape(weights.Seeds * weights.Hidden, weights.InputDim);
        using var wt = stacked.t();
        using var h = x.matmul(wt);
        using var perSeed = h.view(n, weights.Seeds, weights.Hidden);
        using var seedMajor = perSeed.permute(1, 0, 2);
        using var b1 = weights.B1(weights.Values);
        using var bias = b1.unsqueeze(1);
        return seedMajor.add(bias, Scalars.One);
    }
}
