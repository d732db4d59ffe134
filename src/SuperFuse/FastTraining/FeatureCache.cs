using SuperFuse.Data;
using SuperFuse.Fusion;
using static TorchSharp.torch;

namespace SuperFuse.FastTraining;

/// <summary>
/// The inputs of the first layer for every row of one data set, computed once per fusion and reused by every group
/// of cells of that fusion: the fused vectors (N, D), or for tensor-like fusions their two factors.
/// </summary>
internal sealed class FeatureCache(PairedDataset data) : IDisposable
{
    private const int ChunkRows = 8192;
    private string? fusionName;
    private Tensor[] held = [];

    /// <summary>The first layer of <paramref name="fusion"/> on this data set.</summary>
    public IFirstLayer LayerFor(FusionMethod fusion)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        if (fusionName != fusion.Name)
        {
            Release();
            held = fusion.IsBilinear ? Build((t, i) => Pair(fusion.BilinearFactors(t, i)!.Value)) : Build((t, i) => [fusion.Fuse(t, i)]);
            fusionName = fusion.Name;
        }
        return fusion.IsBilinear ? new BilinearLayer(held[0], held[1]) : new FusedRowsLayer(held[0]);
    }

    private static Tensor[] Pair((Tensor Left, Tensor Right) factors) => [factors.Left, factors.Right];

    private Tensor[] Build(Func<Tensor, Tensor, Tensor[]> compute)
    {
        var parts = new List<Tensor[]>();
        using var noGrad = no_grad();
        for (int start = 0; start < data.Count; start += ChunkRows)
        {
            int len = Math.Min(ChunkRows, data.Count - start);
            using var text = Rows(data.Text, data.TextDim, start, len);
            using var image = Rows(data.Image, data.ImageDim, start, len);
            parts.Add(compute(text, image));
        }
        var result = Enumerable.Range(0, parts[0].Length).Select(j => cat(parts.Select(p => p[j]).ToList(), 0)).ToArray();
        foreach (var t in parts.SelectMany(p => p)) t.Dispose();
        return result;
    }

    private static Tensor Rows(float[] matrix, int dim, int start, int count) =>
        tensor(matrix.AsSpan(start * dim, count * dim).ToArray(), [count, dim]);

    private void Release()
    {
        foreach (var t in held) t.Dispose();
        held = [];
        fusionName = null;
    }

    public void Dispose() => Release();
}
