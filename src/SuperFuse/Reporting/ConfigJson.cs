using System.Text.Json;
using System.Text.Json.Serialization;
using SuperFuse.Experiments;

namespace SuperFuse.Reporting;

/// <summary>Reads study configs from JSON; unknown keys and wrong types are user errors naming the key.</summary>
public static class ConfigJson
{
    private static readonly JsonSerializerOptions Strict = new(ResultJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses <paramref name="json"/> read from <paramref name="source"/>.</summary>
    public static StudyConfig Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<StudyConfig>(json, Strict)
                ?? throw new UserInputException($"{source}: is empty; expected a JSON object");
        }
        catch (JsonException e)
        {
            string where = e.Path is { Length: > 1 } p ? $" at '{p.TrimStart('$', '.')}'" : "";
            throw new UserInputException($"{source}: invalid config{where}: {FirstLine(e.Message)}; expected the keys of docs/protocol.md", e);
        }
    }

    /// <summary>Reads a config file.</summary>
    public static StudyConfig Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found; expected a JSON config");
        return Parse(File.ReadAllText(path), path);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" Path:")[0].TrimEnd('.');
}
