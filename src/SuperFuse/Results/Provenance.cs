using System.Runtime.InteropServices;
using SuperFuse.Runtime;

namespace SuperFuse.Results;

/// <summary>Where and with what a study ran, saved as <c>provenance.json</c> beside the results.</summary>
public sealed record Provenance
{
    /// <summary>SuperFuse's release version, from the build.</summary>
    public string SuperFuse { get; init; } = BuildInfo.Version;

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

    /// <summary>The git commit SuperFuse was built from (embedded at build time), or "unknown" for a build outside git.</summary>
    public string GitCommit { get; init; } = BuildInfo.Commit;

    /// <summary>Command line.</summary>
    public string Command { get; init; } = "";

    /// <summary>Start time (UTC, ISO 8601).</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>End time (UTC, ISO 8601); null while running.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Cells trained by this invocation (not skipped).</summary>
    public int CellsTrained { get; init; }
}
