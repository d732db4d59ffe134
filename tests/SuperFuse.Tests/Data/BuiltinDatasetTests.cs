using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class BuiltinDatasetTests
{
    private static readonly BuiltinOptions Small = new(Count: 2000, TextDim: 64, ImageDim: 64);

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs()
    {
        Assert.Equal(BuiltinDataset.Generate(Small).Text, BuiltinDataset.Generate(Small).Text);
        Assert.NotEqual(BuiltinDataset.Generate(Small).Text, BuiltinDataset.Generate(Small with { Seed = 1 }).Text);
    }

    [Fact]
    public void Has_the_requested_shape_and_valid_values()
    {
        var data = BuiltinDataset.Generate(Small with { ImageDim = 32 });
        Assert.Equal(2000, data.Count);
        Assert.Equal(32, data.ImageDim);
        DatasetValidator.Validate(data);
    }

    [Fact]
    public void Both_tasks_are_roughly_balanced()
    {
        var data = BuiltinDataset.Generate(Small);
        double real = data.Labels.Average();
        double synthetic = LearningTask.Synthetic.Apply(data).Labels.Average();
        Assert.InRange(real, 0.4, 0.6);
        Assert.InRange(synthetic, 0.35, 0.65);
    }

    [Fact]
    public void Text_carries_more_sentiment_than_the_image()
    {
        var data = BuiltinDataset.Generate(new BuiltinOptions(Count: 4000, TextDim: 64, ImageDim: 64));
        Assert.True(BestProjectionSeparation(data.Text, 64, data.Labels) > BestProjectionSeparation(data.Image, 64, data.Labels));
    }

    [Fact]
    public void Means_are_non_zero()
    {
        var data = BuiltinDataset.Generate(Small);
        double meanNorm = Math.Sqrt(Enumerable.Range(0, 64).Sum(j => Math.Pow(Enumerable.Range(0, 2000).Average(r => data.Text[(r * 64) + j]), 2)));
        Assert.True(meanNorm > 0.5, $"mean norm {meanNorm}");
    }

    /// <summary>Fisher separation of the class-mean difference direction: a proxy for linear sentiment signal.</summary>
    private static double BestProjectionSeparation(float[] x, int dim, int[] y)
    {
        var diff = new double[dim];
        for (int j = 0; j < dim; j++)
        {
            diff[j] = Enumerable.Range(0, y.Length).Where(r => y[r] == 1).Average(r => x[(r * dim) + j])
                - Enumerable.Range(0, y.Length).Where(r => y[r] == 0).Average(r => x[(r * dim) + j]);
        }
        var proj = Enumerable.Range(0, y.Length).Select(r => Enumerable.Range(0, dim).Sum(j => diff[j] * x[(r * dim) + j])).ToArray();
        double m1 = proj.Where((_, r) => y[r] == 1).Average(), m0 = proj.Where((_, r) => y[r] == 0).Average();
        double sd = Math.Sqrt(proj.Select(p => p * p).Average() - Math.Pow(proj.Average(), 2));
        return (m1 - m0) / sd;
    }
}
