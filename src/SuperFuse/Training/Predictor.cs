using SuperFuse.Model;
using static TorchSharp.torch;

namespace SuperFuse.Training;

/// <summary>Class probabilities of a model on a split, in chunks to bound memory.</summary>
public static class Predictor
{
    /// <summary>Rows per forward pass: bounds the (chunk, 32, d_t) intermediate of tensor fusion to ~100 MB.</summary>
    public const int ChunkRows = 1024;

    /// <summary>Probabilities (N, C) as a row-major array, computed under no_grad in eval mode.</summary>
    public static float[] Probabilities(IClassifier model, Tensor text, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(image);
        model.Network.eval();
        using var noGrad = no_grad();
        long n = text.shape[0];
        var result = new List<float>();
        for (long start = 0; start < n; start += ChunkRows)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(ChunkRows, n - start);
            var outputs = model.Outputs(text.narrow(0, start, len), image.narrow(0, start, len));
            result.AddRange(model.Probabilities(outputs).data<float>().ToArray());
        }
        return result.ToArray();
    }

    /// <summary>Fraction of rows whose arg-max probability is the label (ties pick the lower class).</summary>
    public static double Accuracy(float[] probabilities, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        long[] y = labels.data<long>().ToArray();
        return Metrics.Classification.Accuracy(probabilities, y);
    }
}
