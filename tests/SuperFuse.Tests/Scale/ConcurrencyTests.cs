using System.Text.RegularExpressions;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Scale;

/// <summary>Several processes writing into one results folder at once.</summary>
public sealed partial class ConcurrencyTests(TinyStudy study) : IClassFixture<TinyStudy>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Out => dir.File("res");

    private static List<(int Exit, string Out, string Err)> RunAll(IEnumerable<string[]> commands)
    {
        var started = commands.Select(SuperfuseProcess.Start).ToList();
        var results = new List<(int, string, string)>();
        foreach (var (process, stdout, stderr) in started)
        {
            using (process)
            {
                Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "a shard process hung");
                process.WaitForExit();
                results.Add((process.ExitCode, stdout.ToString(), stderr.ToString()));
            }
        }
        return results;
    }

    [GeneratedRegex(@"trained (\d+) of (\d+) cells")]
    private static partial Regex TrainedLine();

    private static int Trained(string stdout) => int.Parse(TrainedLine().Match(stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Four_shards_at_once_merge_into_the_single_process_results()
    {
        var results = RunAll(Enumerable.Range(0, 4).Select(i =>
            new[] { "run", "--config", study.Config, "--out", Out, "--threads", "1", "--shard", $"{i}/4" }));
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Err));
        Assert.Equal(ReferenceStudy.CellCount, results.Sum(r => Trained(r.Out)));
        Assert.False(File.Exists(Path.Combine(Out, "report.html")), "a shard drew a report of partial results");
        Assert.Equal(4, Directory.GetFiles(Path.Combine(Out, "shards"), "shard-*-of-4.json").Length);

        var (exit, _, err) = SuperfuseProcess.Run(["report", Out]);
        Assert.True(exit == 0, err);
        study.AssertSameResults(Out);
    }

    [Fact]
    public void Two_processes_on_the_same_cells_train_each_cell_once_and_corrupt_nothing()
    {
        string[] same = ["run", "--config", study.Config, "--out", Out, "--threads", "1"];
        var results = RunAll([same, same]);
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Err));
        Assert.Equal(ReferenceStudy.CellCount, results.Sum(r => Trained(r.Out)));
        Assert.Empty(Directory.GetFiles(Path.Combine(Out, "cells"), "*.lock"));

        var (exit, _, err) = SuperfuseProcess.Run(["report", Out]);
        Assert.True(exit == 0, err);
        study.AssertSameResults(Out);
    }

    [Fact]
    public void The_same_cell_in_two_processes_gives_byte_identical_result_rows()
    {
        string[] Cell(string folder) => ["run", "--config", study.Config, "--out", dir.File(folder), "--threads", "1",
            "--fusions", "product", "--tasks", "synthetic", "--sizes", "32", "--seeds", "2"];
        var results = RunAll([Cell("a"), Cell("b")]);
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Err));
        foreach (var table in new[] { "runs", "noise" })
        {
            string a = File.ReadAllText(dir.File($"a/tables/{table}.csv"));
            Assert.Equal(a, File.ReadAllText(dir.File($"b/tables/{table}.csv")));
            Assert.Contains("product-synthetic-n32-s2", a, StringComparison.Ordinal);
        }
    }
}
