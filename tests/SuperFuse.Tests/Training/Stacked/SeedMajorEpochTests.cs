using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked;

/// <summary>
/// An epoch run seed by seed (each seed's steps and AdamW updates together, seeds on separate threads) against the
/// same epoch step by step (every seed's step, then one AdamW pass over all seeds), bit for bit.
/// </summary>
public sealed class SeedMajorEpochTests
{
    private const int Rows = 90, D = 1100, Hidden = 9, Classes = 3, Seeds = 3, Batch = 16, PerSeed = 50;

    public SeedMajorEpochTests() => TorchFixture.Start();

    [Fact]
    public void Seed_by_seed_gives_the_bits_of_step_by_step()
    {
        using var scope = NewDisposeScope();
        using var x = randn(Rows, D, generator: new Generator(5));
        using var layer = new FusedRowsLayer(x);
        long[] labels = StackedCase.Labels(Rows, Classes);
        var jobs = StackedCase.Jobs(Seeds, PerSeed, Rows);
        var options = new TrainOptions(LearningRate: 0.01, WeightDecay: 0.01);
        using var stepped = StackedCase.Weights(Seeds, D, Hidden, Classes);
        using var bySeed = StackedCase.Weights(Seeds, D, Hidden, Classes);
        using var stepOptimizer = new FlatAdamW(stepped.Values, stepped.Gradients, options);
        using var seedOptimizer = new FlatAdamW(bySeed.Values, bySeed.Gradients, options);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var orders = jobs.Select((_, s) => StackedCase.Order(PerSeed, epoch * 10 + s)).ToArray();
            double[] expected = StackedTrainer.StepByStepEpoch(layer, stepped, jobs, orders, labels, stepOptimizer, Batch);
            double[] actual = SeedMajorEpoch.Run(layer, bySeed, jobs, orders, labels, seedOptimizer, Batch);
            Assert.Equal(expected, actual);
            Assert.Equal(stepped.Values.data<float>().ToArray(), bySeed.Values.data<float>().ToArray());
            Assert.Equal(stepOptimizer.Steps, seedOptimizer.Steps);
        }
        Assert.Equal(3 * 4, seedOptimizer.Steps);   // 50 rows in batches of 16: the last step has 2 rows
    }
}
