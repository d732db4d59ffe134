using SuperFuse.Data;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using static TorchSharp.torch;

namespace SuperFuse.Benchmarks;

/// <summary>
/// SuperFuse's trainer on benchmark data: <see cref="StackedTrainer.Fit"/> itself (shuffles, steps, a 64-row
/// validation per epoch, best-epoch copies), one epoch of a given number of steps for K seeds at once.
/// </summary>
internal sealed class FastLoop(FusionMethod fusion, PairedDataset data, FeatureCache features) : IDisposable
{
    private readonly Tensor labels = tensor(data.Labels.Select(y => (long)y).ToArray());
    private readonly StackedScorer validation = new(Enumerable.Range(0, 64).ToArray(), data.Labels.Take(64).Select(y => (long)y).ToArray());

    /// <summary>Seconds to train <paramref name="seeds"/> models for <paramref name="steps"/> steps of <paramref name="batch"/> rows.</summary>
    public double Time(int seeds, int batch, int steps)
    {
        var options = new TrainOptions(MaxEpochs: 1, BatchSize: batch);
        using var weights = new StackedWeights(seeds, fusion.OutputDim(data.TextDim, data.ImageDim), 32, data.ClassCount);
        for (int k = 0; k < seeds; k++)
        {
            using var model = ModelFactory.Create(fusion, data.TextDim, data.ImageDim, data.ClassCount, new ModelOptions(), k + 1);
            weights.Load(k, model);
        }
        var jobs = Enumerable.Range(0, seeds).Select(k => new SeedJob(Rows(k, steps * batch), k + 101)).ToList();
        using var layer = features.LayerFor(fusion);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        new StackedTrainer(options).Fit(weights, layer, jobs, labels, validation);
        return clock.Elapsed.TotalSeconds;
    }

    private int[] Rows(int seed, int count)
    {
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Random(seed).Shuffle(order);
        return Enumerable.Range(0, count).Select(i => order[i % order.Length]).ToArray();
    }

    public void Dispose()
    {
        labels.Dispose();
        validation.Dispose();
    }
}
