using SuperFuse.Experiments;
using SuperFuse.Tests.Support;
using SuperFuse.Training;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Training.Plain;

public sealed class TrainerTests
{
    public TrainerTests() => TorchFixture.Start();

    private static float[] Weights(SuperFuse.Model.FusionClassifier model) =>
        model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Theory]
    [InlineData("concat")]
    [InlineData("tensor")]
    public void Same_seed_gives_bit_identical_results_and_weights(string fusion)
    {
        var data = Cells.SmallData();
        var (a, ma) = CellRunner.Run(data, Cells.Spec(fusion));
        var (b, mb) = CellRunner.Run(data, Cells.Spec(fusion));
        using (ma)
        using (mb)
        {
            Assert.Equal(a.TestAccuracy, b.TestAccuracy);
            Assert.Equal(a.TestRoc.Auc, b.TestRoc.Auc);
            Assert.Equal(a.Training.EpochLosses, b.Training.EpochLosses);
            Assert.Equal(Weights(ma), Weights(mb));
        }
    }

    [Fact]
    public void Different_seeds_give_different_weights_and_losses()
    {
        var data = Cells.SmallData();
        var (a, ma) = CellRunner.Run(data, Cells.Spec(seed: 1));
        var (b, mb) = CellRunner.Run(data, Cells.Spec(seed: 2));
        using (ma)
        using (mb)
        {
            Assert.NotEqual(Weights(ma), Weights(mb));
            Assert.NotEqual(a.Training.EpochLosses, b.Training.EpochLosses);
        }
    }

    [Fact]
    public void Restored_model_is_the_best_validation_epoch()
    {
        var data = Cells.SmallData();
        var reports = new List<EpochReport>();
        var (result, model) = CellRunner.Run(data, Cells.Spec(epochs: 12), new Recorder(reports));
        using (model)
        {
            double best = reports.Max(r => r.ValidationAccuracy);
            int firstBest = reports.First(r => r.ValidationAccuracy == best).Epoch;
            Assert.Equal(firstBest, result.Training.BestEpoch);
            Assert.Equal(best, result.Training.ValidationAccuracy);
            using var validation = PairedTensors.FromRows(data.For(result.Spec.Task), data.Split.Validation);
            double again = Predictor.Accuracy(Predictor.Probabilities(model, validation.Text, validation.Image), validation.Labels);
            Assert.Equal(best, again);
        }
    }

    [Fact]
    public void Early_stop_by_patience_is_recorded()
    {
        var data = Cells.SmallData();
        var (result, model) = CellRunner.Run(data, Cells.Spec(epochs: 100, stop: new EarlyStopOptions(null, Patience: 3)));
        model.Dispose();
        Assert.Equal(StopReason.Patience, result.Training.StopReason);
        Assert.Equal(result.Training.BestEpoch + 3, result.Training.EpochsRun);
    }

    [Fact]
    public void Early_stop_by_loss_plateau_is_recorded()
    {
        var data = Cells.SmallData();
        var (result, model) = CellRunner.Run(data, Cells.Spec(epochs: 60, stop: new EarlyStopOptions(LossStdThreshold: 0.05, LossWindow: 3)));
        model.Dispose();
        Assert.Equal(StopReason.LossPlateau, result.Training.StopReason);
        var last = result.Training.EpochLosses.TakeLast(3).ToArray();
        double mean = last.Average();
        Assert.True(Math.Sqrt(last.Sum(x => (x - mean) * (x - mean)) / 3) <= 0.05);
    }

    [Fact]
    public void Training_lowers_the_loss()
    {
        var (result, model) = CellRunner.Run(Cells.SmallData(), Cells.Spec(epochs: 10));
        model.Dispose();
        Assert.True(result.Training.EpochLosses[^1] < result.Training.EpochLosses[0]);
    }

    private sealed class Recorder(List<EpochReport> into) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => into.Add(value);
    }
}
