using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Robustness;
using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Tests.Training.Stacked;

/// <summary>
/// The fast trainers against the plain autograd trainer on the same cells. Tolerance: both compute the same float32
/// maths in a different order, so per-epoch losses agree to 1e-4 relative, validation and test accuracy to one sample,
/// AUC to 0.01, and the best epoch is the same.
/// </summary>
public sealed class StackedEquivalenceTests
{
    public StackedEquivalenceTests() => TorchFixture.Start();

    private static List<CellSpec> Seeds(string fusion, params int[] seeds) =>
        seeds.Select(s => Cells.Spec(fusion, size: 96, seed: s, epochs: 8)).ToList();

    [Theory]
    [InlineData("concat")]
    [InlineData("product")]
    [InlineData("tensor")]
    [InlineData("tfn")]
    public void Fast_trainer_agrees_with_the_plain_trainer_seed_by_seed(string fusion)
    {
        var data = Cells.SmallData();
        var cells = fusion is "tensor" or "tfn" ? Seeds(fusion, 2) : Seeds(fusion, 1, 2, 3);
        using var features = new FeatureCache(data.Data);
        var fast = StackedCellRunner.Run(data, cells, features);
        foreach (var (result, model) in fast)
        {
            var (plain, plainModel) = CellRunner.Run(data, result.Spec);
            using (model)
            using (plainModel)
            {
                AssertClose(plain, result, data.Split.Validation.Length, data.Split.Test.Length);
            }
        }
    }

    private static void AssertClose(CellResult plain, CellResult fast, int validationRows, int testRows)
    {
        Assert.Equal(plain.Training.EpochsRun, fast.Training.EpochsRun);
        for (int e = 0; e < plain.Training.EpochsRun; e++)
        {
            Assert.InRange(fast.Training.EpochLosses[e], plain.Training.EpochLosses[e] * (1 - 1e-4), plain.Training.EpochLosses[e] * (1 + 1e-4));
        }
        Assert.Equal(plain.Training.BestEpoch, fast.Training.BestEpoch);
        Assert.InRange(Math.Abs(plain.Training.ValidationAccuracy - fast.Training.ValidationAccuracy), 0, 1.0 / validationRows + 1e-12);
        Assert.InRange(Math.Abs(plain.TestAccuracy - fast.TestAccuracy), 0, 1.0 / testRows + 1e-12);
        Assert.InRange(Math.Abs(plain.TestRoc.Auc - fast.TestRoc.Auc), 0, 0.01);
        Assert.Equal(plain.Parameters, fast.Parameters);
    }

    [Theory]
    [InlineData("product")]
    [InlineData("tensor")]
    [InlineData("tfn")]
    public void Stacked_noise_sweep_agrees_with_the_per_model_sweep(string fusion)
    {
        var data = Cells.SmallData();
        var d = data.Data;
        var rows = data.Split.TrainPool;
        var options = new NoiseOptions(Alphas: [0, 0.2, 0.5, 0.9], Seed: 3);
        using var draws = NoiseDrawSet.Create(data.Split.Test.Length, ModalityStats.Of(d.Text, d.TextDim, rows, true),
            ModalityStats.Of(d.Image, d.ImageDim, rows, true), options);
        using var features = new FeatureCache(data.Data);
        // Models that learn (the synthetic task, 256 rows, 15 epochs), so that the noise has accuracy to take away.
        int[] seeds = fusion == "product" ? [1, 2] : [2];
        var cells = seeds.Select(s => Cells.Spec(fusion, LearningTask.Synthetic, size: 256, seed: s, epochs: 15)).ToList();
        var fast = StackedCellRunner.Run(data, cells, features, noise: (draws, options));
        using var test = PairedTensors.FromRows(data.For(fast[0].Result.Spec.Task), data.Split.Test);
        foreach (var (result, model) in fast)
        {
            using (model)
            {
                var swept = NoiseSweep.Run(model, test, draws.Draws[0], options);
                Assert.NotNull(result.Noise);
                Assert.Equal(swept.Count, result.Noise.Count);
                foreach (var (a, b) in swept.Zip(result.Noise))
                {
                    Assert.Equal((a.Condition, a.Alpha), (b.Condition, b.Alpha));
                    Assert.InRange(Math.Abs(a.Accuracy - b.Accuracy), 0, 1.0 / test.Count + 1e-12);
                    Assert.InRange(Math.Abs(a.Auc - b.Auc), 0, 0.01);
                }
                Assert.Contains(result.Noise, p => p.Accuracy < result.TestAccuracy - 0.02);   // the noise does bite
            }
        }
    }

    [Fact]
    public void A_seed_gets_the_same_bits_alone_or_stacked_with_others()
    {
        var data = Cells.SmallData();
        using var features = new FeatureCache(data.Data);
        var together = StackedCellRunner.Run(data, Seeds("product", 1, 2, 3), features);
        var alone = StackedCellRunner.Run(data, Seeds("product", 2), features);
        try
        {
            AssertSameBits(alone[0].Result, together[1].Result);
        }
        finally
        {
            foreach (var (_, model) in together.Concat(alone)) model.Dispose();
        }
    }

    private static void AssertSameBits(CellResult a, CellResult b)
    {
        Assert.Equal(a.Training.EpochLosses, b.Training.EpochLosses);
        Assert.Equal(a.TestAccuracy, b.TestAccuracy);
        Assert.Equal(a.TestRoc.Auc, b.TestRoc.Auc);
    }

    [Fact]
    public void Same_seeds_give_bit_identical_results()
    {
        var data = Cells.SmallData();
        using var features = new FeatureCache(data.Data);
        var a = StackedCellRunner.Run(data, Seeds("concat", 1, 2), features);
        var b = StackedCellRunner.Run(data, Seeds("concat", 1, 2), features);
        try
        {
            for (int k = 0; k < 2; k++) AssertSameBits(a[k].Result, b[k].Result);
            Assert.NotEqual(a[0].Result.Training.EpochLosses, a[1].Result.Training.EpochLosses);
        }
        finally
        {
            foreach (var (_, model) in a.Concat(b)) model.Dispose();
        }
    }

    [Fact]
    public void Each_seed_keeps_its_own_early_stop()
    {
        var data = Cells.SmallData();
        var stop = new EarlyStopOptions(null, Patience: 2);
        var cells = new[] { 1, 2, 3, 4 }.Select(s => Cells.Spec("concat", size: 64, seed: s, epochs: 40, stop: stop)).ToList();
        using var features = new FeatureCache(data.Data);
        var fast = StackedCellRunner.Run(data, cells, features);
        var epochs = new List<int>();
        foreach (var (result, model) in fast)
        {
            var (plain, plainModel) = CellRunner.Run(data, result.Spec);
            using (model)
            using (plainModel)
            {
                Assert.Equal(plain.Training.StopReason, result.Training.StopReason);
                AssertClose(plain, result, data.Split.Validation.Length, data.Split.Test.Length);
                epochs.Add(result.Training.EpochsRun);
            }
        }
        Assert.True(epochs.Distinct().Count() > 1, "the seeds should stop at different epochs for this test to mean anything");
    }
}
