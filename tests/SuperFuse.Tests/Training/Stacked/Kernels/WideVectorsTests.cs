using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using SuperFuse.Training.Stacked.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Stacked.Kernels;

/// <summary>
/// Training with the 512-bit kernels against the 256-bit ones, bit for bit: two seed-major epochs (forward products,
/// head, W1 gradient, AdamW) and single steps with one seed split across threads, at sizes that leave odd units,
/// partial tiles, partial blocks and column tails.
/// </summary>
public sealed class WideVectorsTests : IDisposable
{
    private const int Rows = 120, Classes = 3, PerSeed = 100;

    public WideVectorsTests() => TorchFixture.Start();

    public void Dispose() => WideVectors.Enabled = WideVectors.Supported;

    [Avx512Theory]
    [InlineData(1536, 32, 2, 64)]   // the protocol's shape: every unit in fours, every chunk full
    [InlineData(1100, 9, 3, 31)]    // an odd unit after two fours; a 76-column last chunk (a 4-column tail)
    [InlineData(37, 6, 2, 13)]      // narrower than one vector tile; a unit pair after a four
    [InlineData(1536, 32, 1, 64)]   // one seed: its hidden units split across threads
    public void Wide_and_narrow_kernels_train_to_the_same_bits(int d, int hidden, int seeds, int batch)
    {
        var (wideLosses, wideValues) = Train(true, d, hidden, seeds, batch);
        var (narrowLosses, narrowValues) = Train(false, d, hidden, seeds, batch);
        Assert.True(WideVectors.Supported);
        Assert.Equal(narrowLosses, wideLosses);
        Assert.Equal(narrowValues, wideValues);
    }

    private static (double[] Losses, float[] Values) Train(bool wide, int d, int hidden, int seeds, int batch)
    {
        WideVectors.Enabled = wide;
        using var scope = NewDisposeScope();
        using var x = randn(Rows, d, generator: new Generator(5));
        using var layer = new FusedRowsLayer(x);
        long[] labels = StackedCase.Labels(Rows, Classes);
        var jobs = StackedCase.Jobs(seeds, PerSeed, Rows);
        using var w = StackedCase.Weights(seeds, d, hidden, Classes);
        using var optimizer = new FlatAdamW(w.Values, w.Gradients, new TrainOptions(LearningRate: 0.01, WeightDecay: 0.01));
        var losses = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var orders = jobs.Select((_, s) => StackedCase.Order(PerSeed, epoch * 10 + s)).ToArray();
            losses.AddRange(seeds >= 2
                ? SeedMajorEpoch.Run(layer, w, jobs, orders, labels, optimizer, batch)
                : StackedTrainer.StepByStepEpoch(layer, w, jobs, orders, labels, optimizer, batch));
        }
        return (losses.ToArray(), w.Values.data<float>().ToArray().Concat(w.Gradients.data<float>().ToArray()).ToArray());
    }
}
