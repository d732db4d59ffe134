using System.Diagnostics;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>An output folder that cannot be written, and a disk that fills up mid-study.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputFailureTests : IDisposable
{
    private const string Study = """
        {"builtin_count": 300, "builtin_dims": 4, "fusions": ["concat", "product"], "tasks": ["real"], "sizes": [16, 32],
         "seeds": [1, 2], "epochs": 2, "noise": {"alphas": [0, 0.5]}}
        """;

    private readonly TempDir dir = new();
    private string? mounted;

    public void Dispose()
    {
        if (mounted is not null) Sh("umount", mounted);
        dir.Dispose();
    }

    private static void Sh(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {err}");
    }

    private string Config()
    {
        File.WriteAllText(dir.File("study.json"), Study);
        return dir.File("study.json");
    }

    [Fact]
    public void An_output_folder_without_write_permission_is_one_clear_line()
    {
        // Root ignores permission bits, so as root the folder goes where nobody may create one (sysfs).
        string parent = dir.File("locked");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        string target = Environment.IsPrivilegedProcess ? "/sys/superfuse-results-" + Guid.NewGuid().ToString("N") : Path.Combine(parent, "res");
        var result = SuperfuseProcess.Run(["run", "--config", Config(), "--out", target, "--threads", "1"]);
        BadInputCorpusTests.AssertOneLineError(result, [target, "writable"]);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [RootFact]
    public void A_full_disk_is_one_clear_line_and_keeps_the_finished_cells()
    {
        mounted = dir.File("disk");
        Directory.CreateDirectory(mounted);
        Sh("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mounted);
        string results = Path.Combine(mounted, "res");
        string[] run = ["run", "--config", Config(), "--out", results, "--threads", "1"];
        var half = SuperfuseProcess.Run([.. run, "--shard", "0/2"]);
        Assert.True(half.Exit == 0, half.Err);
        var before = BadInputCorpusTests.Snapshot(Path.Combine(results, "cells"));
        Assert.Equal(4, before.Count);

        string filler = Path.Combine(mounted, "filler");
        Fill(filler);
        var full = SuperfuseProcess.Run(run);
        BadInputCorpusTests.AssertOneLineError(full, ["No space left on device", results]);
        Assert.Equal(before, BadInputCorpusTests.Snapshot(Path.Combine(results, "cells")));
        Assert.Empty(Directory.GetFiles(results, "*.tmp", SearchOption.AllDirectories));

        File.Delete(filler);
        var resumed = SuperfuseProcess.Run(run);
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("trained 4 of 8 cells", resumed.Out, StringComparison.Ordinal);
    }

    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // The disk is full now.
        }
        try
        {
            while (true) stream.Write(block, 0, 1);
        }
        catch (IOException)
        {
            // Not even one more byte.
        }
    }
}
