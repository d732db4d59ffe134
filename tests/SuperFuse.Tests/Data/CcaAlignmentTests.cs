using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class CcaAlignmentTests
{
    // Two views of one latent z ∈ R³ with independent N(0, 1) coordinates: x_j = z_j + σ_j·e_j, y_j = z_j + τ_j·f_j, each
    // view then rotated by its own fixed orthogonal matrix (plus, for y, two pure-noise coordinates and an offset). The
    // canonical correlations are ρ_j = 1 / √((1 + σ_j²)(1 + τ_j²)): 0.9, 0.6 and 0.3 for the values below.
    private static readonly double[] Sigma = [0.3333333, 1.0, 1.7320508];
    private static readonly double[] Tau = [0.3333333, 0.4714045, 1.7320508];

    private static double Rho(int j) => 1 / Math.Sqrt((1 + Sigma[j] * Sigma[j]) * (1 + Tau[j] * Tau[j]));

    private static PairedDataset TwoViews(int rows)
    {
        var g = new SeededGaussian(21);
        var text = new float[rows * 3];
        var image = new float[rows * 5];
        for (int r = 0; r < rows; r++)
        {
            double[] z = g.Vector(3);
            double[] x = [.. Enumerable.Range(0, 3).Select(j => z[j] + Sigma[j] * g.Next())];
            double[] y = [.. Enumerable.Range(0, 3).Select(j => z[j] + Tau[j] * g.Next()), g.Next(), g.Next()];
            // x rotated by 45° in the (0, 1) plane; y's coordinates permuted and shifted by 2.
            text[r * 3] = (float)((x[0] - x[1]) / Math.Sqrt(2));
            text[r * 3 + 1] = (float)((x[0] + x[1]) / Math.Sqrt(2));
            text[r * 3 + 2] = (float)x[2];
            int[] order = [3, 2, 0, 4, 1];
            for (int k = 0; k < 5; k++) image[r * 5 + k] = (float)(y[order[k]] + 2);
        }
        return new PairedDataset(text, image, new int[rows], 3, 5, ["only"], "two-views");
    }

    private static double Correlation(float[] a, float[] b, int dim, int ja, int jb, int[] rows)
    {
        double ma = rows.Average(r => a[r * dim + ja]), mb = rows.Average(r => b[r * dim + jb]);
        double sab = rows.Sum(r => (a[r * dim + ja] - ma) * (b[r * dim + jb] - mb));
        double saa = rows.Sum(r => Math.Pow(a[r * dim + ja] - ma, 2)), sbb = rows.Sum(r => Math.Pow(b[r * dim + jb] - mb, 2));
        return sab / Math.Sqrt(saa * sbb);
    }

    [Fact]
    public void Cca_recovers_known_canonical_correlations_on_held_out_rows()
    {
        var data = TwoViews(20_000);
        int[] fit = Enumerable.Range(0, 10_000).ToArray(), held = Enumerable.Range(10_000, 10_000).ToArray();
        var aligned = Alignment.Apply(data, AlignMethod.Cca, fit, seed: 0, ccaRidge: 1e-6);
        Assert.Equal((AlignMethod.Cca, 3), (aligned.Method, aligned.Width));
        var d = aligned.Data;
        Assert.Equal((3, 3), (d.TextDim, d.ImageDim));
        for (int j = 0; j < 3; j++)
        {
            Assert.InRange(Correlation(d.Text, d.Image, 3, j, j, held), Rho(j) - 0.03, Rho(j) + 0.03);
            for (int k = 0; k < 3; k++)
            {
                if (k != j) Assert.InRange(Correlation(d.Text, d.Image, 3, j, k, held), -0.04, 0.04);
            }
        }
    }

    [Fact]
    public void Cca_keeps_the_means_and_shrinks_with_its_ridge()
    {
        var data = TwoViews(4000);
        int[] fit = Enumerable.Range(0, 4000).ToArray();
        var exact = Alignment.Apply(data, AlignMethod.Cca, fit, seed: 0, ccaRidge: 1e-6).Data;
        // The image's offset of 2 survives the projection: its canonical coordinates do not all have mean zero.
        double imageMean = Enumerable.Range(0, 3).Sum(j => Math.Abs(fit.Average(r => exact.Image[r * 3 + j])));
        Assert.True(imageMean > 0.5, $"sum of |mean| {imageMean}");
        var ridged = Alignment.Apply(data, AlignMethod.Cca, fit, seed: 0, ccaRidge: 10).Data;
        Assert.True(Correlation(ridged.Text, ridged.Image, 3, 0, 0, fit) <= Correlation(exact.Text, exact.Image, 3, 0, 0, fit) + 1e-9);
    }

    [Fact]
    public void Cca_works_for_equal_widths_and_is_deterministic()
    {
        var data = TwoViews(500);
        var square = data with { Image = [.. Enumerable.Range(0, 500).SelectMany(r => data.Image.Skip(r * 5).Take(3))], ImageDim = 3 };
        int[] fit = Enumerable.Range(0, 400).ToArray();
        var a = Alignment.Apply(square, AlignMethod.Cca, fit, seed: 0);
        var b = Alignment.Apply(square, AlignMethod.Cca, fit, seed: 9);
        Assert.Equal(AlignMethod.Cca, a.Method);
        Assert.Equal(a.Data.Text, b.Data.Text);
        Assert.Equal(a.Data.Image, b.Data.Image);
        Assert.Equal(AlignMethod.None, Alignment.Apply(square, AlignMethod.Auto, fit, seed: 0).Method);
    }

    [Theory]
    [InlineData(AlignMethod.Pca)]
    [InlineData(AlignMethod.PcaCentred)]
    [InlineData(AlignMethod.Random)]
    public void Projections_of_the_wider_modality_are_refused_for_equal_widths(AlignMethod method)
    {
        var data = TwoViews(50);
        var square = data with { Image = data.Text, ImageDim = 3 };
        var e = Assert.Throws<UserInputException>(() => Alignment.Apply(square, method, [0, 1, 2], seed: 0));
        Assert.Contains("both 3-d", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pca_keeps_the_projected_mean_and_pca_centred_removes_it()
    {
        var data = TwoViews(1000);
        int[] fit = Enumerable.Range(0, 1000).ToArray();
        var kept = Alignment.Apply(data, AlignMethod.Pca, fit, seed: 0).Data;
        var centred = Alignment.Apply(data, AlignMethod.PcaCentred, fit, seed: 0).Data;
        for (int j = 0; j < 3; j++)
        {
            double k = fit.Average(r => kept.Image[r * 3 + j]), c = fit.Average(r => centred.Image[r * 3 + j]);
            Assert.InRange(c, -1e-5, 1e-5);
            // Same basis, so the difference is the projected mean, the same constant on every row.
            Assert.Equal(k - c, kept.Image[7 * 3 + j] - centred.Image[7 * 3 + j], 4);
        }
        Assert.True(Enumerable.Range(0, 3).Sum(j => Math.Abs(fit.Average(r => kept.Image[r * 3 + j]))) > 1);
    }

    [Fact]
    public void Names_round_trip_and_unknown_names_are_refused()
    {
        foreach (var method in Enum.GetValues<AlignMethod>()) Assert.Equal(method, Alignment.Parse(method.Name()));
        Assert.Equal("pca-centred", AlignMethod.PcaCentred.Name());
        var e = Assert.Throws<UserInputException>(() => Alignment.Parse("svd"));
        Assert.Contains("expected auto, none, pca, pca-centred, cca, random", e.Message, StringComparison.Ordinal);
    }
}
