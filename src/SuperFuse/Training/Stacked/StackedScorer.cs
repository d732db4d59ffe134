using SuperFuse.Metrics;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// Probabilities and accuracy of every stacked seed on fixed rows (validation, or the test rows), from the same
/// softmax probabilities the plain path scores.
/// </summary>
internal sealed class StackedScorer(int[] rows, long[] labels) : IDisposable
{
    public const int ChunkRows = 4096;
    private readonly Tensor[] chunks = Enumerable.Range(0, (rows.Length + ChunkRows - 1) / ChunkRows)
        .Select(c => tensor(rows.Skip(c * ChunkRows).Take(ChunkRows).Select(r => (long)r).ToArray())).ToArray();

    public double[] Accuracies(StackedWeights weights, IFirstLayer layer) =>
        Probabilities(weights, layer).Select(p => Classification.Accuracy(p, labels)).ToArray();

    /// <summary>Softmax probabilities (rows × C, row-major) of every seed on the rows, in chunks.</summary>
    public float[][] Probabilities(StackedWeights weights, IFirstLayer layer)
    {
        int seeds = weights.Seeds, classes = weights.Classes;
        var probabilities = Enumerable.Range(0, seeds).Select(_ => new float[(long)rows.Length * classes]).ToArray();
        using var noGrad = no_grad();
        long offset = 0;
        foreach (var chunk in chunks)
        {
            using var scope = NewDisposeScope();
            long n = chunk.shape[0];
            using var h = layer.Evaluate(weights, chunk);
            using var z = StackedHead.Logits(weights, h);
            using var p = z.softmax(2);
            CopyPerSeed(p, probabilities, offset);
            offset += n;
        }
        return probabilities;
    }

    // Copies probabilities (K, n, C) into each seed's row-major array from row `offset` on.
    private static void CopyPerSeed(Tensor probabilities, float[][] into, long offset)
    {
        long n = probabilities.shape[1], classes = probabilities.shape[2];
        float[] flat = probabilities.data<float>().ToArray();
        for (int k = 0; k < into.Length; k++) Array.Copy(flat, k * n * classes, into[k], offset * classes, n * classes);
    }

    public void Dispose()
    {
        foreach (var c in chunks) c.Dispose();
    }
}
