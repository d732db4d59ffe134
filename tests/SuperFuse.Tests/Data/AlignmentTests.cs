using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class AlignmentTests
{
    /// <summary>Text is 6-d but lies in a 2-d subspace (plus tiny noise); image is 2-d.</summary>
    private static PairedDataset Data(int rows = 60)
    {
        var random = new Random(3);
        var text = new float[rows * 6];
        var image = new float[rows * 2];
        for (int r = 0; r < rows; r++)
        {
            double a = random.NextDouble() * 4 - 2, b = random.NextDouble() - 0.5;
            double[] v = [a + b, a - b, 2 * a, b, 0, -a];
            for (int j = 0; j < 6; j++) text[r * 6 + j] = (float)(v[j] + 1e-4 * (random.NextDouble() - 0.5));
            image[r * 2] = (float)random.NextDouble();
            image[r * 2 + 1] = (float)random.NextDouble();
        }
        return new PairedDataset(text, image, Enumerable.Range(0, rows).Select(r => r % 2).ToArray(), 6, 2, ["a", "b"], "test");
    }

    private static double Variance(float[] values, int dim, int[] rows) =>
        Enumerable.Range(0, dim).Sum(j =>
        {
            double mean = rows.Average(r => values[r * dim + j]);
            return rows.Sum(r => Math.Pow(values[r * dim + j] - mean, 2));
        });

    [Fact]
    public void Pca_keeps_the_variance_of_a_low_rank_modality_and_is_fitted_on_the_given_rows_only()
    {
        var data = Data();
        int[] fit = Enumerable.Range(0, 40).ToArray();
        var aligned = Alignment.Apply(data, AlignMethod.Pca, fit, seed: 0).Data;
        Assert.Equal((2, 2), (aligned.TextDim, aligned.ImageDim));
        Assert.Equal(data.Image, aligned.Image);
        Assert.Equal(Variance(data.Text, 6, fit), Variance(aligned.Text, 2, fit), 2);

        var changed = data with { Text = (float[])data.Text.Clone() };
        for (int k = 40 * 6; k < changed.Text.Length; k++) changed.Text[k] *= 5;
        var again = Alignment.Apply(changed, AlignMethod.Pca, fit, seed: 0).Data;
        Assert.Equal(aligned.Text.AsSpan(0, 40 * 2).ToArray(), again.Text.AsSpan(0, 40 * 2).ToArray());
    }

    [Fact]
    public void Random_projection_is_orthogonal_seeded_and_deterministic()
    {
        var data = Data();
        var a = Alignment.Apply(data, AlignMethod.Random, [0], seed: 5).Data;
        var b = Alignment.Apply(data, AlignMethod.Random, [0], seed: 5).Data;
        var c = Alignment.Apply(data, AlignMethod.Random, [0], seed: 6).Data;
        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
        for (int r = 0; r < data.Count; r++)
        {
            double before = Enumerable.Range(0, 6).Sum(j => Math.Pow(data.Text[r * 6 + j], 2));
            double after = Enumerable.Range(0, 2).Sum(j => Math.Pow(a.Text[r * 2 + j], 2));
            Assert.True(after <= before * (1 + 1e-5), "an orthogonal projection cannot lengthen a vector");
        }
    }

    [Fact]
    public void Auto_aligns_only_unequal_widths()
    {
        Assert.Equal(AlignMethod.Cca, Alignment.Resolve(AlignMethod.Auto, Data()));
        var square = Data() with { Text = new float[60 * 2], TextDim = 2 };
        Assert.Equal(AlignMethod.None, Alignment.Resolve(AlignMethod.Auto, square));
    }

    [Fact]
    public void Class_selection_keeps_and_reorders_classes()
    {
        var data = Data() with { Labels = Enumerable.Range(0, 60).Select(r => r % 3).ToArray(), ClassNames = ["neg", "neu", "pos"] };
        var kept = ClassSelection.Keep(data, ["pos", "neg"]);
        Assert.Equal(40, kept.Count);
        Assert.Equal(["pos", "neg"], kept.ClassNames);
        Assert.Equal(1, kept.Labels[0]);
        Assert.Equal(0, kept.Labels[1]);
        Assert.Equal(data.Text.AsSpan(2 * 6, 6).ToArray(), kept.Text.AsSpan(6, 6).ToArray());
        var e = Assert.Throws<UserInputException>(() => ClassSelection.Keep(data, ["pos", "happy"]));
        Assert.Contains("'happy'", e.Message, StringComparison.Ordinal);
    }
}
