using System.Diagnostics;
using System.Text.RegularExpressions;
using SuperFuse.Tests.Cli;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Scale;

/// <summary>A real job array through sbatch on the cluster that .ci/slurm-up starts.</summary>
public sealed partial class SlurmTests(TinyStudy study) : IClassFixture<TinyStudy>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [GeneratedRegex(@"submitted array job (\d+) and report job (\d+)")]
    private static partial Regex Submitted();

    private static string Squeue(string jobs)
    {
        using var process = Process.Start(new ProcessStartInfo("squeue", ["-h", "-j", jobs, "-o", "%i %T"]) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }

    [SlurmFact]
    public void A_four_task_job_array_merges_into_the_single_process_results()
    {
        string folder = dir.File("res");
        var (exit, stdout, stderr) = CliRunner.Run("slurm", folder, "--config", study.Config, "--array", "4",
            "--cpus-per-task", "1", "--superfuse", SuperfuseProcess.CommandLine, "--submit");
        Assert.True(exit == 0, stderr);
        var ids = Submitted().Match(stdout);
        Assert.True(ids.Success, stdout);
        string jobs = $"{ids.Groups[1].Value},{ids.Groups[2].Value}";

        var clock = Stopwatch.StartNew();
        while (Squeue(jobs).Length > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"jobs {jobs} still queued: {Squeue(jobs)}");
            Thread.Sleep(500);
        }
        var logs = Directory.GetFiles(Path.Combine(folder, "slurm"), "*.out");
        Assert.Equal(5, logs.Length);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(folder, "shards"), "shard-*-of-4.json").Length);
        Assert.True(File.Exists(Path.Combine(folder, "report.html")), string.Join('\n', logs.Select(File.ReadAllText)));
        study.AssertSameResults(folder);
    }
}
