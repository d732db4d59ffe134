using System.Diagnostics;
using System.Runtime.InteropServices;
using SuperFuse.Runtime;

namespace SuperFuse.Reporting;

/// <summary>Where and with what a study ran, saved as <c>provenance.json</c> beside the results.</summary>
public sealed record Provenance
{
    /// <summary>SuperFuse library version.</summary>
    public string SuperFuse { get; init; } = typeof(Provenance).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>TorchSharp assembly version.</summary>
    public string TorchSharp { get; init; } = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>libtorch build (the libtorch-cpu-linux-x64 package).</summary>
    public string Libtorch { get; init; } = "2.10.0 (cpu)";

    /// <summary>.NET runtime.</summary>
    public string Runtime { get; init; } = RuntimeInformation.FrameworkDescription;

    /// <summary>Operating system.</summary>
    public string Os { get; init; } = RuntimeInformation.OSDescription;

    /// <summary>Logical cores.</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>libtorch intra-op threads.</summary>
    public int Threads { get; init; } = TorchRuntime.Threads;

    /// <summary>Host name.</summary>
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>The grid slice this process ran, e.g. <c>shard-2-of-4</c>, or "all".</summary>
    public string Shard { get; init; } = "all";

    /// <summary>Compute device.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Git commit of the working directory, or "unknown".</summary>
    public string GitCommit { get; init; } = "unknown";

    /// <summary>Command line.</summary>
    public string Command { get; init; } = "";

    /// <summary>Start time (UTC, ISO 8601).</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>End time (UTC, ISO 8601); null while running.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Cells trained by this invocation (not skipped).</summary>
    public int CellsTrained { get; init; }

    /// <summary>The current commit from <c>git rev-parse HEAD</c>, or "unknown" outside a repository.</summary>
    public static string ReadGitCommit()
    {
        try
        {
            var info = new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(info);
            if (git is null) return "unknown";
            string sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && sha.Length >= 7 ? sha : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
