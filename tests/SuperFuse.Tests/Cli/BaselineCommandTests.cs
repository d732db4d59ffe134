using System.Text.Json.Nodes;
using SuperFuse.Data;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>Baselines, degenerate labels, noise draws and the results format through <c>superfuse run</c> and <c>report</c>.</summary>
public sealed class BaselineCommandTests : IDisposable
{
    private const string Tiny = """
        {"builtin_count": 400, "builtin_dims": 8, "fusions": ["concat"], "tasks": ["real"], "sizes": [16],
         "seeds": [1, 2], "epochs": 2, "noise": {"alphas": [0, 0.1, 0.5]}}
        """;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Write(string name, string text)
    {
        File.WriteAllText(dir.File(name), text);
        return dir.File(name);
    }

    [Fact]
    public void A_one_class_synthetic_task_prints_the_warning_and_runs_anyway()
    {
        // All-positive embeddings: T·I > 0 on every row, so the synthetic task is one class.
        var g = new SeededGaussian(2);
        double[] Positive() => [.. Enumerable.Range(0, 120 * 4).Select(_ => 1 + Math.Abs(g.Next()))];
        string npz = dir.File("positive.npz");
        ArrayFiles.WriteNpz(npz, ArrayFiles.Members(Positive(), Positive(), 4, [.. Enumerable.Range(0, 120).Select(r => (double)(r % 2))]));
        var (exit, _, stderr) = CliRunner.Run("run", "--data", npz, "--fusions", "concat", "--tasks", "real,synthetic", "--sizes", "16",
            "--seeds", "2", "--epochs", "1", "--alphas", "0,0.5", "--out", dir.File("res"));
        Assert.True(exit == 0, stderr);
        var warning = stderr.Split('\n').Single(l => l.StartsWith("superfuse: warning:", StringComparison.Ordinal));
        Assert.Contains("task synthetic: 100.0 % of the train pool is class 'T·I > 0'", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("task real", stderr, StringComparison.Ordinal);
        Assert.Contains("task synthetic: 100.0 %", File.ReadAllText(dir.File("res/report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_carry_the_majority_rate_and_noise_draws_get_a_row_each()
    {
        var (exit, _, stderr) = CliRunner.Run("run", "--config", Write("s.json", Tiny), "--noise-draws", "3", "--out", dir.File("res"));
        Assert.True(exit == 0, stderr);
        var runs = File.ReadAllLines(dir.File("res/tables/runs.csv"));
        int column = Array.IndexOf(runs[0].Split(','), "majority_accuracy");
        Assert.True(column > 0);
        // The built-in data's real labels are balanced, and the test split is stratified: majority 0.5.
        Assert.All(runs.Skip(1), r => Assert.Equal("0.5", r.Split(',')[column]));
        var noise = File.ReadAllLines(dir.File("res/tables/noise.csv"));
        Assert.Contains("draw", noise[0].Split(','));
        // 2 cells × 3 conditions × 3 α × 3 draws.
        Assert.Equal(2 * 3 * 3 * 3, noise.Length - 1);
        var claims = File.ReadAllLines(dir.File("res/tables/claims.csv"));
        Assert.Equal("claim,task,verdict,comparisons,seeds,held,contradicted,excluded_at_baseline", claims[0]);
        // Two seeds: every claim on the real task is "too few seeds"; the synthetic task did not run.
        Assert.All(claims.Skip(1).Where(l => l.Contains(",real,", StringComparison.Ordinal)), l => Assert.Contains("too few seeds", l, StringComparison.Ordinal));
        Assert.All(claims.Skip(1).Where(l => l.Contains(",synthetic,", StringComparison.Ordinal)), l => Assert.Contains("inconclusive,0,0", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Draws_are_seeded_and_differ_from_each_other()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Write("s.json", Tiny), "--noise-draws", "2", "--out", dir.File("a")).Exit);
        Assert.Equal(0, CliRunner.Run("run", "--config", dir.File("s.json"), "--noise-draws", "2", "--out", dir.File("b")).Exit);
        string a = File.ReadAllText(dir.File("a/tables/noise.csv"));
        Assert.Equal(a, File.ReadAllText(dir.File("b/tables/noise.csv")));
        var rows = a.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Where(f => f[6] == "0.5").ToList();
        Assert.NotEqual(rows.Where(f => f[7] == "0").Select(f => f[8]), rows.Where(f => f[7] == "1").Select(f => f[8]));
    }

    [Theory]
    [InlineData("0", "noise.draws is 0")]
    [InlineData("-2", "noise.draws is -2")]
    public void Bad_noise_draws_get_one_line(string draws, string message)
    {
        var (exit, _, stderr) = CliRunner.Run("run", "--config", Write("s.json", Tiny), "--noise-draws", draws, "--out", dir.File("res"));
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(dir.File("res")));
    }

    [Fact]
    public void A_folder_of_an_older_results_format_is_refused_with_one_line()
    {
        Assert.Equal(0, CliRunner.Run("run", "--config", Write("s.json", Tiny), "--out", dir.File("res")).Exit);
        string cell = Directory.GetFiles(dir.File("res/cells"), "*.json")[0];
        var json = JsonNode.Parse(File.ReadAllText(cell))!.AsObject();
        json.Remove("format_version");
        File.WriteAllText(cell, json.ToJsonString());
        var (exit, _, stderr) = CliRunner.Run("report", dir.File("res"));
        Assert.Equal(2, exit);
        Assert.Contains("results format 1; this superfuse reads format 2", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Cca_alignment_runs_end_to_end_and_is_recorded()
    {
        var g = new SeededGaussian(4);
        double[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => g.Next())];
        // Text 6-d, image 4-d: written as a folder of .npy files with their own widths.
        var members = new Dictionary<string, byte[]>
        {
            ["text"] = NpyBytes.Build("<f4", [200, 6], NpyBytes.Encode("<f4", Values(200 * 6))),
            ["image"] = NpyBytes.Build("<f4", [200, 4], NpyBytes.Encode("<f4", Values(200 * 4))),
            ["label"] = NpyBytes.Build("<i8", [200], NpyBytes.Encode("<i8", Enumerable.Range(0, 200).Select(r => (double)(r % 2)))),
        };
        ArrayFiles.WriteFolder(dir.File("uneven"), members);
        var (exit, _, stderr) = CliRunner.Run("run", "--data", dir.File("uneven"), "--fusions", "product", "--tasks", "real,synthetic",
            "--sizes", "32", "--seeds", "2", "--epochs", "1", "--alphas", "0,0.5", "--out", dir.File("res"));
        Assert.True(exit == 0, stderr);
        var config = JsonNode.Parse(File.ReadAllText(dir.File("res/config.json")))!;
        Assert.Equal("cca", (string)config["align"]!);
        Assert.Equal(4, (int)config["align_width"]!);
        Assert.Equal(0.1, (double)config["cca_ridge"]!);
    }
}
