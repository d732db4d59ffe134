using System.Reflection;

namespace SuperFuse.Results;

/// <summary>
/// The version and git commit this build of SuperFuse was made from. The SDK writes both into the assembly's
/// informational version ("1.1.0+&lt;sha&gt;") at build time, so they describe the running code wherever it runs from,
/// not the git state of the current folder.
/// </summary>
public static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The release version, e.g. 1.1.0.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The full commit hash, or "unknown" when the build had no git repository.</summary>
    public static string Commit => Informational.Split('+') is [_, var sha, ..] && sha.Length >= 7 ? sha : "unknown";
}
