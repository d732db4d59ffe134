using System.Text.Json.Nodes;
using SuperFuse.Reporting;
using SuperFuse.Results;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>What a results folder records is what happened: one study per folder, refused duplicates, true provenance.</summary>
public sealed class RecordsTests : IDisposable
{
    private const string Tiny = """
        {"builtin_count": 400, "builtin_dims": 8, "fusions": ["concat"], "tasks": ["real"], "sizes": [16, 32],
         "seeds": [1, 2], "epochs": 2, "noise": {"alphas": [0, 0.5]}}
        """;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Config(string json = Tiny)
    {
        File.WriteAllText(dir.File("s.json"), json);
        return dir.File("s.json");
    }

    private string Res(string relative = "") => Path.Combine(dir.File("res"), relative);

    private static int Rows(string csv) => File.ReadAllLines(csv).Length - 1;

    [Fact]
    public void Force_with_another_config_moves_the_old_study_aside_instead_of_mixing_it_in()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--out", Res()).Exit);
        Assert.Equal(4, Rows(Res("tables/runs.csv")));
        var refused = CliRunner.Run("run", "--config", Config(), "--sizes", "16", "--epochs", "3", "--out", Res());
        Assert.Equal(2, refused.Exit);
        var (exit, _, stderr) = CliRunner.Run("run", "--config", Config(), "--sizes", "16", "--epochs", "3", "--force", "--out", Res());
        Assert.True(exit == 0, stderr);
        Assert.Contains("moved the previous study's results to", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Rows(Res("tables/runs.csv")));
        Assert.All(File.ReadAllLines(Res("tables/runs.csv")).Skip(1), r => Assert.Contains("-n16-", r, StringComparison.Ordinal));
        string previous = Directory.GetDirectories(Res(StudyFolder.PreviousFolder)).Single();
        Assert.Equal(4, Directory.GetFiles(Path.Combine(previous, "cells"), "*.json").Length);
        Assert.Contains("\"epochs\": 2", File.ReadAllText(Path.Combine(previous, "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_leaves_out_and_names_cells_that_are_not_in_the_config()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--out", Res()).Exit);
        string cell = Res("cells/concat-real-n16-s1.json");
        var json = JsonNode.Parse(File.ReadAllText(cell))!.AsObject();
        json["key"] = "concat-real-n16-s9";
        json["seed"] = 9;
        File.WriteAllText(Res("cells/concat-real-n16-s9.json"), json.ToJsonString());
        var (exit, _, stderr) = CliRunner.Run("report", Res());
        Assert.True(exit == 0, stderr);
        Assert.Contains("left 1 cells out of the report that are not part of the folder's config: concat-real-n16-s9", stderr, StringComparison.Ordinal);
        Assert.Equal(4, Rows(Res("tables/runs.csv")));
        Assert.Contains("concat-real-n16-s9", File.ReadAllText(Res("report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_force_moves_the_finished_cells_aside_so_the_array_tasks_redo_them()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--out", Res()).Exit);
        var (exit, stdout, stderr) = CliRunner.Run("slurm", Res(), "--config", Config(), "--array", "2", "--force");
        Assert.True(exit == 0, stderr);
        Assert.Contains("moved the previous results to", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Res("cells")) && Directory.GetFiles(Res("cells"), "*.json").Length > 0);
        Assert.True(File.Exists(Res("slurm/study.sbatch")));
    }

    [Theory]
    [InlineData("--sizes", "32,32", "sizes: '32' is listed twice")]
    [InlineData("--seeds", "1,1", "seeds: '1' is listed twice")]
    [InlineData("--fusions", "concat,concat", "fusions: 'concat' is listed twice")]
    [InlineData("--labels", "0,0", "labels: '0' is listed twice")]
    public void Duplicates_are_refused_with_one_line(string option, string value, string message)
    {
        var (exit, _, stderr) = CliRunner.Run("run", "--config", Config(), option, value, "--out", Res());
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Res()));
    }

    [Fact]
    public void Figure3_size_outside_the_grid_is_refused_and_a_valid_one_is_named_in_the_caption()
    {
        var (exit, _, stderr) = CliRunner.Run("run", "--config", Config(Tiny.Replace("\"epochs\": 2", "\"epochs\": 2, \"figure3_size\": 48", StringComparison.Ordinal)), "--out", Res());
        Assert.Equal(2, exit);
        Assert.Contains("figure3_size 48 is not a training size of the grid (16, 32)", stderr, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(Tiny.Replace("\"epochs\": 2", "\"epochs\": 2, \"figure3_size\": 16", StringComparison.Ordinal)), "--out", Res()).Exit);
        Assert.Contains("both-modality noise at n = 16", File.ReadAllText(Res("report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Robust_is_on_is_not_a_config_key()
    {
        var (exit, _, stderr) = CliRunner.Run("run", "--config", Config(Tiny.Replace("\"epochs\": 2", "\"epochs\": 2, \"robust\": {\"is_on\": false, \"alpha_max\": 0.5}", StringComparison.Ordinal)), "--out", Res());
        Assert.Equal(2, exit);
        Assert.Contains("robust.is_on", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_record_the_trainer_that_trained_them()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--out", Res()).Exit);
        Assert.Equal("stacked", (string)JsonNode.Parse(File.ReadAllText(Res("cells/concat-real-n16-s1.json")))!["trainer"]!);
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--robust-alpha", "0.3", "--force", "--out", Res()).Exit);
        Assert.Equal("plain", (string)JsonNode.Parse(File.ReadAllText(Res("cells/concat-real-n16-s1.json")))!["trainer"]!);
        var runs = File.ReadAllLines(Res("tables/runs.csv"));
        int column = Array.IndexOf(runs[0].Split(','), "trainer");
        Assert.All(runs.Skip(1), r => Assert.Equal("plain", r.Split(',')[column]));
    }

    [Fact]
    public void Train_out_writes_the_result_beside_the_checkpoint_and_every_setting()
    {
        var (exit, stdout, stderr) = CliRunner.Run("train", "--builtin-count", "300", "--builtin-dims", "8", "--size", "64", "--epochs", "2",
            "--out", dir.File("run"), "--json");
        Assert.True(exit == 0, stderr);
        Assert.Equal(stdout.Trim(), File.ReadAllText(dir.File("run/result.json")).Trim());
        var cell = JsonNode.Parse(File.ReadAllText(dir.File("run/cell.json")))!;
        Assert.Equal(0.9, (double)cell["train"]!["betas"]!["beta1"]!);
        Assert.Equal(0.999, (double)cell["train"]!["betas"]!["beta2"]!);
    }

    [Fact]
    public void Provenance_names_the_build_and_every_invocation_is_logged()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--out", Res()).Exit);
        Assert.Equal(0, CliRunner.Run("run", "--config", Config(), "--out", Res()).Exit);
        var provenance = JsonNode.Parse(File.ReadAllText(Res("provenance.json")))!;
        Assert.Equal(BuildInfo.Commit, (string)provenance["git_commit"]!);
        Assert.Equal(BuildInfo.Version, (string)provenance["super_fuse"]!);
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", BuildInfo.Version);
        Assert.NotEqual("1.0.0", BuildInfo.Version);
        var log = RunLog.Read(Res());
        Assert.Equal(2, log.Count);
        Assert.Equal([4, 0], log.Select(p => p.CellsTrained));
        Assert.Contains("Run log", File.ReadAllText(Res("report.html")), StringComparison.Ordinal);
    }
}
