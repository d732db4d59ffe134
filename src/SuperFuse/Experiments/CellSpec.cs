using SuperFuse.Data;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Training;

namespace SuperFuse.Experiments;

/// <summary>One cell of the grid: a (fusion, task, size, seed) with the settings that determine it (protocol §3).</summary>
/// <param name="Fusion">The fusion, resolved.</param>
/// <param name="Task">Real or synthetic labels.</param>
/// <param name="Size">Training-subset size n (the first n of the seed's permutation of the train pool).</param>
/// <param name="Seed">Seed of the subset, the initial weights and the data order.</param>
/// <param name="SplitSeed">Seed of the fixed train/validation/test split.</param>
/// <param name="Train">Optimiser and loop settings.</param>
/// <param name="Model">Model settings.</param>
public sealed record CellSpec(FusionId Fusion, LearningTask Task, int Size, int Seed, int SplitSeed,
    TrainOptions Train, ModelOptions Model)
{
    /// <summary>A stable file-name-safe key, e.g. <c>product-synthetic-n1024-s1</c>.</summary>
    public string Key => $"{Fusion}-{Task.Name()}-n{Size}-s{Seed}";

    /// <summary>Seed of the per-epoch data order: the cell seed's own stream for it (<see cref="SeedStreams"/>).</summary>
    public int OrderSeed => SeedStreams.Derive(Seed, StreamPurpose.Order);
}
