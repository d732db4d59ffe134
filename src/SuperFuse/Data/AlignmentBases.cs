using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Data;

/// <summary>The projections behind <see cref="Alignment"/>, computed in float64 with libtorch's linear algebra.</summary>
internal static class AlignmentBases
{
    /// <summary>The wider modality projected to the narrower width by PCA (mean kept or removed) or a random basis.</summary>
    public static (float[] Text, float[] Image, int Width) ProjectWider(PairedDataset data, AlignMethod method, int[] fitRows, int seed)
    {
        bool textWider = data.TextDim > data.ImageDim;
        int from = Math.Max(data.TextDim, data.ImageDim), to = Math.Min(data.TextDim, data.ImageDim);
        using var scope = NewDisposeScope();
        var x = Matrix(textWider ? data.Text : data.Image, data.Count, from);
        var basis = method == AlignMethod.Random ? RandomBasis(from, to, seed) : PrincipalAxes(x, fitRows, to);
        var shift = method == AlignMethod.PcaCentred ? Rows(x, fitRows).mean([0L], keepdim: true) : zeros(1, from, dtype: ScalarType.Float64);
        var projected = Floats((x - shift).matmul(basis));
        return textWider ? (projected, data.Image, to) : (data.Text, projected, to);
    }

    /// <summary>
    /// Regularised CCA fitted on <paramref name="fitRows"/>: with C_xx, C_yy ridged by λ·(tr C / d)·I and whitening
    /// W = C^(−1/2), the SVD U·S·Vᵀ of W_x·C_xy·W_y gives paired directions A = W_x·U and B = W_y·V, whose k = min(d_t, d_i)
    /// leading columns project text and image. Canonical variates have unit variance; the means are kept.
    /// </summary>
    public static (float[] Text, float[] Image, int Width) Cca(PairedDataset data, int[] fitRows, double ridge)
    {
        using var scope = NewDisposeScope();
        var (a, b) = CcaDirections(Matrix(data.Text, data.Count, data.TextDim), Matrix(data.Image, data.Count, data.ImageDim), fitRows, ridge);
        int k = (int)a.shape[1];
        return (Floats(Matrix(data.Text, data.Count, data.TextDim).matmul(a)), Floats(Matrix(data.Image, data.Count, data.ImageDim).matmul(b)), k);
    }

    /// <summary>The paired direction matrices (d_t × k, d_i × k), signs fixed so each text column's largest entry is positive.</summary>
    public static (Tensor A, Tensor B) CcaDirections(Tensor x, Tensor y, int[] fitRows, double ridge)
    {
        var fx = Rows(x, fitRows);
        var fy = Rows(y, fitRows);
        var cx = fx - fx.mean([0L], keepdim: true);
        var cy = fy - fy.mean([0L], keepdim: true);
        double n = Math.Max(fitRows.Length - 1, 1);
        var wx = InverseRoot(Ridged(cx.t().matmul(cx) / n, ridge));
        var wy = InverseRoot(Ridged(cy.t().matmul(cy) / n, ridge));
        var (u, _, vh) = linalg.svd(wx.matmul(cx.t().matmul(cy) / n).matmul(wy), fullMatrices: false);
        long k = Math.Min(x.shape[1], y.shape[1]);
        var a = wx.matmul(u.narrow(1, 0, k));
        var b = wy.matmul(vh.t().narrow(1, 0, k));
        var signs = a.gather(0, a.abs().argmax(0, keepdim: true)).sign();
        return (a * signs, b * signs);
    }

    private static Tensor Ridged(Tensor covariance, double ridge)
    {
        long d = covariance.shape[0];
        double scale = ridge * covariance.trace().item<double>() / d;
        return covariance + (eye(d, dtype: ScalarType.Float64) * scale);
    }

    private static Tensor InverseRoot(Tensor symmetric)
    {
        var (values, vectors) = linalg.eigh(symmetric);
        return (vectors * values.clamp_min(1e-12).rsqrt()).matmul(vectors.t());
    }

    private static Tensor PrincipalAxes(Tensor x, int[] fitRows, int k)
    {
        var fit = Rows(x, fitRows);
        var centred = fit - fit.mean([0L], keepdim: true);
        var covariance = centred.t().matmul(centred) / Math.Max(fitRows.Length - 1, 1);
        var (_, vectors) = linalg.eigh(covariance);
        // eigh sorts eigenvalues ascending: keep the last k columns, largest first.
        return FixSigns(vectors.narrow(1, vectors.shape[1] - k, k).flip(1));
    }

    private static Tensor RandomBasis(int from, int to, int seed)
    {
        using var generator = new Generator((ulong)SeedStreams.Derive(seed, StreamPurpose.Projection));
        var gaussian = randn([from, to], dtype: ScalarType.Float64, generator: generator);
        var (q, _) = linalg.qr(gaussian);
        return FixSigns(q);
    }

    /// <summary>Makes each column's largest-magnitude entry positive, so the basis does not depend on solver signs.</summary>
    private static Tensor FixSigns(Tensor basis)
    {
        var largest = basis.abs().argmax(0, keepdim: true);
        return basis * basis.gather(0, largest).sign();
    }

    private static Tensor Matrix(float[] values, int rows, int cols) => tensor(values, [rows, cols]).to(ScalarType.Float64);

    private static Tensor Rows(Tensor x, int[] rows)
    {
        using var index = tensor(rows.Select(r => (long)r).ToArray());
        return x.index_select(0, index);
    }

    private static float[] Floats(Tensor x) => x.to(ScalarType.Float32).contiguous().data<float>().ToArray();
}
