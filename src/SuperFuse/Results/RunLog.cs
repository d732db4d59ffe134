using System.Text.Json;
using SuperFuse.IO;

namespace SuperFuse.Results;

/// <summary>
/// <c>run-log.jsonl</c>: one line per invocation that touched a results folder (start, end, command, threads, cells
/// trained, host, shard, version, commit), appended and never rewritten, so resumes and shards all leave their mark.
/// </summary>
public static class RunLog
{
    /// <summary>File name inside the results folder.</summary>
    public const string FileName = "run-log.jsonl";

    private static readonly JsonSerializerOptions Line = new(ResultJson.Options) { WriteIndented = false };

    /// <summary>Appends one invocation's provenance as a line.</summary>
    public static void Append(string folder, Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        string line = JsonSerializer.Serialize(provenance, Line) + "\n";
        try
        {
            File.AppendAllText(Path.Combine(folder, FileName), line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{Path.Combine(folder, FileName)}: cannot append to the run log ({e.Message}); expected a writable results folder", e);
        }
    }

    /// <summary>The invocations logged in <paramref name="folder"/>, oldest first; lines that do not parse are left out.</summary>
    public static IReadOnlyList<Provenance> Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return [];
        var entries = new List<Provenance>();
        foreach (string line in File.ReadAllLines(path).Where(l => l.Trim().Length > 0))
        {
            try
            {
                if (JsonSerializer.Deserialize<Provenance>(line, ResultJson.Options) is { } p) entries.Add(p);
            }
            catch (JsonException)
            {
                // A line cut short by a crash mid-append: the others still tell the folder's history.
            }
        }
        return entries;
    }
}
