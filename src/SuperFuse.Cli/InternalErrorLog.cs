using System.Globalization;
using SuperFuse.Results;

namespace SuperFuse.Cli;

/// <summary>Where the full trace of an internal error goes, so the terminal gets one line and the trace is not lost.</summary>
internal static class InternalErrorLog
{
    /// <summary>Writes the trace and the command line to a new file in the temp directory; returns its path.</summary>
    public static string Write(Exception error, string[] args)
    {
        string path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"superfuse-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log"));
        try
        {
            File.WriteAllText(path, $"superfuse {string.Join(' ', args)}\n{Results.BuildInfo.Version}+{Results.BuildInfo.Commit}\n\n{error}\n");
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(no log: {path} could not be written)";
        }
    }
}
