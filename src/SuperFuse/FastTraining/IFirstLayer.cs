using static TorchSharp.torch;

namespace SuperFuse.FastTraining;

/// <summary>
/// The first layer of K stacked models, h = Linear(D, H) on each seed's fused rows, with a hand-written backward
/// (the inputs are data, so no input gradient is computed).
/// </summary>
internal interface IFirstLayer : IDisposable
{
    /// <summary>
    /// h (K, B, H) for the first K·B entries of <paramref name="rows"/> (data rows, seed-major); remembers what the
    /// backward needs until the next call.
    /// </summary>
    Tensor Forward(StackedWeights weights, long[] rows, int batch);

    /// <summary>Writes the gradients of W1 and b1 for the last <see cref="Forward"/> given dL/dh (K, B, H).</summary>
    void Backward(StackedWeights weights, Tensor hiddenGradient);

    /// <summary>h (K, n, H) for the same <paramref name="rows"/> (n data rows) in every seed, without gradients.</summary>
    Tensor Evaluate(StackedWeights weights, Tensor rows);
}
