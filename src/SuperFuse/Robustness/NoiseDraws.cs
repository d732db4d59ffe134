using SuperFuse.Data;
using static TorchSharp.torch;

namespace SuperFuse.Robustness;

/// <summary>
/// One fixed draw n ~ N(μ_m, σ_m) per test row and modality, from the noise seed alone, so every model of a study is
/// evaluated on identical corrupted inputs (protocol §4).
/// </summary>
public sealed class NoiseDraws : IDisposable
{
    private NoiseDraws(Tensor text, Tensor image)
    {
        Text = text;
        Image = image;
    }

    /// <summary>Text noise (N_test, d_t).</summary>
    public Tensor Text { get; }

    /// <summary>Image noise (N_test, d_i).</summary>
    public Tensor Image { get; }

    /// <summary>
    /// Draws noise for <paramref name="testRows"/> rows with the given statistics: realisation number
    /// <paramref name="draw"/> of the noise seed, each realisation an independent stream.
    /// </summary>
    public static NoiseDraws Create(int testRows, ModalityStats text, ModalityStats image, int seed, int draw = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(image);
        var rng = new SeededGaussian(SeedStreams.Derive(seed, StreamPurpose.Noise, draw));
        return new NoiseDraws(Draw(rng, testRows, text), Draw(rng, testRows, image));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Text.Dispose();
        Image.Dispose();
    }

    private static Tensor Draw(SeededGaussian rng, int rows, ModalityStats stats)
    {
        int dim = stats.Mean.Length;
        var values = new float[(long)rows * dim];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < dim; j++) values[((long)r * dim) + j] = (float)(stats.Mean[j] + (stats.Std[j] * rng.Next()));
        }
        return tensor(values, [rows, dim]);
    }
}
