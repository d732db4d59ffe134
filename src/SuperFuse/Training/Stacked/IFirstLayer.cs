using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// The first layer of K stacked models, h = Linear(D, H) on each seed's fused rows, trained with a hand-written
/// backward (the inputs are data, so no input gradient is computed).
/// </summary>
internal interface IFirstLayer : IDisposable
{
    /// <summary>
    /// One training step for the first K·B entries of <paramref name="rows"/> (data rows, seed-major) whose classes are
    /// <paramref name="labels"/>[row]: writes every gradient of <paramref name="weights"/> and returns each seed's mean
    /// loss over its batch.
    /// </summary>
    double[] Step(StackedWeights weights, long[] rows, int batch, long[] labels);

    /// <summary>h (K, n, H) for the same <paramref name="rows"/> (n data rows) in every seed, without gradients.</summary>
    Tensor Evaluate(StackedWeights weights, Tensor rows);
}
