using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Training;

namespace SuperFuse.Tests.Support;

/// <summary>Small cells on small built-in data, for tests that train.</summary>
internal static class Cells
{
    public static PreparedData SmallData(int dim = 16, int count = 800) =>
        new(BuiltinDataset.Generate(new BuiltinOptions(Count: count, TextDim: dim, ImageDim: dim)), splitSeed: 0);

    public static CellSpec Spec(string fusion = "concat", LearningTask task = LearningTask.Real, int size = 128,
        int seed = 1, int epochs = 5, EarlyStopOptions? stop = null) =>
        new(FusionId.Parse(fusion), task, size, seed, 0, new TrainOptions(epochs, 32, EarlyStop: stop), new ModelOptions());
}
