using System.Text.Json;
using SuperFuse.Experiments;

namespace SuperFuse.Reporting;

/// <summary>The results folder: config.json, provenance.json, cells/, tables/, figures/ and report.html.</summary>
public static class StudyFolder
{
    /// <summary>File name of the resolved config.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>
    /// Saves <paramref name="config"/> as the folder's config. A folder that already holds another config is an error
    /// unless <paramref name="force"/>, so results of two studies never mix.
    /// </summary>
    public static void Claim(string folder, StudyConfig config, bool force)
    {
        OutputFolder.Ensure(folder);
        string path = Path.Combine(folder, ConfigFile);
        string json = JsonSerializer.Serialize(config, ResultJson.Options);
        if (File.Exists(path) && !force && File.ReadAllText(path) != json)
        {
            throw new UserInputException(
                $"{path}: the results folder holds another study's config; expected the same config (use --force to replace it, or another --out)");
        }
        AtomicFile.WriteAllText(path, json);
    }

    /// <summary>Reads the config saved in <paramref name="folder"/>.</summary>
    public static StudyConfig LoadConfig(string folder)
    {
        string path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path)) throw new UserInputException($"{path}: not found; expected a results folder written by 'superfuse run'");
        return ConfigJson.Parse(File.ReadAllText(path), path);
    }
}
