using System.Text.Json;
using System.Text.Json.Serialization;
using SuperFuse.Data;
using SuperFuse.IO;
using SuperFuse.Model;

namespace SuperFuse.Experiments;

/// <summary>Reads study configs from JSON; unknown keys and wrong types are user errors naming the key.</summary>
public static class ConfigJson
{
    private static readonly JsonSerializerOptions Strict = StrictOptions();

    // The shared options, refusing unknown keys, with the named values read by the command line's own parsers.
    private static JsonSerializerOptions StrictOptions()
    {
        var options = new JsonSerializerOptions(ResultJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        JsonConverter[] named =
        [
            new NamedValueJson<AlignMethod>(Alignment.Parse, a => a.Name()),
            new NamedValueJson<LearningTask>(LearningTasks.Parse, t => t.Name()),
            new NamedValueJson<TrainerMode>(TrainerModes.Parse, m => m.ToString().ToLowerInvariant()),
            new NamedValueJson<HeadKind>(ModelOptions.ParseHead, h => h.ToString().ToLowerInvariant()),
        ];
        for (int i = 0; i < named.Length; i++) options.Converters.Insert(i, named[i]);
        return options;
    }

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
            if (e.InnerException is UserInputException named) throw new UserInputException($"{source}: invalid config{where}: {named.Message}", e);
            string why = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown key" : FirstLine(e.Message);
            throw new UserInputException($"{source}: invalid config{where}: {why}; expected the keys of docs/protocol.md", e);
        }
    }

    /// <summary>Reads and checks a config file (strict UTF-8); errors name the file and the key.</summary>
    public static StudyConfig Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found; expected a JSON config");
        var config = DataFiles.Guard(path, "JSON config", () => Parse(TextFiles.ReadUtf8(path), path));
        try
        {
            StudyGrid.Validate(config);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{path}: {e.Message}", e);
        }
        return config;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" Path:")[0].TrimEnd('.');
}
