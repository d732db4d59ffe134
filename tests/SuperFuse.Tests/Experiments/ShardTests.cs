using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Training;

namespace SuperFuse.Tests.Experiments;

public sealed class ShardTests
{
    private static List<CellSpec> Grid(int count) =>
        Enumerable.Range(0, count).Select(k => new CellSpec(FusionId.Parse("concat"), LearningTask.Real, 16 * (k + 1), 1, 0, new TrainOptions(1, 8), new ModelOptions())).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void Shards_partition_the_grid_without_loss_or_overlap(int n)
    {
        var grid = Grid(23);
        var slices = Enumerable.Range(0, n).Select(i => new Shard(i, n).Select(grid)).ToList();
        var keys = slices.SelectMany(s => s.Select(c => c.Key)).ToList();
        Assert.Equal(grid.Count, keys.Count);
        Assert.Equal(grid.Select(c => c.Key).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.All(slices, s => Assert.InRange(s.Count, grid.Count / n, grid.Count / n + 1));
    }

    [Fact]
    public void Parse_reads_i_of_n()
    {
        Assert.Equal(new Shard(2, 4), Shard.Parse("2/4"));
        Assert.Equal(Shard.All, Shard.Parse("0/1"));
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Parse_rejects_bad_shards(string text)
    {
        var e = Assert.Throws<UserInputException>(() => Shard.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        name => vars.Where(v => v.Key == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void Outside_an_array_job_there_is_no_slurm_shard() => Assert.Null(Shard.FromSlurm(Env()));

    [Fact]
    public void Slurm_ids_from_zero() =>
        Assert.Equal(new Shard(3, 8), Shard.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "8"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "7"))));

    [Fact]
    public void Slurm_ids_from_one() =>
        Assert.Equal(new Shard(0, 4), Shard.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "4"))));

    [Fact]
    public void Slurm_ids_with_a_step() =>
        Assert.Equal(new Shard(2, 5), Shard.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "14"), ("SLURM_ARRAY_TASK_COUNT", "5"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_MAX", "18"), ("SLURM_ARRAY_TASK_STEP", "2"))));

    [Fact]
    public void Slurm_count_from_min_and_max_when_count_is_missing() =>
        Assert.Equal(new Shard(5, 6), Shard.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "7"), ("SLURM_ARRAY_TASK_MIN", "2"), ("SLURM_ARRAY_TASK_MAX", "7"))));

    [Fact]
    public void Slurm_ids_that_do_not_fit_are_an_error()
    {
        var e = Assert.Throws<UserInputException>(() => Shard.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "9"), ("SLURM_ARRAY_TASK_COUNT", "3"), ("SLURM_ARRAY_TASK_MIN", "1"))));
        Assert.Contains("--shard", e.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => Shard.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "x"))));
    }
}
