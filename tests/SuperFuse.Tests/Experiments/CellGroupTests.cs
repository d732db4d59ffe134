using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Tests.Support;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Tests.Experiments;

public sealed class CellGroupTests
{
    private static readonly PreparedData Data = Cells.SmallData(dim: 8, count: 300);

    private static StudyConfig Config(string trainer = "fast") => new()
    {
        BuiltinDims = 8,
        Fusions = [.. new[] { "concat", "tensor", "gated" }.Select(FusionId.Parse)],
        Tasks = [LearningTask.Real],
        Sizes = [32, 64],
        Seeds = [1, 2, 3],
        Trainer = TrainerModes.Parse(trainer),
    };

    [Fact]
    public void Paper_fusions_stack_all_seeds_of_a_size_and_others_run_one_cell_at_a_time()
    {
        var config = Config();
        var groups = CellGroup.Of(StudyGrid.Cells(config, Data), config, Data);
        var concat = groups.Where(g => g.Cells[0].Fusion.Name == "concat").ToList();
        Assert.Equal(2, concat.Count);
        Assert.All(concat, g => Assert.Equal(TrainerKind.Stacked, g.Kind));
        Assert.All(concat, g => Assert.Equal([1, 2, 3], g.Cells.Select(c => c.Seed)));
        Assert.Equal("concat-real-n32-seeds", concat[0].ClaimKey);
        Assert.All(groups.Where(g => g.Cells[0].Fusion.Name == "tensor"), g => Assert.Equal(TrainerKind.Bilinear, g.Kind));
        Assert.All(groups.Where(g => g.Cells[0].Fusion.Name == "gated"), g => Assert.Equal(TrainerKind.Plain, g.Kind));
        Assert.Equal(2 + 6 + 6, groups.Count);
        Assert.Equal(StudyGrid.Cells(config, Data), groups.SelectMany(g => g.Cells));
    }

    [Fact]
    public void Plain_trainer_robust_training_and_the_reference_head_use_the_plain_path()
    {
        foreach (var config in new[]
        {
            Config("plain"),
            Config() with { Robust = new SuperFuse.Training.Corruption(AlphaMax: 0.3) },
            Config() with { Head = HeadKind.Reference },
        })
        {
            var groups = CellGroup.Of(StudyGrid.Cells(config, Data), config, Data);
            Assert.All(groups, g => Assert.Equal(TrainerKind.Plain, g.Kind));
            Assert.All(groups, g => Assert.Single(g.Cells));
        }
    }

    [Fact]
    public void Unknown_trainer_is_a_user_error()
    {
        var e = Assert.Throws<UserInputException>(() => StudyGrid.Validate(Config("turbo")));
        Assert.Contains("trainer is 'turbo'; expected fast or plain", e.Message, StringComparison.Ordinal);
    }
}
