using SuperFuse.Data;
using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Training;

/// <summary>A split as tensors: text (N, d_t), image (N, d_i) float32, labels (N) int64. Disposing frees them.</summary>
public sealed class PairedTensors(Tensor text, Tensor image, Tensor labels) : IDisposable
{
    /// <summary>Text embeddings (N, d_t).</summary>
    public Tensor Text { get; } = text;

    /// <summary>Image embeddings (N, d_i).</summary>
    public Tensor Image { get; } = image;

    /// <summary>Class indices (N), int64.</summary>
    public Tensor Labels { get; } = labels;

    /// <summary>Rows N.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Copies the given rows of <paramref name="data"/> into new tensors.</summary>
    public static PairedTensors FromRows(PairedDataset data, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        var labels = rows.Select(r => (long)data.Labels[r]).ToArray();
        return new PairedTensors(
            TensorRows.Gather(data.Text, data.TextDim, rows),
            TensorRows.Gather(data.Image, data.ImageDim, rows),
            tensor(labels, [rows.Count]));
    }

    /// <summary>The rows <paramref name="index"/> (int64) of every tensor.</summary>
    public PairedTensors Select(Tensor index) =>
        new(Text.index_select(0, index), Image.index_select(0, index), Labels.index_select(0, index));

    /// <inheritdoc/>
    public void Dispose()
    {
        Text.Dispose();
        Image.Dispose();
        Labels.Dispose();
    }
}
