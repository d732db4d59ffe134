using SuperFuse.Data;
using SuperFuse.Fusion;
using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

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

    /// <summary>
    /// Computes the features chunk by chunk straight into tensors of all rows, so the data set's features are held once
    /// (not once in chunks and again when the chunks are joined).
    /// </summary>
    private Tensor[] Build(Func<Tensor, Tensor, Tensor[]> compute)
    {
        using var noGrad = no_grad();
        Tensor[]? result = null;
        try
        {
            for (int start = 0; start < data.Count; start += ChunkRows)
            {
                int len = Math.Min(ChunkRows, data.Count - start);
                using var text = TensorRows.Range(data.Text, data.TextDim, start, len);
                using var image = TensorRows.Range(data.Image, data.ImageDim, start, len);
                var part = compute(text, image);
                try
                {
                    result ??= part.Select(p => empty([data.Count, p.shape[1]], p.dtype)).ToArray();
                    for (int j = 0; j < part.Length; j++)
                    {
                        using var rows = result[j].narrow(0, start, len);
                        rows.copy_(part[j]);
                    }
                }
                finally
                {
                    foreach (var t in part) t.Dispose();
                }
            }
            return result ?? throw new InvalidOperationException("features of an empty data set");
        }
        catch
        {
            foreach (var t in result ?? []) t.Dispose();
            throw;
        }
    }

    private void Release()
    {
        foreach (var t in held) t.Dispose();
        held = [];
        fusionName = null;
    }

    public void Dispose() => Release();
}
