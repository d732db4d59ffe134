using SuperFuse.Data;

namespace SuperFuse.Benchmarks;

/// <summary>Random paper-sized embeddings (768-d, like CLIP ViT-L/14) with the synthetic label sign(T·I).</summary>
public static class BenchData
{
    /// <summary><paramref name="rows"/> pairs of <paramref name="dim"/>-d standard normal vectors, seeded.</summary>
    public static PairedDataset Create(int rows, int dim, int seed = 7)
    {
        var rng = new SeededGaussian(seed);
        var text = new float[(long)rows * dim];
        var image = new float[(long)rows * dim];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            double dot = 0;
            for (int j = 0; j < dim; j++)
            {
                long at = ((long)r * dim) + j;
                text[at] = (float)rng.Next();
                image[at] = (float)rng.Next();
                dot += text[at] * image[at];
            }
            labels[r] = dot > 0 ? 1 : 0;
        }
        return new PairedDataset(text, image, labels, dim, dim, ["0", "1"], "bench");
    }
}
