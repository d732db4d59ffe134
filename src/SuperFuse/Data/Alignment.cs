using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Data;

/// <summary>How unequal text and image widths are made equal (SPEC §6) before product fusion and the synthetic label.</summary>
public enum AlignMethod
{
    /// <summary>PCA when the widths differ, nothing otherwise.</summary>
    Auto,

    /// <summary>Leave the widths as they are.</summary>
    None,

    /// <summary>PCA of the wider modality down to the narrower width, fitted on the train pool (centred with its mean).</summary>
    Pca,

    /// <summary>A fixed seeded random orthogonal projection of the wider modality (QR of a Gaussian matrix).</summary>
    Random,
}

/// <summary>Projects the wider modality of a data set to the narrower one's width.</summary>
public static class Alignment
{
    /// <summary>What <see cref="AlignMethod.Auto"/> means for <paramref name="data"/>.</summary>
    public static AlignMethod Resolve(AlignMethod method, PairedDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (method != AlignMethod.Auto) return method;
        return data.TextDim == data.ImageDim ? AlignMethod.None : AlignMethod.Pca;
    }

    /// <summary>The data with the wider modality projected; <paramref name="fitRows"/> are the rows PCA is fitted on.</summary>
    public static PairedDataset Apply(PairedDataset data, AlignMethod method, int[] fitRows, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        method = Resolve(method, data);
        if (method == AlignMethod.None || data.TextDim == data.ImageDim) return data;
        bool textWider = data.TextDim > data.ImageDim;
        int from = Math.Max(data.TextDim, data.ImageDim), to = Math.Min(data.TextDim, data.ImageDim);
        var wide = textWider ? data.Text : data.Image;
        using var scope = NewDisposeScope();
        using var x = tensor(wide, [data.Count, from]).to(ScalarType.Float64);
        var (shift, basis) = method == AlignMethod.Pca ? Pca(x, fitRows, to) : RandomBasis(from, to, seed);
        var projected = (x - shift).matmul(basis).to(ScalarType.Float32).contiguous().data<float>().ToArray();
        return textWider ? data with { Text = projected, TextDim = to } : data with { Image = projected, ImageDim = to };
    }

    private static (Tensor Mean, Tensor Basis) Pca(Tensor x, int[] fitRows, int k)
    {
        using var index = tensor(fitRows.Select(r => (long)r).ToArray());
        var fit = x.index_select(0, index);
        var mean = fit.mean([0L], keepdim: true);
        var centred = fit - mean;
        var covariance = centred.t().matmul(centred) / Math.Max(fitRows.Length - 1, 1);
        var (_, vectors) = linalg.eigh(covariance);
        // eigh sorts eigenvalues ascending: keep the last k columns, largest first.
        var top = vectors.narrow(1, vectors.shape[1] - k, k).flip(1);
        return (mean, FixSigns(top));
    }

    private static (Tensor Shift, Tensor Basis) RandomBasis(int from, int to, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var gaussian = randn([from, to], dtype: ScalarType.Float64, generator: generator);
        var (q, _) = linalg.qr(gaussian);
        return (zeros(1, from, dtype: ScalarType.Float64), FixSigns(q));
    }

    /// <summary>Makes each column's largest-magnitude entry positive, so the basis does not depend on solver signs.</summary>
    private static Tensor FixSigns(Tensor basis)
    {
        var largest = basis.abs().argmax(0, keepdim: true);
        var signs = basis.gather(0, largest).sign();
        return basis * signs;
    }
}
