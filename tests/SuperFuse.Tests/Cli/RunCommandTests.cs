using System.Text.Json;
using System.Xml.Linq;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>End-to-end: a tiny grid through <c>superfuse run</c> and <c>superfuse report</c>.</summary>
public sealed class RunCommandTests : IDisposable
{
    private const string TinyConfig = """
        {"builtin_count": 400, "builtin_dims": 8, "fusions": ["concat", "product"], "tasks": ["real", "synthetic"],
         "sizes": [16, 32], "seeds": [1, 2], "epochs": 2, "noise": {"alphas": [0, 0.1, 0.5]}}
        """;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Config(string json = TinyConfig)
    {
        File.WriteAllText(dir.File("study.json"), json);
        return dir.File("study.json");
    }

    private (int Exit, string Out, string Err) Run(params string[] extra) =>
        CliRunner.Run(["run", "--config", Config(), "--out", dir.File("res"), .. extra]);

    private string Read(string relative) => File.ReadAllText(Path.Combine(dir.File("res"), relative));

    [Fact]
    public void Tiny_grid_writes_tables_figures_and_report_and_resumes_without_training()
    {
        var (exit, stdout, stderr) = Run();
        Assert.True(exit == 0, stderr);
        Assert.Contains("trained 16 of 16 cells", stdout, StringComparison.Ordinal);
        // 2 tasks × 2 fusions × 2 sizes × 2 seeds = 16 cells; × 3 conditions × 3 α = 144 noise rows.
        Assert.Equal(16 + 1, Read("tables/runs.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(144 + 1, Read("tables/noise.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(File.Exists(Path.Combine(dir.File("res"), "tables/runs.parquet")));
        foreach (var figure in new[] { "figure1", "figure2", "figure3" })
        {
            var png = File.ReadAllBytes(Path.Combine(dir.File("res"), "figures", figure + ".png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Equal("svg", XDocument.Parse(Read($"figures/{figure}.svg")).Root!.Name.LocalName);
        }
        Assert.Contains("data:image/png;base64,", Read("report.html"), StringComparison.Ordinal);
        Assert.Contains("\"git_commit\"", Read("provenance.json"), StringComparison.Ordinal);

        string runs = Read("tables/runs.csv"), noise = Read("tables/noise.csv");
        var again = Run();
        Assert.Equal(0, again.Exit);
        Assert.Contains("trained 0 of 16 cells", again.Out, StringComparison.Ordinal);
        Assert.Equal(runs, Read("tables/runs.csv"));
        Assert.Equal(noise, Read("tables/noise.csv"));
    }

    [Fact]
    public void Report_alone_rebuilds_everything_from_saved_cells()
    {
        Assert.Equal(0, Run().Exit);
        string runs = Read("tables/runs.csv");
        File.Delete(Path.Combine(dir.File("res"), "report.html"));
        Directory.Delete(Path.Combine(dir.File("res"), "figures"), recursive: true);
        Directory.Delete(Path.Combine(dir.File("res"), "tables"), recursive: true);
        var (exit, stdout, stderr) = CliRunner.Run("report", dir.File("res"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("report.html", stdout, StringComparison.Ordinal);
        Assert.Equal(runs, Read("tables/runs.csv"));
        Assert.True(File.Exists(Path.Combine(dir.File("res"), "figures", "figure3.png")));
    }

    [Fact]
    public void Force_redoes_finished_cells()
    {
        Assert.Equal(0, Run().Exit);
        var again = Run("--force");
        Assert.Contains("trained 16 of 16 cells", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_cells_give_identical_results_in_a_fresh_folder()
    {
        Assert.Equal(0, Run().Exit);
        string first = Read("cells/product-synthetic-n32-s2.json");
        var other = CliRunner.Run("run", "--config", Config(), "--out", dir.File("res2"), "--fusions", "product", "--tasks", "synthetic", "--sizes", "32", "--seeds", "2");
        Assert.Equal(0, other.Exit);
        var a = JsonDocument.Parse(first).RootElement;
        var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("res2"), "cells/product-synthetic-n32-s2.json"))).RootElement;
        Assert.Equal(a.GetProperty("test_accuracy").GetDouble(), b.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(a.GetProperty("noise").GetRawText(), b.GetProperty("noise").GetRawText());
    }
}
