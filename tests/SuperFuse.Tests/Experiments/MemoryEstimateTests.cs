using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Experiments;

public sealed class MemoryEstimateTests
{
    public MemoryEstimateTests() => TorchFixture.Start();

    private static readonly PreparedData Data = new(BuiltinDataset.Generate(new BuiltinOptions(1000, 5, 5)), splitSeed: 0);

    private static MemoryEstimate For(string fusion, int seeds, string trainer = "fast", int draws = 1)
    {
        var config = new StudyConfig
        {
            Fusions = [FusionId.Parse(fusion)],
            Tasks = [LearningTask.Real],
            Sizes = [64],
            Seeds = [.. Enumerable.Range(1, seeds)],
            Trainer = TrainerModes.Parse(trainer),
            Noise = new StudyConfig().Noise with { Draws = draws },
        };
        return MemoryEstimate.Of(Data, CellGroup.Of(StudyGrid.Cells(config, Data), config, Data), config);
    }

    private const long Row = (5 + 5) * sizeof(float);

    [Fact]
    public void Embeddings_are_both_matrices() => Assert.Equal(1000 * Row, For("concat", 2).Embeddings);

    [Fact]
    public void Fast_features_are_every_rows_fused_vector_or_a_tensor_fusions_two_factors()
    {
        Assert.Equal(1000L * 10 * sizeof(float), For("concat", 2).Features);
        Assert.Equal(1000L * 10 * sizeof(float), For("tensor", 1).Features);
        Assert.Equal(1000L * 12 * sizeof(float), For("tfn", 1).Features);   // [1; T] and [1; I]
    }

    [Fact]
    public void The_plain_trainer_copies_its_subset_and_the_validation_rows_instead()
    {
        var estimate = For("concat", 2, trainer: "plain");
        Assert.Equal((64 + Data.Split.Validation.Length) * Row, estimate.Features);
    }

    [Fact]
    public void A_plain_unit_beside_a_fast_fusions_cached_features_counts_both()
    {
        var config = new StudyConfig { Fusions = [FusionId.Parse("concat"), FusionId.Parse("gated")], Tasks = [LearningTask.Real], Sizes = [64], Seeds = [1, 2] };
        var estimate = MemoryEstimate.Of(Data, CellGroup.Of(StudyGrid.Cells(config, Data), config, Data), config);
        Assert.Equal((1000L * 10 * sizeof(float)) + ((64 + Data.Split.Validation.Length) * Row), estimate.Features);
    }

    [Fact]
    public void Evaluation_grows_with_noise_draws_and_with_seeds_trained_together()
    {
        long test = Data.Split.Test.Length;
        Assert.Equal(test * Row, For("concat", 2, draws: 2).Evaluation - For("concat", 2).Evaluation);
        Assert.Equal(test * 32 * sizeof(float) * 4, For("concat", 3).Evaluation - For("concat", 2).Evaluation);
    }

    [Fact]
    public void The_total_adds_the_runtime_and_describes_itself_in_gib()
    {
        var estimate = new MemoryEstimate(3L << 30, 2L << 30, 1L << 30);
        Assert.Equal((6L << 30) + MemoryEstimate.Runtime, estimate.Total);
        Assert.StartsWith("about 6.4 GiB at peak (embeddings 3.0, features 2.0, evaluation 1.0", estimate.Describe(), StringComparison.Ordinal);
    }
}
