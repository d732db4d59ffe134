using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// The first layer on fused vectors computed once for the whole data set (the paper's fusions have no parameters):
/// training steps read each seed's rows in place with <see cref="RowBlockStep"/>; evaluation is one GEMM over all
/// seeds.
/// </summary>
/// <param name="fused">Fused vectors of every data row (N, D); owned by the caller.</param>
internal sealed unsafe class FusedRowsLayer(Tensor fused) : IFirstLayer, ISeedStepLayer
{
    // The matrix's address and shape, looked up once: a seed-major epoch steps each seed on its own.
    private readonly nint x = (nint)NativeBuffer.Floats(fused);
    private readonly long count = fused.shape[0];
    private readonly int d = checked((int)fused.shape[1]);

    public double[] Step(StackedWeights weights, long[] rows, int batch, long[] labels) =>
        RowBlockStep.Run((float*)x, count, d, weights, rows, batch, labels);

    public double StepSeed(StackedWeights weights, int seed, long[] rows, int batch, long[] labels) =>
        RowBlockStep.Seed((float*)x, count, d, weights, seed, rows, batch, labels);

    public void Dispose()
    {
        // Nothing to release: the fused matrix belongs to the caller and a step keeps no buffers.
    }

    public Tensor Evaluate(StackedWeights weights, Tensor rows)
    {
        using var x = fused.index_select(0, rows);
        using var products = Products(weights, x);
        using var b1 = weights.B1(weights.Values);
        using var bias = b1.unsqueeze(1);
        return products.add(bias, Scalars.One);
    }

    /// <summary>x·W1ᵀ of every seed, without the bias: a (K, n, H) view for fused vectors x (n, D), from one GEMM.</summary>
    public static Tensor Products(StackedWeights weights, Tensor x)
    {
        long n = x.shape[0];
        using var w1 = weights.W1(weights.Values);
        using var stacked = w1.reshape(weights.Seeds * weights.Hidden, weights.InputDim);
        using var wt = stacked.t();
        using var h = x.matmul(wt);
        using var perSeed = h.view(n, weights.Seeds, weights.Hidden);
        return perSeed.permute(1, 0, 2);
    }
}
