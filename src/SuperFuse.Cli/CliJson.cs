using System.Text.Json;
using SuperFuse.IO;
using SuperFuse.Reporting;

namespace SuperFuse.Cli;

/// <summary>JSON of the CLI's machine-readable output: the result files' conventions, on one line.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(ResultJson.Options) { WriteIndented = false };
}
