using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Tests.Support;
using SuperFuse.Training;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training;

public sealed class CorruptionTests
{
    public CorruptionTests() => TorchFixture.Start();

    private static PairedTensors Batch(int rows = 3000)
    {
        var random = new Random(1);
        var text = Enumerable.Range(0, rows * 4).Select(_ => (float)random.NextDouble() + 2).ToArray();
        var image = Enumerable.Range(0, rows * 3).Select(_ => (float)random.NextDouble() - 5).ToArray();
        return new PairedTensors(tensor(text, [rows, 4]), tensor(image, [rows, 3]), zeros(rows, dtype: ScalarType.Int64));
    }

    private static bool[] RowsChanged(Tensor before, Tensor after) =>
        before.ne(after).any(1).data<bool>().ToArray();

    [Fact]
    public void Gaussian_noise_hits_text_image_or_both_in_about_equal_shares()
    {
        using var batch = Batch();
        using var corrupter = new Corrupter(new Corruption(AlphaMax: 0.5), batch, seed: 3);
        using var scope = NewDisposeScope();
        var (text, image) = corrupter.Apply(batch.Text, batch.Image);
        var t = RowsChanged(batch.Text, text);
        var i = RowsChanged(batch.Image, image);
        int onlyText = t.Zip(i).Count(p => p.First && !p.Second), onlyImage = t.Zip(i).Count(p => !p.First && p.Second), both = t.Zip(i).Count(p => p.First && p.Second);
        Assert.Equal(3000, onlyText + onlyImage + both);
        foreach (int share in new[] { onlyText, onlyImage, both }) Assert.InRange(share, 850, 1150);
    }

    [Fact]
    public void Modality_dropout_replaces_one_modality_by_its_mean()
    {
        using var batch = Batch();
        using var corrupter = new Corrupter(new Corruption(Dropout: 0.6), batch, seed: 3);
        using var scope = NewDisposeScope();
        var (text, image) = corrupter.Apply(batch.Text, batch.Image);
        var textMean = batch.Text.mean([0L], keepdim: true);
        var t = text.eq(textMean.expand_as(text)).all(1).data<bool>().ToArray();
        var i = image.eq(batch.Image.mean([0L], keepdim: true).expand_as(image)).all(1).data<bool>().ToArray();
        Assert.DoesNotContain(true, t.Zip(i).Select(p => p.First && p.Second));
        Assert.InRange(t.Count(x => x) + i.Count(x => x), 0.6 * 3000 - 120, 0.6 * 3000 + 120);
        Assert.InRange(t.Count(x => x), 800, 1000);
    }

    [Fact]
    public void Robust_training_is_deterministic_and_differs_from_clean_training()
    {
        var data = Cells.SmallData();
        CellResult Run(Corruption? robust)
        {
            var spec = Cells.Spec("product", LearningTask.Synthetic, 128, seed: 2) with { Train = new TrainOptions(5, 32, Robust: robust) };
            var (result, model) = CellRunner.Run(data, spec);
            model.Dispose();
            return result;
        }
        var robust = new Corruption(AlphaMax: 0.5, Dropout: 0.2);
        var a = Run(robust);
        var b = Run(robust);
        var clean = Run(null);
        Assert.Equal(a.Training.EpochLosses, b.Training.EpochLosses);
        Assert.Equal(a.TestAccuracy, b.TestAccuracy);
        Assert.NotEqual(a.Training.EpochLosses, clean.Training.EpochLosses);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, -0.1)]
    public void Values_outside_0_to_1_are_user_errors(double alpha, double dropout) =>
        Assert.Throws<UserInputException>(() => new Corruption(alpha, dropout).Validate());
}
