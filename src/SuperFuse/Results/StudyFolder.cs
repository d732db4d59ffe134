using System.Globalization;
using System.Text.Json;
using SuperFuse.Experiments;
using SuperFuse.IO;

namespace SuperFuse.Results;

/// <summary>The results folder: config.json, provenance.json, cells/, tables/, figures/ and report.html.</summary>
public static class StudyFolder
{
    /// <summary>File name of the resolved config.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>Where a replaced study's results are moved: <c>previous/&lt;UTC time&gt;/</c>.</summary>
    public const string PreviousFolder = "previous";

    // Everything a study writes into its folder (run-log.jsonl stays: it records the folder's whole history).
    private static readonly string[] StudyEntries = [ConfigFile, "provenance.json", "report.html", "cells", "tables", "figures", "shards", "slurm"];

    /// <summary>
    /// Saves <paramref name="config"/> as the folder's config. A folder that holds another study's config is an error
    /// unless <paramref name="force"/>; then that study's results are moved aside into <c>previous/&lt;time&gt;/</c> first, so
    /// one folder never holds two studies' cells. With <paramref name="replaceSame"/> the results of the same config are
    /// moved aside too (everything is redone). Returns the folder they were moved to, or null.
    /// </summary>
    public static string? Claim(string folder, StudyConfig config, bool force, bool replaceSame = false)
    {
        OutputFolder.Ensure(folder);
        string path = Path.Combine(folder, ConfigFile);
        string json = JsonSerializer.Serialize(config, ResultJson.Options);
        string? moved = null;
        bool other = File.Exists(path) && File.ReadAllText(path) != json;
        if (other && !force)
        {
            throw new UserInputException(
                $"{path}: the results folder holds another study's config; expected the same config (use --force to move that study aside, or another --out)");
        }
        if (other || (force && replaceSame && File.Exists(path))) moved = MoveAside(folder);
        AtomicFile.WriteAllText(path, json);
        return moved;
    }

    /// <summary>Reads the config saved in <paramref name="folder"/>.</summary>
    public static StudyConfig LoadConfig(string folder)
    {
        string path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path)) throw new UserInputException($"{path}: not found; expected a results folder written by 'superfuse run'");
        return Data.DataFiles.Guard(path, "JSON config", () => ConfigJson.Parse(File.ReadAllText(path), path));
    }

    private static string MoveAside(string folder)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string target = Path.Combine(folder, PreviousFolder, stamp);
        for (int k = 2; Directory.Exists(target); k++) target = Path.Combine(folder, PreviousFolder, $"{stamp}-{k}");
        OutputFolder.Ensure(target);
        foreach (string entry in StudyEntries)
        {
            string from = Path.Combine(folder, entry), to = Path.Combine(target, entry);
            if (File.Exists(from)) File.Move(from, to);
            else if (Directory.Exists(from)) Directory.Move(from, to);
        }
        return target;
    }
}
